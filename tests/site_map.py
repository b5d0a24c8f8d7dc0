"""The site map of DESIGN.md §2 that tests hold the site to."""

# The six pillars, in their order on the home page and in the main navigation.
PILLAR_SLUGS = [
    "thu-tuc-hanh-chinh",
    "phan-anh-kien-nghi",
    "dieu-hanh-cong-khai",
    "van-hoa-xa-hoi",
    "doanh-nghiep",
    "so-lieu",
]

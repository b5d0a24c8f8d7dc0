"""Light demo wards beside the full demo ward: `seed_demo --wards N` (README, «Several wards»).

Each is provisioned as a real ward is (content/provisioning.py), at ``phuong-N.localhost``,
with a few residential groups, two pages, three reports and dashboard readings of its own
(its own size and rates: dashboard.demo.seed_light), so that several wards can be walked on
one machine and the city's dashboard has a spread to show. The city's own site comes with
them, at ``thanh-pho.localhost`` (``seed_city``). Idempotent: ward N is found by its host name,
its pages by slug and its reports by their form token. Names and addresses are invented.
"""

import datetime

from django.utils import timezone

from content import ward_pages
from content.models import Place, StandardPage, WardSettings
from content.provisioning import WardRow, provision_ward
from content.text import ascii_slug
from dashboard.demo import seed_light

CITY_HOST = "thanh-pho.localhost"
CITY_NAME = "Hà Nội"

NAMES = [
    "Hồ Sen",
    "Cây Đa",
    "Bến Nghé Mới",
    "Giếng Ngọc",
    "Đồng Xanh",
    "Bãi Bồi",
    "Thành Cổ",
    "Núi Một",
    "Hoa Sữa",
    "Làng Gốm",
]
PLACES_PER_WARD = 5
# (pillar slug, title, intro, paragraph) with {ward} for the ward's name.
PAGES = [
    (
        "dieu-hanh-cong-khai",
        "Thông báo lịch tiếp công dân tháng này",
        "Chủ tịch UBND {ward} tiếp công dân định kỳ vào ngày 15 hằng tháng tại trụ sở.",
        "Công dân đến tiếp xúc mang theo căn cước và các giấy tờ liên quan đến nội dung "
        "khiếu nại, tố cáo, kiến nghị, phản ánh.",
    ),
    (
        "van-hoa-xa-hoi",
        "Lịch tiêm chủng mở rộng tại Trạm Y tế {ward}",
        "Tiêm chủng mở rộng miễn phí cho trẻ dưới 5 tuổi vào ngày 10 hằng tháng.",
        "Cha mẹ mang theo sổ tiêm chủng hoặc mở ứng dụng VNeID để tra cứu lịch sử tiêm của trẻ.",
    ),
]
# (token suffix, category slug, description, public title)
REPORTS = [
    (
        "1",
        "ve-sinh-moi-truong",
        "Rác thải để tràn ra lòng đường ở đầu ngõ, mùi hôi ảnh hưởng nhà dân.",
        "Rác tràn ra đường ở đầu ngõ",
    ),
    (
        "2",
        "ha-tang-chieu-sang",
        "Đèn chiếu sáng trong ngõ hỏng đã một tuần, buổi tối rất tối.",
        "Đèn chiếu sáng trong ngõ bị hỏng",
    ),
    (
        "3",
        "trat-tu-do-thi",
        "Hàng quán lấn chiếm vỉa hè, người đi bộ phải xuống lòng đường.",
        "Lấn chiếm vỉa hè",
    ),
]


def name_of(number):
    if number <= len(NAMES):
        return NAMES[number - 1]
    return f"Mẫu Số {number}"


def row_for(number):
    name = name_of(number)
    places = [
        {
            "code": f"tdp-{i:02d}",
            "name": f"Tổ dân phố số {i}",
            "kind": Place.Kind.RESIDENTIAL_GROUP,
            "area": "",
            "sort_order": i,
        }
        for i in range(1, PLACES_PER_WARD + 1)
    ]
    return WardRow(
        name=name,
        kind=ward_pages.WARD,
        hostname=f"phuong-{number}.localhost",
        port=80,
        dvc_unit_code=f"DEMO.{number:03d}",
        ihanoi_unit=f"DEMO-{number:03d}",
        address=f"Số {number} đường Minh Họa, phường {name} (địa chỉ minh họa)",
        hotline=f"0243 000 {9000 + number}",
        places=places,
    )


def seed_light_ward(number):
    """Ward ``number`` of the light demo wards; returns its site."""
    result = provision_ward(row_for(number))
    site = result.site
    WardSettings.objects.filter(site=site).update(is_demo=True)
    home = site.root_page
    ward = result.row.ward_name
    for pillar_slug, title, intro, paragraph in PAGES:
        pillar = home.get_children().get(slug=pillar_slug)
        title = title.format(ward=ward)
        ward_pages.ensure_child(
            pillar,
            StandardPage,
            ascii_slug(title)[:80],
            title=title,
            intro=intro.format(ward=ward),
            body=ward_pages.body([paragraph]),
        )
    _reports(site)
    seed_light(site, number)
    return site


def seed_city():
    """The city's own site (content/provisioning.py, kind «thành phố»); returns its site, or
    None when the install already has a city under another host name."""
    city = WardSettings.objects.filter(is_city=True).select_related("site").first()
    if city is not None and city.site.hostname != CITY_HOST:
        return None
    row = WardRow(
        name=CITY_NAME,
        kind=ward_pages.CITY,
        hostname=CITY_HOST,
        port=80,
        address="Số 1 đường Minh Họa (địa chỉ minh họa)",
        hotline="0243 000 1000",
    )
    site = provision_ward(row).site
    WardSettings.objects.filter(site=site).update(is_demo=True)
    news = site.root_page.get_children().get(slug="tin-tuc")
    title = "Các phường, xã công khai số liệu phục vụ người dân"
    ward_pages.ensure_child(
        news,
        StandardPage,
        ascii_slug(title)[:80],
        title=title,
        intro="Từ tháng này, trang Số liệu của thành phố cho thấy mọi phường, xã trên cùng "
        "một trang (tin minh họa).",
        body=ward_pages.body(
            [
                "Mỗi phường, xã vẫn công khai số liệu trên Cổng của mình; trang của thành phố "
                "cộng số đếm của mọi phường, xã để tính số liệu toàn thành phố, và cho biết "
                "từng phường, xã đứng ở đâu so với mục tiêu."
            ]
        ),
    )
    return site


def _reports(site):
    from feedback.models import FeedbackCategory, create_report

    places = list(Place.objects.filter(site=site).order_by("sort_order"))
    categories = {c.slug: c for c in FeedbackCategory.objects.all()}
    now = timezone.now()
    for index, (suffix, slug, text, title) in enumerate(REPORTS):
        category = categories.get(slug) or next(iter(categories.values()), None)
        received = now - datetime.timedelta(days=index + 1)
        create_report(
            site=site,
            token=f"demo-ward-{site.pk}-{suffix}",
            category=category,
            place=places[index % len(places)] if places else None,
            description=text,
            public_title=title,
            address=f"Ngõ {index + 2} (địa chỉ minh họa)",
            contact_name="Người dân Minh Họa",
            contact_phone=f"0900000{index:03d}",
            consent_at=received,
            consent_version="2026-01",
            received_at=received,
        )

"""The business pillar itself (``/doanh-nghiep/``)."""

from content.models import SectionPage


class BusinessPage(SectionPage):
    """The pillar: guides for businesses and household businesses by topic."""

    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.SectionPage", "content.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Trang Doanh nghiệp – hộ kinh doanh"
        verbose_name_plural = "Trang Doanh nghiệp – hộ kinh doanh"

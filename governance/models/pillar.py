"""The governance pillar itself (``/dieu-hanh-cong-khai/``)."""

from content.models import SectionPage
from content.visibility import public

from .feeds import feed_links


class GovernancePage(SectionPage):
    """The pillar: a section whose children are the register, the schedule, the disclosures
    and the announcements; it shows the latest of each at a glance."""

    parent_page_types = ["content.HomePage"]
    subpage_types = [
        "governance.DocumentRegisterPage",
        "governance.ScheduleIndexPage",
        "governance.DisclosureIndexPage",
        "governance.AnnouncementIndexPage",
        "content.SectionPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Trang Điều hành – công khai"
        verbose_name_plural = "Trang Điều hành – công khai"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["feeds"] = feed_links(self, request, ("documents", "announcements"))
        context["children"] = public(self.get_children().live(), request).specific()
        return context

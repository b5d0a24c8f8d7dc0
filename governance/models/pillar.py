"""The governance pillar itself (``/dieu-hanh-cong-khai/``)."""

from content.models import SectionPage
from content.visibility import public

from .announcements import AnnouncementIndexPage, AnnouncementPage
from .disclosures import DisclosureIndexPage
from .documents import DocumentRegisterPage, OfficialDocumentPage
from .feeds import feed_links
from .schedule import ScheduleIndexPage

LATEST = 5


class GovernancePage(SectionPage):
    """The pillar: a section whose children are the register, the schedule, the disclosures
    and the announcements; under its cards it lists the newest documents and announcements."""

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

    @staticmethod
    def parts():
        return [DocumentRegisterPage, ScheduleIndexPage, DisclosureIndexPage, AnnouncementIndexPage]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["feeds"] = feed_links(self, request, ("documents", "announcements"))
        # The pillar's own parts first, in the order of parts(), then any other page.
        order = {model: position for position, model in enumerate(self.parts())}
        context["children"] = sorted(
            context["children"], key=lambda child: order.get(type(child), len(order))
        )
        context["latest_documents"] = list(
            public(OfficialDocumentPage.objects.descendant_of(self).live(), request)
            .only(
                "id",
                "title",
                "number",
                "doc_type",
                "issued_on",
                "status",
                "url_path",
                "path",
                "depth",
            )
            .order_by("-issued_on", "-pk")[:LATEST]
        )
        context["latest_announcements"] = list(
            public(AnnouncementPage.objects.descendant_of(self).live(), request)
            .only("id", "title", "kind", "first_published_at", "url_path", "path", "depth")
            .order_by("-first_published_at", "-pk")[:LATEST]
        )
        return context

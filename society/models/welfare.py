"""Social welfare (an sinh xã hội): the ward's policies, each saying who qualifies, what they
get and how to apply, linked to the procedures to file and to the disclosed beneficiary lists
of the governance pillar."""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from content import page_cache
from content.models import BasePage, SectionPage, SourceAndContact
from content.visibility import public

RICH_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class WelfareIndexPage(SectionPage):
    """/van-hoa-xa-hoi/chinh-sach-xa-hoi/: the list of welfare policies."""

    parent_page_types = ["society.SocietyPage"]
    subpage_types = ["society.WelfarePolicyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Trang Chính sách an sinh xã hội"
        verbose_name_plural = "Trang Chính sách an sinh xã hội"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Pages: kept until the next publication (content.page_cache).
        context["policies"] = page_cache.kept(
            f"society:welfare-policies:{self.pk}",
            lambda: list(
                public(WelfarePolicyPage.objects.child_of(self).live(), request).order_by("path")
            ),
        )
        page_cache.history(self)
        return context


class WelfarePolicyPage(BasePage, SourceAndContact):  # noqa: DJ008 - Page has __str__
    """One welfare policy: who qualifies, the benefit, how to apply, the procedures to file and
    the published beneficiary lists."""

    target_group = models.CharField(
        "Dành cho",
        max_length=200,
        help_text="Một dòng, ví dụ: Người cao tuổi từ 75 tuổi không có lương hưu.",
    )
    eligibility = RichTextField("Ai được hưởng", features=RICH_FEATURES)
    benefit = RichTextField("Mức hưởng", features=RICH_FEATURES)
    how_to_apply = RichTextField("Cách đăng ký", features=RICH_FEATURES)
    procedures = StreamField(
        [
            (
                "procedure",
                blocks.PageChooserBlock(page_type="tthc.ProcedurePage", label="Thủ tục"),
            )
        ],
        blank=True,
        verbose_name="Thủ tục hành chính liên quan",
    )
    disclosures = StreamField(
        [
            (
                "disclosure",
                blocks.PageChooserBlock(
                    page_type="governance.DisclosurePage", label="Danh sách công khai"
                ),
            )
        ],
        blank=True,
        verbose_name="Danh sách thụ hưởng đã công khai",
    )

    parent_page_types = ["society.WelfareIndexPage"]
    subpage_types = []
    default_review_days = 180
    search_kind = "huong-dan"
    search_fields = BasePage.search_fields + [
        index.SearchField("target_group"),
        index.SearchField("eligibility"),
        index.SearchField("benefit"),
        index.SearchField("how_to_apply"),
    ]
    reviewed_fields = (
        BasePage.reviewed_fields
        + ["target_group", "eligibility", "benefit", "how_to_apply", "procedures", "disclosures"]
        + SourceAndContact.source_fields
    )
    content_panels = (
        BasePage.content_panels
        + [
            FieldPanel("intro"),
            FieldPanel("target_group"),
            FieldPanel("eligibility"),
            FieldPanel("benefit"),
            FieldPanel("how_to_apply"),
            MultiFieldPanel(["procedures", "disclosures"], "Liên kết"),
            SourceAndContact.source_panel,
        ]
        + BasePage.change_note_panels
    )

    class Meta:
        verbose_name = "Chính sách an sinh xã hội"
        verbose_name_plural = "Chính sách an sinh xã hội"

    def publishing_checklist(self):
        return super().publishing_checklist() + self.complete_post_checklist()

    def _linked(self, stream, request):
        """The live, public pages a stream links to, in the editor's order (one query)."""
        ids = [item["value"] for item in stream.raw_data if item.get("value")]
        if not ids:
            return []
        found = {
            page.pk: page
            for page in public(Page.objects.live().filter(pk__in=ids), request).specific()
        }
        return [found[pk] for pk in ids if pk in found]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Pages: kept until the next publication (content.page_cache), with the history.
        context["linked_procedures"], context["linked_disclosures"] = page_cache.kept(
            f"society:welfare-links:{self.pk}",
            lambda: (
                self._linked(self.procedures, request),
                self._linked(self.disclosures, request),
            ),
        )
        page_cache.history(self)
        return context

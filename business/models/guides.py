"""Guides for businesses and household businesses, one per topic, each linked to the
procedures it needs and the official documents it cites (docs/business.md).

A guide cites documents of the register (governance.OfficialDocumentPage). When one of them is
amended, replaced or expires, the guide may no longer be right: ``business.rules`` records a
``GuideReviewFlag`` and brings the guide's review-by date forward, so the owner group reviews
it, and the pillar lists the change under «Quy định mới»."""

from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from content.blocks import BodyBlock
from content.models import BasePage, ShortLink, SourceAndContact
from content.page_parts import restricted_paths

from ..blocks import GuideStepBlock


def shown(page):
    """Whether a linked page is live and public (as ``public(….live())`` would keep it)."""
    return page.live and not any(page.path.startswith(path) for path in restricted_paths())


class GuideTopic(models.TextChoices):
    REGISTRATION = "dang-ky-kinh-doanh", "Đăng ký kinh doanh"
    FOOD_SAFETY = "an-toan-thuc-pham", "An toàn thực phẩm"
    FIRE_SAFETY = "phong-chay-chua-chay", "Phòng cháy, chữa cháy"
    SIGNS = "bien-quang-cao", "Biển hiệu, biển quảng cáo"
    TAX = "thue-ho-kinh-doanh", "Thuế hộ kinh doanh"


class BusinessGuidePage(BasePage, SourceAndContact):
    """A guide: what a business must do on one topic, as a checklist, with the procedures to
    file and the documents that say so."""

    topic = models.CharField("Chủ đề", max_length=30, choices=GuideTopic.choices)
    body = StreamField(BodyBlock(), blank=True, verbose_name="Nội dung hướng dẫn")
    checklist = StreamField(
        [("step", GuideStepBlock())],
        blank=True,
        verbose_name="Các việc cần làm",
        help_text="Theo thứ tự người kinh doanh cần làm; mỗi việc một dòng ngắn.",
    )

    parent_page_types = ["business.BusinessPage"]
    subpage_types = []
    search_kind = "huong-dan"
    default_review_days = 180
    reviewed_fields = BasePage.reviewed_fields + [
        "topic",
        "body",
        "checklist",
        "procedures",
        "documents",
        *SourceAndContact.source_fields,
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("checklist"),
        index.FilterField("topic"),
    ]
    content_panels = (
        BasePage.content_panels
        + [
            FieldPanel("topic"),
            FieldPanel("intro"),
            FieldPanel("checklist"),
            FieldPanel("body"),
            InlinePanel(
                "procedures",
                heading="Thủ tục cần làm",
                label="Thủ tục",
                help_text="Các thủ tục hành chính người kinh doanh phải nộp theo hướng dẫn này.",
            ),
            InlinePanel(
                "documents",
                heading="Văn bản được trích dẫn",
                label="Văn bản",
                help_text="Khi một văn bản ở đây được sửa đổi, thay thế hoặc hết hiệu lực, "
                "hướng dẫn tự được đánh dấu «cần rà soát».",
            ),
            SourceAndContact.source_panel,
        ]
        + BasePage.change_note_panels
    )

    class Meta:
        verbose_name = "Hướng dẫn kinh doanh"
        verbose_name_plural = "Hướng dẫn kinh doanh"

    def publishing_checklist(self):
        return super().publishing_checklist() + self.complete_post_checklist()

    def search_codes(self):
        """The guide's source and the numbers of the documents it cites: "04/2026/QĐ-UBND"
        finds the guides that rest on it."""
        codes = super().search_codes()
        codes += [link.document.number for link in self.documents.all() if link.document_id]
        return codes

    def search_text(self):
        parts = [self.get_topic_display(), self.contact_point]
        for link in self.procedures.all():
            if link.procedure_id:
                parts.append(link.procedure.title)
        return " ".join(strip_tags(part) for part in parts if part)

    def open_review_flags(self):
        return self.review_flags.filter(resolved_at__isnull=True)

    @property
    def needs_review(self):
        """«Cần rà soát»: a cited document changed since the guide was last published."""
        return self.open_review_flags().exists()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The links with their pages in one query each (in a preview, the links being edited).
        links = self.procedures.select_related("procedure__catalogue", "procedure__procedure")
        context["procedures"] = [link.procedure for link in links if shown(link.procedure)]
        links = self.documents.select_related("document")
        context["documents"] = [link.document for link in links if shown(link.document)]
        context["review_flags"] = list(
            self.open_review_flags()
            .filter(document__live=True)
            .select_related("document", "changed_by")
            .order_by("-flagged_at")
        )
        context["short_link"] = ShortLink.objects.filter(page_id=self.pk).first()
        return context


class GuideProcedure(Orderable):
    """A procedure a guide needs (đăng ký hộ kinh doanh, …), in the order to do them."""

    guide = ParentalKey(BusinessGuidePage, on_delete=models.CASCADE, related_name="procedures")
    procedure = models.ForeignKey(
        "tthc.ProcedurePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="Thủ tục",
    )

    panels = [PageChooserPanel("procedure", "tthc.ProcedurePage")]

    class Meta(Orderable.Meta):
        verbose_name = "Thủ tục cần làm"
        verbose_name_plural = "Thủ tục cần làm"

    def __str__(self):
        return f"{self.guide_id} → {self.procedure_id}"


class GuideDocument(Orderable):
    """An official document a guide cites."""

    guide = ParentalKey(BusinessGuidePage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey(
        "governance.OfficialDocumentPage",
        on_delete=models.CASCADE,
        related_name="cited_by_guides",
        verbose_name="Văn bản",
    )

    panels = [PageChooserPanel("document", "governance.OfficialDocumentPage")]

    class Meta(Orderable.Meta):
        verbose_name = "Văn bản được trích dẫn"
        verbose_name_plural = "Văn bản được trích dẫn"

    def __str__(self):
        return f"{self.guide_id} → {self.document_id}"


class RuleChange(models.TextChoices):
    AMENDED = "sua-doi", "được sửa đổi, bổ sung"
    REPLACED = "thay-the", "bị thay thế"
    EXPIRED = "het-hieu-luc", "hết hiệu lực"


class GuideReviewFlag(models.Model):
    """A guide to review because a document it cites changed: ``document`` (cited) was
    amended, replaced or expired, by ``changed_by`` when a newer document did it. Resolved when
    the guide is published again. Kept after that: the pillar's «Quy định mới» lists them."""

    # A plain foreign key, not a ParentalKey: flags are no part of the guide's revisions.
    guide = models.ForeignKey(
        BusinessGuidePage, on_delete=models.CASCADE, related_name="review_flags"
    )
    document = models.ForeignKey(
        "governance.OfficialDocumentPage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="Văn bản được trích dẫn",
    )
    change = models.CharField("Thay đổi", max_length=20, choices=RuleChange.choices)
    changed_by = models.ForeignKey(
        "governance.OfficialDocumentPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Văn bản mới",
    )
    flagged_at = models.DateTimeField("Đánh dấu lúc", default=timezone.now)
    resolved_at = models.DateTimeField("Đã rà soát lúc", null=True, blank=True)

    class Meta:
        verbose_name = "Hướng dẫn cần rà soát"
        verbose_name_plural = "Hướng dẫn cần rà soát"
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "document", "change"],
                condition=models.Q(resolved_at__isnull=True),
                name="business_one_open_flag_per_change",
            )
        ]

    def __str__(self):
        return f"{self.guide_id}: {self.document_id} {self.change}"

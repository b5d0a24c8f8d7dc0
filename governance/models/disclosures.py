"""Disclosures (công khai) by category: budget estimates and settlements, land-use plans,
detailed-planning drafts open for comment, contributions collected from residents and
beneficiary lists. Lists of people show only allowed fields, names masked (``privacy.py``),
and only during their posting period."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable

from content.blocks import BodyBlock
from content.models import BasePage, ChecklistItem, ShortLink
from content.text import nfc
from content.visibility import public

from ..privacy import mask_name

CATEGORY_PARAM = "danh-muc"


class DisclosureCategory(models.TextChoices):
    BUDGET_ESTIMATE = "du-toan-ngan-sach", "Dự toán ngân sách"
    BUDGET_SETTLEMENT = "quyet-toan-ngan-sach", "Quyết toán ngân sách"
    LAND_USE = "ke-hoach-su-dung-dat", "Quy hoạch, kế hoạch sử dụng đất"
    PLANNING_DRAFT = "lay-y-kien-quy-hoach", "Lấy ý kiến quy hoạch chi tiết"
    CONTRIBUTIONS = "dong-gop", "Các khoản đóng góp của nhân dân"
    BENEFICIARIES = "doi-tuong-thu-huong", "Danh sách đối tượng thụ hưởng"


class DisclosureIndexPage(BasePage):
    """Công khai: every disclosure, grouped by category, newest first."""

    parent_page_types = ["governance.GovernancePage"]
    subpage_types = ["governance.DisclosurePage"]
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_kind = "cong-khai"

    class Meta:
        verbose_name = "Công khai (danh mục)"
        verbose_name_plural = "Công khai (danh mục)"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = list(
            public(DisclosurePage.objects.child_of(self).live(), request)
            .only(
                "id",
                "title",
                "intro",
                "category",
                "period",
                "posted_from",
                "posted_until",
                "comment_until",
                "url_path",
                "path",
                "depth",
            )
            .order_by("-posted_from", "-pk")
        )
        chosen = request.GET.get(CATEGORY_PARAM, "")
        if chosen not in DisclosureCategory.values:
            chosen = ""
        groups = [
            (value, label, [item for item in items if item.category == value])
            for value, label in DisclosureCategory.choices
            if not chosen or value == chosen
        ]
        context.update(
            {
                "groups": groups,
                "categories": [
                    (value, label, sum(1 for i in items if i.category == value))
                    for value, label in DisclosureCategory.choices
                ],
                "chosen": chosen,
                "category_param": CATEGORY_PARAM,
                "today": timezone.localdate(),
            }
        )
        return context


class DisclosurePage(BasePage):
    """One disclosure: a file and/or a text, its posting period and, for planning drafts, the
    comment period; for beneficiary lists, the listed people (masked)."""

    category = models.CharField("Danh mục", max_length=30, choices=DisclosureCategory.choices)
    period = models.CharField(
        "Kỳ công khai", max_length=60, blank=True, help_text="Ví dụ: Năm 2026; Quý III/2026."
    )
    posted_from = models.DateField("Niêm yết từ ngày")
    posted_until = models.DateField(
        "Niêm yết đến ngày",
        null=True,
        blank=True,
        help_text="Với danh sách người thụ hưởng: sau ngày này danh sách không còn hiện trên Cổng.",
    )
    comment_from = models.DateField("Lấy ý kiến từ ngày", null=True, blank=True)
    comment_until = models.DateField("Hạn góp ý", null=True, blank=True)
    comment_how = models.TextField(
        "Cách góp ý",
        blank=True,
        max_length=1000,
        help_text="Nơi nhận góp ý: địa chỉ, hòm thư, số điện thoại cơ quan.",
    )
    file = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Tệp công khai",
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name="Nội dung")

    parent_page_types = ["governance.DisclosureIndexPage"]
    subpage_types = []
    search_kind = "cong-khai"
    default_review_days = 180
    reviewed_fields = BasePage.reviewed_fields + [
        "category",
        "period",
        "posted_from",
        "posted_until",
        "comment_from",
        "comment_until",
        "comment_how",
        "file",
        "body",
        "people",
    ]
    content_panels = (
        BasePage.content_panels
        + [
            FieldRowPanel(["category", "period"]),
            FieldPanel("intro"),
            FieldRowPanel(["posted_from", "posted_until"], heading="Thời gian niêm yết"),
            MultiFieldPanel(
                [FieldRowPanel(["comment_from", "comment_until"]), "comment_how"],
                "Lấy ý kiến (quy hoạch chi tiết)",
            ),
            FieldPanel("file"),
            FieldPanel("body"),
            InlinePanel(
                "people",
                heading="Danh sách người thụ hưởng (chỉ các trường được phép; họ tên được che khi công khai)",
                label="Người thụ hưởng",
            ),
        ]
        + BasePage.change_note_panels
    )

    class Meta:
        verbose_name = "Thông tin công khai"
        verbose_name_plural = "Thông tin công khai"

    def clean(self):
        super().clean()
        errors = {}
        if self.posted_until and self.posted_from and self.posted_until < self.posted_from:
            errors["posted_until"] = "Ngày kết thúc niêm yết phải sau ngày bắt đầu."
        if self.category == DisclosureCategory.PLANNING_DRAFT and not self.comment_until:
            errors["comment_until"] = "Dự thảo quy hoạch cần có hạn góp ý."
        if self.comment_until and self.comment_from and self.comment_until < self.comment_from:
            errors["comment_until"] = "Hạn góp ý phải sau ngày bắt đầu lấy ý kiến."
        if errors:
            raise ValidationError(errors)

    def publishing_checklist(self):
        return super().publishing_checklist() + [
            ChecklistItem("Tệp hoặc nội dung công khai", bool(self.file_id or self.body)),
        ]

    def posting_over(self, today=None):
        today = today or timezone.localdate()
        return bool(self.posted_until and self.posted_until < today)

    def comment_days_left(self, today=None):
        """Days left to comment (0 on the last day), or None when not open for comment."""
        today = today or timezone.localdate()
        if not self.comment_until or self.comment_until < today:
            return None
        if self.comment_from and self.comment_from > today:
            return None
        return (self.comment_until - today).days

    def public_people(self, today=None):
        """The listed people as citizens may see them: masked, and none once posting ended."""
        if self.posting_over(today):
            return []
        return [
            {
                "name": mask_name(person.full_name),
                "birth_year": person.birth_year,
                "place": person.place,
                "benefit": person.benefit,
                "amount": person.amount_vnd,
            }
            for person in self.people.all()
        ]

    def search_text(self):
        from django.utils.html import strip_tags

        parts = [self.get_category_display(), self.period, self.comment_how]
        if self.body:
            parts.append(strip_tags(str(self.body)))
        parts += [f"{p['name']} {p['place']} {p['benefit']}" for p in self.public_people()]
        return " ".join(part for part in parts if part)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["short_link"] = ShortLink.objects.filter(page_id=self.pk).first()
        today = timezone.localdate()
        context["today"] = today
        context["people"] = self.public_people(today)
        context["posting_over"] = self.posting_over(today)
        context["comment_days_left"] = self.comment_days_left(today)
        return context


class ListedPerson(Orderable):
    """One person of a beneficiary list: only the fields a published list may carry."""

    page = ParentalKey(DisclosurePage, on_delete=models.CASCADE, related_name="people")
    full_name = models.CharField(
        "Họ và tên", max_length=120, help_text="Khi công khai chỉ hiện họ và chữ cái đầu."
    )
    birth_year = models.PositiveSmallIntegerField("Năm sinh", null=True, blank=True)
    place = models.CharField("Tổ dân phố", max_length=120)
    benefit = models.CharField("Chế độ, chính sách", max_length=255)
    amount_vnd = models.PositiveIntegerField("Mức hưởng (đồng/tháng)", null=True, blank=True)

    panels = [
        FieldRowPanel(["full_name", "birth_year"]),
        "place",
        FieldRowPanel(["benefit", "amount_vnd"]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Người thụ hưởng"
        verbose_name_plural = "Người thụ hưởng"

    def clean(self):
        super().clean()
        self.full_name = nfc(self.full_name)
        self.place = nfc(self.place)
        self.benefit = nfc(self.benefit)

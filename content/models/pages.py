"""Page types every section uses: the ward home, sections (pillars) and articles."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from .. import page_cache, routing
from ..blocks import BodyBlock
from ..forms import BasePageForm
from ..page_parts import may_be_restricted
from ..panels import PublishingChecklistPanel
from ..text import nfc
from ..visibility import public


@dataclass(frozen=True)
class ChecklistItem:
    """One item of a page's publishing checklist (step 4 refuses while one is not done)."""

    label: str
    done: bool


class PageTag(TaggedItemBase):
    """Topic tags of any page (gắn thẻ, step 4)."""

    content_object = ParentalKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="tagged_items"
    )


class PillarIcon(models.TextChoices):
    """Icons drawn in templates/includes/icons.html."""

    PROCEDURES = "procedures", "Thủ tục"
    FEEDBACK = "feedback", "Phản ánh"
    GOVERNANCE = "governance", "Điều hành"
    SOCIETY = "society", "Văn hóa – xã hội"
    BUSINESS = "business", "Doanh nghiệp"
    DASHBOARD = "dashboard", "Số liệu"
    INFO = "info", "Thông tin"


# Sections and articles sit under the home page and any section; UnderSectionsMixin adds the
# pillars' own section types (subclasses of SectionPage).
SECTION_PARENTS = ["content.HomePage", "content.SectionPage"]


# Step 1: the specialist sees, before drafting, everything step 4 will check (issue 22).
DRAFTING_CHECKLIST = PublishingChecklistPanel(
    heading="Trang cần có gì để được đăng",
    help_text=(
        "Trước khi gửi duyệt, hãy điền đủ các mục dưới đây: bước 4 (Đăng tải) chỉ đồng ý khi "
        "đã có đủ. Lưu bản nháp để cập nhật danh sách."
    ),
)


class BasePage(Page):
    """Fields every public page shares: a plain-language summary shown under the title and in
    listings, search results and share previews."""

    intro = models.TextField(
        "Tóm tắt",
        blank=True,
        max_length=500,
        help_text="Một hai câu dễ hiểu, hiện dưới tiêu đề và khi chia sẻ qua Zalo/Facebook.",
    )

    tags = ClusterTaggableManager(through=PageTag, blank=True, verbose_name="Thẻ chủ đề")

    # Step 5, follow-up: who keeps the page current and by when it must be reviewed again.
    owner_group = models.ForeignKey(
        Group,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Nhóm phụ trách",
        help_text="Nhóm được nhắc khi trang đến hạn rà soát.",
    )
    review_by = models.DateField(
        "Hạn rà soát",
        null=True,
        blank=True,
        help_text="Để trống: tự đặt theo loại trang khi đăng lần đầu.",
    )
    superseded_by = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Được thay thế bởi",
        help_text="Khi có trang mới thay thế: trang này hiện thông báo «không còn hiệu lực» và dẫn tới trang mới.",
    )
    # The public change note of the next publication ("Cập nhật ngày …: …").
    change_note = models.CharField(
        "Ghi chú cập nhật",
        max_length=300,
        blank=True,
        help_text="Bắt buộc từ lần đăng thứ hai: nói ngắn gọn điều gì đã thay đổi. Hiện công khai, không ghi tên người sửa.",
    )
    is_correction = models.BooleanField(
        "Đây là đính chính",
        default=False,
        help_text="Chọn khi sửa một thông tin sai đã đăng.",
    )

    base_form_class = BasePageForm
    default_review_days = 365
    # What the site search calls this kind of page (sitesearch.models.Kind; docs/search.md).
    search_kind = "trang"
    # What reviewers approve: changing one after an approval sends the page back to step 2.
    reviewed_fields = ["title", "intro", "change_note", "is_correction"]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    change_note_panels = [
        MultiFieldPanel(["change_note", "is_correction"], "Cập nhật (hiện công khai)"),
    ]
    follow_up_panels = [
        MultiFieldPanel(
            ["owner_group", "review_by", PageChooserPanel("superseded_by")],
            "Hậu kiểm (bước 5)",
        ),
    ]
    promote_panels = Page.promote_panels + [
        FieldPanel("tags"),
        PublishingChecklistPanel(heading="Danh sách kiểm tra trước khi đăng tải"),
    ]
    settings_panels = Page.settings_panels + follow_up_panels

    class Meta:
        abstract = True

    def __init_subclass__(cls, **kwargs):
        """Every page type's content tab opens with what the page needs to be published."""
        super().__init_subclass__(**kwargs)
        panels = [panel for panel in cls.content_panels if panel is not DRAFTING_CHECKLIST]
        cls.content_panels = [DRAFTING_CHECKLIST, *panels]

    def publishing_checklist(self):
        """What step 4 checks before publishing; page types add their own items."""
        return [
            ChecklistItem("Tóm tắt (tab Nội dung)", bool(self.intro.strip())),
            ChecklistItem(
                "Mô tả meta, hiện khi chia sẻ (tab Quảng bá)", bool(self.search_description.strip())
            ),
        ]

    def default_review_date(self):
        return timezone.localdate() + datetime.timedelta(days=self.default_review_days)

    @property
    def is_past_review(self):
        return bool(self.review_by and self.review_by < timezone.localdate())

    def full_clean(self, *args, **kwargs):
        self.title = nfc(self.title)
        self.intro = nfc(self.intro)
        super().full_clean(*args, **kwargs)

    @property
    def share_description(self):
        return self.search_description or self.intro

    def route(self, request, path_components):
        """Every page on the path in one query (content.routing)."""
        return routing.route(
            self, request, path_components, super().route, lambda cls: cls.route is BasePage.route
        )

    def get_view_restrictions(self):
        """None without a query when no restriction applies anywhere above (content.page_parts)."""
        if not may_be_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class HomePage(BasePage):
    """A ward's home: the six pillars, contacts and the way to file online."""

    # One home per ward, each the root page of its Wagtail site.
    parent_page_types = ["wagtailcore.Page"]

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "Trang chủ"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["pillars"] = page_cache.kept(
            f"pillars:{self.pk}",
            lambda: list(public(self.get_children().live()).in_menu().type(SectionPage).specific()),
        )
        return context


class UnderSectionsMixin:
    """Allowed under every section type: ``SectionPage`` and its subclasses (the pillars'
    own page types, e.g. society.SocietyPage), which Wagtail's exact-class parent check would
    otherwise refuse though their ``subpage_types`` name this type."""

    @classmethod
    def clean_parent_page_models(cls):
        from wagtail.models import get_page_models

        models = super().clean_parent_page_models()
        if SectionPage not in models:
            return models
        return models + [
            model
            for model in get_page_models()
            if issubclass(model, SectionPage) and model not in models
        ]


class SectionPage(UnderSectionsMixin, BasePage):
    """A section of the site: one of the six pillars, or a topic inside one."""

    icon = models.CharField(
        "Biểu tượng", max_length=20, choices=PillarIcon.choices, default=PillarIcon.INFO
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name="Nội dung")

    reviewed_fields = BasePage.reviewed_fields + ["icon", "body"]
    parent_page_types = SECTION_PARENTS
    subpage_types = ["content.SectionPage", "content.StandardPage"]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    content_panels = (
        BasePage.content_panels
        + [FieldPanel("intro"), FieldPanel("icon"), FieldPanel("body")]
        + BasePage.change_note_panels
    )

    class Meta:
        verbose_name = "Chuyên mục"
        verbose_name_plural = "Chuyên mục"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = public(self.get_children().live(), request).specific()
        return context


class SourceAndContact(models.Model):
    """Where a post's content comes from and whom to ask: the "complete post" items of
    DESIGN.md §5, shared by articles and announcements (governance.AnnouncementPage)."""

    source_document = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Văn bản nguồn (tệp)",
    )
    source_reference = models.CharField(
        "Văn bản nguồn",
        max_length=255,
        blank=True,
        help_text="Số, ký hiệu, ngày của văn bản gốc, ví dụ: Kế hoạch số 125/KH-UBND ngày 02/11/2026.",
    )
    contact_point = models.CharField(
        "Đầu mối liên hệ",
        max_length=255,
        blank=True,
        help_text="Bộ phận và số điện thoại cơ quan để người dân hỏi thêm (không ghi số cá nhân).",
    )

    source_fields = ["source_reference", "source_document", "contact_point"]
    source_panel = MultiFieldPanel(source_fields, "Nguồn và liên hệ")

    class Meta:
        abstract = True

    def search_codes(self):
        """The source document's number, so that "125/KH-UBND" finds the post."""
        return [self.source_reference] if self.source_reference.strip() else []

    def complete_post_checklist(self):
        """What step 4 checks of a post: tags, a source document and a contact point."""
        return [
            ChecklistItem("Thẻ chủ đề (tab Quảng bá)", bool(list(self.tags.all()))),
            ChecklistItem(
                "Văn bản nguồn",
                bool(self.source_reference.strip() or self.source_document_id),
            ),
            ChecklistItem("Đầu mối liên hệ", bool(self.contact_point.strip())),
        ]


class StandardPage(UnderSectionsMixin, BasePage, SourceAndContact):  # noqa: DJ008
    """An article or information page. ``language`` marks the English organisation page."""

    class Language(models.TextChoices):
        VIETNAMESE = "vi", "Tiếng Việt"
        ENGLISH = "en", "English"

    body = StreamField(BodyBlock(), blank=True, verbose_name="Nội dung")
    language = models.CharField(
        "Ngôn ngữ", max_length=2, choices=Language.choices, default=Language.VIETNAMESE
    )

    parent_page_types = SECTION_PARENTS
    subpage_types = []
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    default_review_days = 180
    search_kind = "tin-bai"
    reviewed_fields = (
        BasePage.reviewed_fields + ["body", "language"] + SourceAndContact.source_fields
    )
    content_panels = (
        BasePage.content_panels
        + [FieldPanel("intro"), FieldPanel("body"), SourceAndContact.source_panel]
        + BasePage.change_note_panels
    )
    settings_panels = BasePage.settings_panels + [FieldPanel("language")]

    def publishing_checklist(self):
        return super().publishing_checklist() + self.complete_post_checklist()

    class Meta:
        verbose_name = "Bài viết / trang thông tin"
        verbose_name_plural = "Bài viết / trang thông tin"

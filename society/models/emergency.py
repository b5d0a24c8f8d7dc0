"""Emergency notices (thông báo khẩn cấp): a site-wide banner while a notice is live, and a
page with the evacuation and relief points (docs/society.md, "Emergency notices").

Notices live under the emergency section (``EmergencyIndexPage``, slug ``thong-bao-khan-cap``),
which carries the short emergency workflow: a leader's approval publishes them
(content.wards.setup_ward). The banner is computed in ``society.banner``."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock

from content import page_cache
from content.blocks import BodyBlock
from content.models import BasePage, SectionPage
from content.text import nfc
from content.visibility import public

BANNER_MAX = 200


class EmergencyLevel(models.TextChoices):
    """Ordered from the least to the most severe; only «Khẩn cấp» interrupts a screen reader."""

    INFO = "thong-tin", "Thông tin"
    WARNING = "canh-bao", "Cảnh báo"
    EMERGENCY = "khan-cap", "Khẩn cấp"


SEVERITY = {level: rank for rank, level in enumerate(EmergencyLevel.values)}


class ReliefPointBlock(blocks.StructBlock):
    """An evacuation or relief point: where to go, how many it holds, what it gives."""

    KINDS = [("so-tan", "Điểm sơ tán"), ("cuu-tro", "Điểm cứu trợ"), ("y-te", "Điểm y tế")]

    kind = blocks.ChoiceBlock(choices=KINDS, default="so-tan", label="Loại điểm")
    name = blocks.CharBlock(label="Tên điểm", max_length=200)
    address = blocks.CharBlock(label="Địa chỉ", max_length=255)
    place = SnippetChooserBlock(
        "content.Place", required=False, label="Tổ dân phố", help_text="Tổ dân phố của điểm này."
    )
    capacity = blocks.IntegerBlock(
        label="Sức chứa (người)", required=False, min_value=0, max_value=100000
    )
    phone = blocks.CharBlock(
        label="Điện thoại",
        max_length=40,
        required=False,
        help_text="Số của cơ quan, không ghi số cá nhân.",
    )
    provides = blocks.CharBlock(
        label="Cung cấp",
        max_length=255,
        required=False,
        help_text="Ví dụ: chỗ ngủ, nước uống, suất ăn, thuốc men, sạc điện thoại.",
    )
    map_url = blocks.URLBlock(label="Bản đồ (đường dẫn)", required=False)

    class Meta:
        icon = "site"
        label = "Điểm sơ tán, cứu trợ"
        template = "blocks/relief_point_block.html"


class EmergencyIndexPage(SectionPage):
    """The emergency section: notices in force, coming and past. Its workflow is the
    emergency one (a leader's approval only)."""

    parent_page_types = ["society.SocietyPage"]
    subpage_types = ["society.EmergencyNoticePage", "content.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Thông báo khẩn cấp (chuyên mục)"
        verbose_name_plural = "Thông báo khẩn cấp (chuyên mục)"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        # The notices and the other sections below: pages, kept until the next publication
        # (content.page_cache); which notices are current is worked out on each request.
        notices, children = page_cache.kept(
            f"society:emergency:{self.pk}", lambda: self._notices_and_children(request)
        )
        context["current_notices"] = [n for n in notices if n.starts_at <= now < n.ends_at]
        context["coming_notices"] = [n for n in notices if now < n.starts_at]
        context["past_notices"] = [n for n in notices if n.ends_at <= now]
        context["children"] = children
        page_cache.history(self)
        return context

    def _notices_and_children(self, request):
        notices = list(
            public(EmergencyNoticePage.objects.child_of(self).live(), request)
            .only(
                "id",
                "title",
                "intro",
                "level",
                "starts_at",
                "ends_at",
                "url_path",
                "path",
                "depth",
            )
            .order_by("-starts_at", "-pk")
        )
        children = list(
            public(self.get_children().live(), request).not_type(EmergencyNoticePage).specific()
        )
        return notices, children


class EmergencyNoticePage(BasePage):
    """One emergency notice: a banner on every public page from ``starts_at`` to
    ``ends_at``, and this page with what to do and where to go."""

    level = models.CharField(
        "Mức độ", max_length=20, choices=EmergencyLevel.choices, default=EmergencyLevel.WARNING
    )
    banner_message = models.CharField(
        "Nội dung dải thông báo",
        max_length=BANNER_MAX,
        help_text="Tối đa 200 ký tự, hiện trên đầu mọi trang của Cổng trong thời gian hiệu lực.",
    )
    starts_at = models.DateTimeField(
        "Bắt đầu hiện", default=timezone.now, help_text="Thời điểm dải thông báo bắt đầu hiện."
    )
    ends_at = models.DateTimeField(
        "Kết thúc", help_text="Sau thời điểm này dải thông báo tự ẩn, trang vẫn còn để tra cứu."
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name="Nội dung, việc người dân cần làm")
    relief_points = StreamField(
        [("point", ReliefPointBlock())],
        blank=True,
        verbose_name="Điểm sơ tán, cứu trợ",
    )
    map_url = models.URLField(
        "Bản đồ các điểm (đường dẫn)",
        blank=True,
        help_text="Không bắt buộc: bản đồ trực tuyến các điểm sơ tán, cứu trợ.",
    )

    parent_page_types = ["society.EmergencyIndexPage"]
    subpage_types = []
    search_kind = "tin-bai"
    default_review_days = 30
    reviewed_fields = BasePage.reviewed_fields + [
        "level",
        "banner_message",
        "starts_at",
        "ends_at",
        "body",
        "relief_points",
        "map_url",
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("banner_message"),
        index.SearchField("body"),
        index.SearchField("relief_points"),
    ]
    content_panels = (
        BasePage.content_panels
        + [
            MultiFieldPanel(
                ["level", "banner_message", FieldRowPanel(["starts_at", "ends_at"])],
                "Dải thông báo trên mọi trang",
            ),
            FieldPanel("intro"),
            FieldPanel("body"),
            FieldPanel("relief_points"),
            FieldPanel("map_url"),
        ]
        + BasePage.change_note_panels
    )

    class Meta:
        verbose_name = "Thông báo khẩn cấp"
        verbose_name_plural = "Thông báo khẩn cấp"
        indexes = [models.Index(fields=["ends_at"])]

    def full_clean(self, *args, **kwargs):
        self.banner_message = nfc(self.banner_message) or ""
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "Thời điểm kết thúc phải sau thời điểm bắt đầu."})

    def is_live_at(self, now=None):
        now = now or timezone.now()
        return self.live and self.starts_at <= now < self.ends_at

    @property
    def is_current(self):
        return self.is_live_at()

    @property
    def has_ended(self):
        return self.ends_at <= timezone.now()

    @property
    def role(self):
        """``alert`` only for the most severe level: a live region interrupts."""
        return "alert" if self.level == EmergencyLevel.EMERGENCY else ""

    def search_text(self):
        return self.get_level_display()

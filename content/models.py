"""Shared models: the ward's settings, its places, and the page types every section uses."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyBlock
from .text import nfc


@register_setting(icon="home")
class WardSettings(BaseSiteSetting):
    """Who the ward is and how to reach it: one row per Wagtail site, so one per ward."""

    # Identity
    ward_name = models.CharField("Tên phường/xã", max_length=120, default="Phường")
    authority_name = models.CharField(
        "Tên cơ quan",
        max_length=160,
        default="Ủy ban nhân dân phường",
        help_text="Ví dụ: Ủy ban nhân dân phường Từ Liêm",
    )
    parent_authority = models.CharField(
        "Trực thuộc", max_length=120, blank=True, help_text="Ví dụ: Thành phố Hà Nội"
    )
    english_name = models.CharField(
        "Tên tiếng Anh",
        max_length=160,
        blank=True,
        help_text="Ví dụ: People's Committee of Tu Liem Ward",
    )
    # Contact points (Decree 42/2022, Art. 4)
    address = models.CharField("Địa chỉ trụ sở", max_length=255, blank=True)
    hotline = models.CharField("Đường dây nóng", max_length=40, blank=True)
    phone = models.CharField("Điện thoại Bộ phận Một cửa", max_length=40, blank=True)
    email = models.EmailField("Thư điện tử", blank=True)
    working_hours = models.TextField(
        "Giờ làm việc",
        blank=True,
        help_text="Mỗi dòng một khung giờ, ví dụ: Thứ Hai – Thứ Sáu: 7:30 – 17:00",
    )
    map_url = models.URLField("Liên kết bản đồ", blank=True)
    # Channels
    online_service_url = models.URLField(
        "Cổng Dịch vụ công",
        default="https://dichvucong.gov.vn",
        help_text="Nơi người dân nộp hồ sơ trực tuyến.",
    )
    facebook_url = models.URLField("Trang Facebook", blank=True)
    zalo_url = models.URLField("Zalo OA", blank=True)
    youtube_url = models.URLField("Kênh YouTube", blank=True)
    responsible_person_note = models.CharField(
        "Chịu trách nhiệm nội dung",
        max_length=255,
        blank=True,
        help_text="Ví dụ: Chánh Văn phòng HĐND và UBND phường (ghi chức danh, không ghi họ tên).",
    )
    about_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Trang giới thiệu",
        help_text="Chức năng, nhiệm vụ, tổ chức, liên hệ.",
    )
    english_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Trang tiếng Anh",
        help_text="Giới thiệu cơ quan và liên hệ bằng tiếng Anh.",
    )
    is_demo = models.BooleanField(
        "Trang trình diễn",
        default=False,
        help_text="Hiện dòng báo đây là dữ liệu mẫu trên mọi trang.",
    )

    panels = [
        MultiFieldPanel(
            ["ward_name", "authority_name", "parent_authority", "english_name"], "Cơ quan"
        ),
        MultiFieldPanel(
            ["address", "hotline", "phone", "email", "working_hours", "map_url"], "Liên hệ"
        ),
        MultiFieldPanel(
            ["online_service_url", "facebook_url", "zalo_url", "youtube_url"], "Kênh trực tuyến"
        ),
        MultiFieldPanel(["about_page", "english_page"], "Trang liên kết ở chân trang"),
        MultiFieldPanel(["responsible_person_note", "is_demo"], "Khác"),
    ]

    select_related = ["about_page", "english_page"]

    class Meta:
        verbose_name = "Thông tin phường/xã"
        verbose_name_plural = "Thông tin phường/xã"

    @property
    def working_hours_lines(self):
        return [line.strip() for line in self.working_hours.splitlines() if line.strip()]

    @property
    def hotline_tel(self):
        """The hotline as a tel: target (digits and a leading plus only)."""
        return "".join(ch for ch in self.hotline if ch.isdigit() or ch == "+")

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("Zalo", self.zalo_url),
            ("YouTube", self.youtube_url),
        ]
        return [(label, url) for label, url in links if url]


class Place(index.Indexed, models.Model):
    """A residential group (tổ dân phố) or village (thôn) of one ward: reference data used by
    notice-board QR codes, school zones, health schedules and feedback locations."""

    class Kind(models.TextChoices):
        RESIDENTIAL_GROUP = "to_dan_pho", "Tổ dân phố"
        VILLAGE = "thon", "Thôn"
        HAMLET = "ap", "Ấp"
        OTHER = "khac", "Khác"

    site = models.ForeignKey(
        "wagtailcore.Site",
        on_delete=models.CASCADE,
        related_name="places",
        verbose_name="Phường/xã (trang)",
    )
    code = models.SlugField(
        "Mã", max_length=32, help_text="Mã ngắn, không dấu, không đổi, ví dụ: tdp-01"
    )
    name = models.CharField("Tên", max_length=120)
    kind = models.CharField(
        "Loại", max_length=16, choices=Kind.choices, default=Kind.RESIDENTIAL_GROUP
    )
    area = models.CharField(
        "Khu vực",
        max_length=120,
        blank=True,
        help_text="Khu vực hoặc địa bàn cũ, giúp người dân nhận ra tổ của mình.",
    )
    sort_order = models.PositiveIntegerField("Thứ tự", default=0)
    is_active = models.BooleanField("Đang hoạt động", default=True)

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("area"),
        index.FilterField("site"),
    ]

    panels = [
        FieldPanel("site"),
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("area"),
        FieldPanel("sort_order"),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = "Tổ dân phố / thôn"
        verbose_name_plural = "Tổ dân phố / thôn"
        ordering = ["site", "sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "code"], name="unique_place_code_per_site")
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = nfc(self.name)
        self.area = nfc(self.area)
        super().save(*args, **kwargs)


class PillarIcon(models.TextChoices):
    """Icons drawn in templates/includes/icons.html."""

    PROCEDURES = "procedures", "Thủ tục"
    FEEDBACK = "feedback", "Phản ánh"
    GOVERNANCE = "governance", "Điều hành"
    SOCIETY = "society", "Văn hóa – xã hội"
    BUSINESS = "business", "Doanh nghiệp"
    DASHBOARD = "dashboard", "Số liệu"
    INFO = "info", "Thông tin"


class BasePage(Page):
    """Fields every public page shares: a plain-language summary shown under the title and in
    listings, search results and share previews."""

    intro = models.TextField(
        "Tóm tắt",
        blank=True,
        max_length=500,
        help_text="Một hai câu dễ hiểu, hiện dưới tiêu đề và khi chia sẻ qua Zalo/Facebook.",
    )

    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        self.title = nfc(self.title)
        self.intro = nfc(self.intro)
        super().full_clean(*args, **kwargs)

    @property
    def share_description(self):
        return self.search_description or self.intro


class HomePage(BasePage):
    """A ward's home: the six pillars, contacts and the way to file online."""

    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = "Trang chủ"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["pillars"] = (
            self.get_children().live().public().in_menu().type(SectionPage).specific()
        )
        return context


class SectionPage(BasePage):
    """A section of the site: one of the six pillars, or a topic inside one."""

    icon = models.CharField(
        "Biểu tượng", max_length=20, choices=PillarIcon.choices, default=PillarIcon.INFO
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name="Nội dung")

    parent_page_types = ["content.HomePage", "content.SectionPage"]
    subpage_types = ["content.SectionPage", "content.StandardPage"]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    content_panels = BasePage.content_panels + [
        FieldPanel("intro"),
        FieldPanel("icon"),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = "Chuyên mục"
        verbose_name_plural = "Chuyên mục"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().public().specific()
        return context


class StandardPage(BasePage):
    """An article or information page. ``language`` marks the English organisation page."""

    class Language(models.TextChoices):
        VIETNAMESE = "vi", "Tiếng Việt"
        ENGLISH = "en", "English"

    body = StreamField(BodyBlock(), blank=True, verbose_name="Nội dung")
    language = models.CharField(
        "Ngôn ngữ", max_length=2, choices=Language.choices, default=Language.VIETNAMESE
    )

    parent_page_types = ["content.HomePage", "content.SectionPage"]
    subpage_types = []
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    settings_panels = BasePage.settings_panels + [FieldPanel("language")]

    class Meta:
        verbose_name = "Bài viết / trang thông tin"
        verbose_name_plural = "Bài viết / trang thông tin"

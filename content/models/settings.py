"""Per-site settings: one row per Wagtail site, so one per ward."""

from django.db import models
from wagtail.admin.panels import MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


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
    # Upstream sources (issue 19): which unit is this ward at each upstream. Every periodic job
    # asks each ward's upstream with its own unit.
    dvc_unit_code = models.CharField(
        "Mã đơn vị trên Cổng Dịch vụ công",
        max_length=40,
        blank=True,
        help_text="Mã của UBND phường/xã trên Cổng Dịch vụ công quốc gia; dùng để lấy số liệu hồ sơ.",
    )
    ihanoi_unit = models.CharField(
        "Mã đơn vị trên iHanoi",
        max_length=40,
        blank=True,
        help_text="Đơn vị tiếp nhận phản ánh của phường/xã trên iHanoi.",
    )
    # Gateways that tell citizens of their report's status changes (feedback/channels.py); the
    # tokens come from the environment (FEEDBACK_SMS_TOKEN, FEEDBACK_ZALO_TOKEN), never here.
    sms_gateway_url = models.URLField(
        "Cổng gửi tin nhắn SMS",
        blank=True,
        help_text="Địa chỉ HTTPS nhận tin nhắn cần gửi. Để trống: người dân không chọn được SMS.",
    )
    zalo_gateway_url = models.URLField(
        "Cổng gửi tin Zalo ZNS",
        blank=True,
        help_text="Địa chỉ HTTPS nhận tin ZNS cần gửi. Để trống: người dân không chọn được Zalo.",
    )
    zalo_template_id = models.CharField(
        "Mã mẫu tin ZNS",
        max_length=40,
        blank=True,
        help_text="Mẫu tin đã được Zalo duyệt, có các tham số ma, trang_thai, lien_ket.",
    )
    is_demo = models.BooleanField(
        "Trang trình diễn",
        default=False,
        help_text="Hiện dòng báo đây là dữ liệu mẫu trên mọi trang.",
    )
    # The city's own site (issue 20): provisioned like a ward (``add_ward --kind thanh-pho``),
    # it is no ward: its /so-lieu/ shows every ward's figures, and the city's own readings are
    # left out of the wards' figures and ranks. One per install.
    is_city = models.BooleanField(
        "Trang của thành phố",
        default=False,
        editable=False,
        help_text="Trang web của thành phố, không phải của một phường/xã.",
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
        MultiFieldPanel(["dvc_unit_code", "ihanoi_unit"], "Nguồn số liệu"),
        MultiFieldPanel(
            ["sms_gateway_url", "zalo_gateway_url", "zalo_template_id"],
            "Tin báo cho người phản ánh",
        ),
        MultiFieldPanel(["responsible_person_note", "is_demo"], "Khác"),
    ]

    select_related = ["about_page", "english_page"]

    @classmethod
    def get_permission_policy(cls):
        """Portal admins edit their own ward's row only (content/scoping.py)."""
        from content.scoping import WardSitePermissionPolicy

        return WardSitePermissionPolicy(cls)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["is_city"],
                condition=models.Q(is_city=True),
                name="content_wardsettings_one_city",
            )
        ]
        verbose_name = "Thông tin phường/xã"
        verbose_name_plural = "Thông tin phường/xã"

    @classmethod
    def for_site(cls, site):
        """The site's row, kept in the shared cache between requests (content.page_parts)."""
        if site is None:
            return super().for_site(site)
        from ..page_parts import ward_settings

        return ward_settings(site, super().for_site)

    @property
    def working_hours_lines(self):
        return [line.strip() for line in self.working_hours.splitlines() if line.strip()]

    @staticmethod
    def tel(number):
        """A phone number as a tel: target (digits and a leading plus only)."""
        return "".join(ch for ch in number if ch.isdigit() or ch == "+")

    @property
    def hotline_tel(self):
        return self.tel(self.hotline)

    @property
    def phone_tel(self):
        return self.tel(self.phone)

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("Zalo", self.zalo_url),
            ("YouTube", self.youtube_url),
        ]
        return [(label, url) for label, url in links if url]

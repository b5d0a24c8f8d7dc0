"""The procedure catalogue: shared by every ward of an install, written only by the sync.

A procedure's identity (``Procedure``, one row per national code) is separate from what the
catalogue says about it (``ProcedureVersion``, one immutable row per change). A ward's page
points at the version its reviewers approved, so a change from upstream reaches the public
only when the ward's workflow publishes the page's new revision (docs/procedures.md).
"""

from decimal import Decimal

from django.db import models
from django.utils.functional import cached_property


class ProcedureField(models.Model):
    """A field (lĩnh vực) grouping procedures: Hộ tịch, Chứng thực, Đất đai, …"""

    name = models.CharField("Tên lĩnh vực", max_length=200, unique=True)
    slug = models.SlugField("Đường dẫn", max_length=100, unique=True, allow_unicode=False)
    sort_order = models.PositiveIntegerField("Thứ tự", default=100)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "Lĩnh vực"
        verbose_name_plural = "Lĩnh vực"

    def __str__(self):
        return self.name


class OnlineLevel(models.TextChoices):
    FULL = "toan_trinh", "Trực tuyến toàn trình"
    PARTIAL = "mot_phan", "Trực tuyến một phần"
    IN_PERSON = "truc_tiep", "Nộp trực tiếp"


# A ward-only procedure's code: the ward's letter prefix never matches a national code, which
# starts with a digit (tthc/schemas/procedures-v1.schema.json).
WARD_CODE_PREFIX = "P"


class Procedure(models.Model):
    """One procedure of the national catalogue, by its code (e.g. ``1.001193``), or one that a
    single ward added for itself (``ward`` set; code ``P<ward>-<n>``). The catalogue sync reads,
    withdraws and publishes only the national ones (``ward`` empty)."""

    code = models.CharField("Mã thủ tục", max_length=40, unique=True)
    ward = models.ForeignKey(
        "wagtailcore.Site",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Thủ tục riêng của phường",
        help_text="Để trống: thủ tục của danh mục quốc gia, dùng chung cho mọi phường.",
    )
    current = models.ForeignKey(
        "ProcedureVersion",
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="Phiên bản mới nhất",
    )
    # A procedure dropped from the catalogue is never deleted: printed QR codes and links
    # keep working, and the page says it is no longer in force.
    in_force = models.BooleanField("Còn hiệu lực", default=True)
    withdrawn_at = models.DateTimeField("Không còn trong danh mục từ", null=True, blank=True)
    first_seen_at = models.DateTimeField("Lần đầu đồng bộ", auto_now_add=True)
    last_seen_at = models.DateTimeField("Lần cuối có trong danh mục", null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "Thủ tục trong danh mục"
        verbose_name_plural = "Danh mục thủ tục"
        permissions = [("import_catalogue", "Có thể nạp danh mục thủ tục từ tệp")]

    def __str__(self):
        return f"{self.code} {self.current.name if self.current_id else ''}".strip()

    @classmethod
    def national(cls):
        """The shared catalogue: every procedure that no single ward owns."""
        return cls.objects.filter(ward__isnull=True)

    @classmethod
    def next_ward_code(cls, site):
        """A code for the next ward-only procedure of ``site``: ``P<site>-<n>``."""
        prefix = f"{WARD_CODE_PREFIX}{site.pk}-"
        taken = cls.objects.filter(code__startswith=prefix).values_list("code", flat=True)
        numbers = [int(code[len(prefix) :]) for code in taken if code[len(prefix) :].isdigit()]
        return f"{prefix}{max(numbers, default=0) + 1:03d}"


class ProcedureVersion(models.Model):
    """What the catalogue said about a procedure at one time. Never edited after creation."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="versions", verbose_name="Thủ tục"
    )
    number = models.PositiveIntegerField("Phiên bản")
    # SHA-256 of the catalogue item without its timestamp: equal content, equal fingerprint.
    fingerprint = models.CharField(max_length=64)
    name = models.CharField("Tên thủ tục", max_length=500)
    field = models.ForeignKey(
        ProcedureField, on_delete=models.PROTECT, related_name="+", verbose_name="Lĩnh vực"
    )
    level = models.CharField("Mức độ trực tuyến", max_length=12, choices=OnlineLevel.choices)
    processing_days = models.DecimalField(
        "Thời hạn giải quyết (ngày làm việc)", max_digits=5, decimal_places=1
    )
    processing_note = models.TextField("Ghi chú thời hạn", blank=True)
    fees = models.JSONField("Phí, lệ phí", default=list)
    documents = models.JSONField("Thành phần hồ sơ", default=list)
    steps = models.JSONField("Trình tự thực hiện", default=list)
    legal_basis = models.JSONField("Căn cứ pháp lý", default=list)
    agency = models.CharField("Cơ quan giải quyết", max_length=500)
    result = models.CharField("Kết quả", max_length=1000)
    online_url = models.URLField("Đường dẫn nộp trực tuyến", max_length=2000, blank=True)
    upstream_updated_at = models.DateTimeField("Cập nhật ở danh mục quốc gia", null=True)
    created_at = models.DateTimeField("Nhận lúc", auto_now_add=True)

    class Meta:
        ordering = ["procedure", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="tthc_version_number")
        ]
        verbose_name = "Phiên bản thủ tục"
        verbose_name_plural = "Phiên bản thủ tục"

    def __str__(self):
        return f"{self.name} (phiên bản {self.number})"

    def as_item(self):
        """This version in the catalogue's own format (docs/integrations.md)."""
        updated = self.upstream_updated_at
        return {
            "code": self.procedure.code,
            "name": self.name,
            "field": self.field.name,
            "level": self.level,
            "processing_days": str(self.processing_days),
            "processing_note": self.processing_note,
            "fees": self.fees,
            "documents": self.documents,
            "steps": self.steps,
            "legal_basis": self.legal_basis,
            "agency": self.agency,
            "result": self.result,
            "online_url": self.online_url,
            "updated_at": updated.isoformat() if updated else None,
        }

    @property
    def is_free(self):
        return not any(fee.get("amount_vnd") for fee in self.fees)

    @cached_property
    def fee_total(self):
        return sum(fee.get("amount_vnd") or 0 for fee in self.fees)

    @property
    def is_online(self):
        return self.level != OnlineLevel.IN_PERSON and bool(self.online_url)

    @property
    def is_same_day(self):
        return self.processing_days == Decimal(0)

    @property
    def processing_days_display(self):
        days = self.processing_days
        if days == 0:
            return "Trong ngày"
        number = f"{days:.1f}".rstrip("0").rstrip(".").replace(".", ",")
        return f"{number} ngày làm việc"

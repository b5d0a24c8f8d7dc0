"""Feedback reports (phản ánh – kiến nghị): what citizens report, how the ward handles it and
what it publishes.

Personal data (contact name, phone, e-mail, exact address, map point, the citizen's own words
and photos) lives only on ``FeedbackReport`` and ``FeedbackPhoto`` and is shown only to the staff
of the report's ward, each opening of the contact details logged. Nothing of it is indexed for
search or shown on a public page: public pages use ``public_title``, the place, the status
history, the public answer and the photos a member of staff made public.

The tracking code is the citizen's key to their report: random (``new_code``), never listed on a
public page, and looked up under a per-client limit (feedback/views.py).
"""

import datetime
import logging
import re
import secrets
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.functional import cached_property

from content.text import nfc

from . import deadlines

logger = logging.getLogger(__name__)


class PhotoStorage(FileSystemStorage):
    """Photos live outside MEDIA_ROOT (``FEEDBACK_PHOTO_ROOT``) so that the /media/ route never
    serves them: only the feedback photo view does, as image/jpeg with nosniff."""

    @property
    def base_location(self):
        return str(settings.FEEDBACK_PHOTO_ROOT)

    @property
    def location(self):
        return str(settings.FEEDBACK_PHOTO_ROOT)

    @property
    def base_url(self):
        return None


photo_storage = PhotoStorage()


class Urgency(models.TextChoices):
    NORMAL = "thuong", "Thông thường"
    URGENT = "khan", "Khẩn cấp"
    COMPLEX = "phuc_tap", "Phức tạp"


class Status(models.TextChoices):
    RECEIVED = "tiep_nhan", "Đã tiếp nhận"
    IN_PROGRESS = "dang_xu_ly", "Đang xử lý"
    PAUSED = "tam_dung", "Tạm dừng"
    RESOLVED = "da_xu_ly", "Đã xử lý xong"
    REJECTED = "tu_choi", "Không thụ lý"
    FORWARDED = "chuyen", "Đã chuyển cơ quan khác"
    # Public closings beyond "resolved" (issue 21), each with its reason.
    UNFIXED = "khong_kp", "Đã đóng – chưa khắc phục được"
    OUT_OF_SCOPE = "ngoai_tq", "Không thuộc thẩm quyền"
    # The citizen said a report closed as fixed is not (``FeedbackReport.reopen``): open again.
    REOPENED = "mo_lai", "Người dân mở lại"


CLOSED_STATUSES = {
    Status.RESOLVED,
    Status.REJECTED,
    Status.FORWARDED,
    Status.UNFIXED,
    Status.OUT_OF_SCOPE,
}
# Statuses that need a reason the citizen can read.
REASON_REQUIRED = {
    Status.PAUSED,
    Status.REJECTED,
    Status.FORWARDED,
    Status.UNFIXED,
    Status.OUT_OF_SCOPE,
}


class Channel(models.TextChoices):
    """How a citizen chose to hear of their report's status changes (feedback/channels.py)."""

    EMAIL = "email", "Thư điện tử"
    SMS = "sms", "Tin nhắn SMS"
    ZALO = "zalo", "Zalo"


NOTIFIER_FIELDS = {"notified_at", "reporter_emailed_at", "created_at", "reopen_count"}


class Source(models.TextChoices):
    PORTAL = "portal", "Cổng thông tin"
    IHANOI = "ihanoi", "iHanoi"


class FeedbackCategory(models.Model):
    """A kind of report, with its handling deadline per urgency in working hours."""

    name = models.CharField("Tên lĩnh vực", max_length=120, unique=True)
    slug = models.SlugField("Mã", max_length=60, unique=True)
    description = models.CharField("Gợi ý cho người dân", max_length=300, blank=True)
    requires_contact = models.BooleanField(
        "Bắt buộc để lại liên hệ",
        default=False,
        help_text="Chọn khi phường cần gọi lại người phản ánh để xử lý được.",
    )
    hours_normal = models.PositiveIntegerField(
        "Thời hạn xử lý – thông thường (giờ làm việc)", default=40
    )
    hours_urgent = models.PositiveIntegerField(
        "Thời hạn xử lý – khẩn cấp (giờ làm việc)", default=4
    )
    hours_complex = models.PositiveIntegerField(
        "Thời hạn xử lý – phức tạp (giờ làm việc)", default=80
    )
    sort_order = models.PositiveIntegerField("Thứ tự", default=0)
    is_active = models.BooleanField("Đang dùng", default=True)

    class Meta:
        verbose_name = "Lĩnh vực phản ánh"
        verbose_name_plural = "Lĩnh vực phản ánh"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def deadline_hours(self, urgency):
        return {
            Urgency.URGENT: self.hours_urgent,
            Urgency.COMPLEX: self.hours_complex,
        }.get(urgency, self.hours_normal)


# Tracking codes: "PA-" and eight characters in two groups of four, drawn at random from an
# alphabet without the look-alikes 0/O and 1/I/L (31⁸ ≈ 850 billion codes), short enough to read
# out over the phone. Codes given out before (PA-2026-000123, counted up per year) keep working.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_GROUP = f"[{CODE_ALPHABET}]{{4}}"
CODE_PATTERN = rf"PA-{_GROUP}-{_GROUP}"
LEGACY_CODE_PATTERN = r"PA-\d{4}-\d{6}"
# What the status, sent and rating routes accept.
ANY_CODE_PATTERN = rf"(?:{CODE_PATTERN}|{LEGACY_CODE_PATTERN})"


def new_code():
    """A fresh random tracking code such as PA-7K3M-9XQ2, not yet given to any report."""
    while True:
        chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        code = f"PA-{chars[:4]}-{chars[4:]}"
        if not FeedbackReport.objects.filter(code=code).exists():
            return code


def is_legacy_code(code):
    """A code of the old counting-up kind, which can be guessed from its neighbours."""
    return bool(re.fullmatch(LEGACY_CODE_PATTERN, code or ""))


def normalise_code(text):
    """The code the citizen meant, from what they typed (any case, spaces or dashes, with or
    without "PA"), or None when it cannot be one."""
    compact = re.sub(r"[\s\-–—.]", "", text or "").upper()
    for chars in (compact[2:] if compact.startswith("PA") else None, compact):
        if chars and (
            re.fullmatch(f"[{CODE_ALPHABET}]{{8}}", chars) or re.fullmatch(r"\d{10}", chars)
        ):
            return f"PA-{chars[:4]}-{chars[4:]}"
    return None


class CodeCounter(models.Model):
    """The last counting-up tracking number given out in a year. No longer written (codes are
    random now); the table stays so that the previous release still runs on this schema
    during an upgrade. Drop it in a later release."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"


class FeedbackReportQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=CLOSED_STATUSES)

    def overdue(self, now=None):
        return self.open().filter(due_at__lt=now or timezone.now()).exclude(status=Status.PAUSED)

    def for_site(self, site_id):
        return self.filter(site_id=site_id)


class FeedbackReport(models.Model):
    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.PROTECT, related_name="+", verbose_name="Phường/xã"
    )
    code = models.CharField("Mã theo dõi", max_length=20, unique=True, editable=False)
    source = models.CharField("Nguồn", max_length=10, choices=Source.choices, default=Source.PORTAL)
    external_id = models.CharField("Mã bên ngoài", max_length=64, blank=True)
    category = models.ForeignKey(
        FeedbackCategory, on_delete=models.PROTECT, related_name="reports", verbose_name="Lĩnh vực"
    )
    urgency = models.CharField(
        "Mức độ", max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    description = models.TextField("Nội dung phản ánh", max_length=5000)
    place = models.ForeignKey(
        "content.Place",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Tổ dân phố / thôn",
    )
    # Personal data: the exact address and map point are never public (DESIGN.md §6).
    address = models.CharField("Địa chỉ cụ thể", max_length=255, blank=True)
    lat = models.DecimalField("Vĩ độ", max_digits=9, decimal_places=6, null=True, blank=True)
    lng = models.DecimalField("Kinh độ", max_digits=9, decimal_places=6, null=True, blank=True)
    contact_name = models.CharField("Họ tên người phản ánh", max_length=120, blank=True)
    contact_phone = models.CharField("Số điện thoại", max_length=20, blank=True)
    contact_email = models.EmailField("Thư điện tử", blank=True)
    consent_at = models.DateTimeField("Đồng ý xử lý dữ liệu lúc", null=True, blank=True)
    consent_version = models.CharField("Phiên bản thông báo đã đồng ý", max_length=20, blank=True)
    submission_token = models.CharField(max_length=64, blank=True, editable=False)
    # The channels the citizen chose to hear of status changes by (Channel values, comma
    # separated; empty: none), with the time and version of the notice they agreed to.
    notify_channels = models.CharField("Nhận tin báo qua", max_length=40, blank=True)
    notify_consent_at = models.DateTimeField("Đồng ý nhận tin báo lúc", null=True, blank=True)
    notify_consent_version = models.CharField(
        "Phiên bản thông báo nhận tin", max_length=20, blank=True
    )
    reopen_count = models.PositiveIntegerField("Số lần người dân mở lại", default=0)

    status = models.CharField(
        "Trạng thái", max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    received_at = models.DateTimeField("Tiếp nhận lúc", default=timezone.now)
    due_at = models.DateTimeField("Hạn xử lý", null=True, blank=True)
    closed_at = models.DateTimeField("Kết thúc lúc", null=True, blank=True)
    assigned_group = models.ForeignKey(
        "auth.Group",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Giao cho tổ/nhóm",
    )
    assigned_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Cán bộ xử lý",
    )
    forwarded_to = models.CharField("Chuyển tới cơ quan", max_length=200, blank=True)
    public_title = models.CharField(
        "Tiêu đề công khai",
        max_length=200,
        blank=True,
        help_text="Ngắn gọn, không có tên, số điện thoại hay số nhà. Để trống: lĩnh vực và tổ.",
    )
    public_answer = models.TextField(
        "Trả lời công khai",
        blank=True,
        help_text="Người dân đọc được khi tra cứu mã. Không ghi thông tin cá nhân.",
    )
    publish_result = models.BooleanField(
        "Đăng kết quả công khai",
        default=False,
        help_text="Hiện trong «Kết quả xử lý phản ánh» khi đã xử lý xong.",
    )
    rating = models.PositiveSmallIntegerField("Mức hài lòng (1–5)", null=True, blank=True)
    rating_comment = models.CharField("Ý kiến về kết quả", max_length=500, blank=True)
    notified_at = models.DateTimeField("Đã báo cán bộ lúc", null=True, blank=True)
    reporter_emailed_at = models.DateTimeField(
        "Đã gửi mã cho người phản ánh lúc", null=True, blank=True
    )
    anonymised_at = models.DateTimeField("Đã xóa dữ liệu cá nhân lúc", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FeedbackReportQuerySet.as_manager()

    class Meta:
        verbose_name = "Phản ánh"
        verbose_name_plural = "Phản ánh – kiến nghị"
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "submission_token"],
                condition=~models.Q(submission_token=""),
                name="feedback_one_report_per_form_token",
            ),
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~models.Q(external_id=""),
                name="feedback_unique_external_id",
            ),
        ]
        indexes = [models.Index(fields=["site", "status", "due_at"])]
        permissions = [("view_personal_data", "Xem thông tin cá nhân người phản ánh")]

    def __str__(self):
        return self.code or "Phản ánh mới"

    def save(self, *args, **kwargs):
        for field in (
            "description",
            "address",
            "contact_name",
            "contact_phone",
            "public_title",
            "public_answer",
            "forwarded_to",
            "rating_comment",
        ):
            setattr(self, field, nfc(getattr(self, field)) or "")
        if not self.code:
            self.code = new_code()
        if self.due_at is None and self.status not in CLOSED_STATUSES:
            self.due_at = self.compute_due_at()
        if self.pk and not self._state.adding and kwargs.get("update_fields") is None:
            # Only the notifier writes these (feedback/notify.py): a stale copy saved by the
            # admin or a job must not reset them and send a notification twice.
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in NOTIFIER_FIELDS
            ]
        super().save(*args, **kwargs)

    # --- What the public sees ---------------------------------------------------------------
    @property
    def display_title(self):
        if self.public_title:
            return self.public_title
        return f"{self.category.name}" + (f" – {self.place.name}" if self.place_id else "")

    @property
    def is_closed(self):
        return self.status in CLOSED_STATUSES

    @property
    def is_overdue(self):
        return bool(
            not self.is_closed
            and self.status != Status.PAUSED
            and self.due_at
            and self.due_at < timezone.now()
        )

    @cached_property
    def public_history(self):
        return list(self.history.order_by("created_at", "pk"))

    # --- Deadlines ---------------------------------------------------------------------------
    def pauses(self, entries=None):
        """(start, end) pairs of the times the report was paused; end None while paused."""
        entries = entries if entries is not None else self.history.order_by("created_at", "pk")
        pauses, started = [], None
        for entry in entries:
            if entry.status == Status.PAUSED and started is None:
                started = entry.created_at
            elif entry.status != Status.PAUSED and started is not None:
                pauses.append((started, entry.created_at))
                started = None
        if started is not None:
            pauses.append((started, None))
        return pauses

    def deadline_start(self):
        """When the deadline counts from: the receipt, or the last reopening by the citizen
        (a reopened report gets its category's full time again)."""
        if self.pk and self.reopen_count:
            last = (
                self.history.filter(status=Status.REOPENED).order_by("-created_at", "-pk").first()
            )
            if last is not None:
                return last.created_at
        return self.received_at

    def compute_due_at(self, pauses=()):
        hours = self.category.deadline_hours(self.urgency)
        start = self.deadline_start()
        pauses = [(a, b) for a, b in pauses if b is None or b > start]
        return deadlines.add_working_time(start, hours, pauses)

    @property
    def channels(self):
        """The channels the citizen chose, in Channel order."""
        chosen = set(filter(None, self.notify_channels.split(",")))
        return [value for value in Channel.values if value in chosen]

    def change_status(self, status, user=None, note="", forwarded_to=""):
        """Record a status change in the history (the note is public) and recompute the due
        date: pauses push it back; closing keeps the last one for the on-time count."""
        note = nfc(note) or ""
        entry = FeedbackStatusEntry.objects.create(
            report=self, status=status, note=note, actor=user
        )
        self.status = status
        if status == Status.FORWARDED and forwarded_to:
            self.forwarded_to = nfc(forwarded_to)
        if status in CLOSED_STATUSES:
            self.closed_at = entry.created_at
        else:
            self.closed_at = None
        pauses = self.pauses()
        if status != Status.PAUSED and not (status in CLOSED_STATUSES and self.due_at):
            self.due_at = self.compute_due_at(pauses)
        self.__dict__.pop("public_history", None)
        self.save()
        from .outbox import enqueue

        enqueue(self, entry)
        return entry

    @property
    def reopen_deadline(self):
        """Until when the citizen may reopen this report, or None when it cannot be reopened
        (only a report closed as fixed, not anonymised, within FEEDBACK_REOPEN_DAYS)."""
        if self.status != Status.RESOLVED or not self.closed_at or self.anonymised_at:
            return None
        return self.closed_at + datetime.timedelta(days=settings.FEEDBACK_REOPEN_DAYS)

    @property
    def can_reopen(self):
        deadline = self.reopen_deadline
        return bool(deadline and timezone.now() <= deadline)

    def reopen(self, reason):
        """The citizen says the report closed as fixed is not: it goes back to its handlers
        (the assigned group and member of staff are kept, and told), with a new deadline from
        now. The reason, the citizen's own words, is kept as an internal note; the public
        history says only that the citizen reopened it. Returns the new history entry, or
        None when it can no longer be reopened (checked under a row lock)."""
        from .notify import queue_reopened

        with transaction.atomic():
            locked = FeedbackReport.objects.select_for_update().get(pk=self.pk)
            if not locked.can_reopen:
                return None
            FeedbackReport.objects.filter(pk=self.pk).update(
                reopen_count=models.F("reopen_count") + 1
            )
            self.reopen_count = locked.reopen_count + 1
            InternalNote.objects.create(
                report=self, author=None, text=f"Người dân mở lại phản ánh. Lý do: {nfc(reason)}"
            )
            entry = self.change_status(
                Status.REOPENED,
                note="Người phản ánh báo sự việc chưa được khắc phục; phản ánh được mở lại.",
            )
            queue_reopened(self.pk)
        return entry

    @property
    def answered_on_time(self):
        if not self.closed_at or not self.due_at:
            return None
        return self.closed_at <= self.due_at

    # --- Personal data -----------------------------------------------------------------------
    def anonymise(self, purge_results=True):
        """Remove the reporter's personal data, keeping what statistics need: contact, address,
        map point, their words, staff notes, and every photo with its file (a photo shows a
        house, a face, a number plate) and any copy the caching front keeps of it. A published
        result leaves the results pages: they are purged unless ``purge_results`` is off (the
        retention job purges them once for all the reports it anonymises)."""
        with transaction.atomic():
            self.contact_name = self.contact_phone = self.contact_email = ""
            self.address = ""
            self.lat = self.lng = None
            self.description = "[Đã xóa nội dung theo quy định bảo vệ dữ liệu cá nhân]"
            self.rating_comment = ""
            self.anonymised_at = timezone.now()
            self.save()
            # Staff notes may quote the reporter ("đã gọi cho ông A…").
            self.notes.update(text="[Đã xóa theo quy định bảo vệ dữ liệu cá nhân]")
            delete_photos(self.photos.all())
        if purge_results and self.publish_result:
            purge_public_side(self.site)


class FeedbackStatusEntry(models.Model):
    """One step of a report's public history; the note is public, the actor is not."""

    report = models.ForeignKey(FeedbackReport, on_delete=models.CASCADE, related_name="history")
    status = models.CharField("Trạng thái", max_length=12, choices=Status.choices)
    note = models.TextField("Ghi chú công khai / lý do", blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    reporter_emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "Lịch sử trạng thái"
        verbose_name_plural = "Lịch sử trạng thái"
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.get_status_display()


class InternalNote(models.Model):
    """A note between staff, never shown to citizens."""

    report = models.ForeignKey(FeedbackReport, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField("Ghi chú nội bộ", max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Ghi chú nội bộ"
        verbose_name_plural = "Ghi chú nội bộ"
        ordering = ["created_at"]

    def __str__(self):
        return self.text[:60]

    def save(self, *args, **kwargs):
        self.text = nfc(self.text)
        super().save(*args, **kwargs)


class NotificationDelivery(models.Model):
    """One message to the citizen about one status change through one channel: the outbox
    row the sender works from and the delivery log staff read. Unique per (status entry,
    channel), so a change is never sent twice through a channel; the row's key goes to the
    gateway as its idempotency key. The address is not copied here: it is read from the
    report when sending (and nothing is sent once the report is anonymised)."""

    class State(models.TextChoices):
        PENDING = "cho", "Đang chờ gửi"
        SENT = "da_gui", "Đã gửi"
        FAILED = "that_bai", "Không gửi được"
        SKIPPED = "bo_qua", "Không gửi (không còn địa chỉ)"

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name="Phường/xã"
    )
    report = models.ForeignKey(
        FeedbackReport,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name="Phản ánh",
    )
    entry = models.ForeignKey(
        FeedbackStatusEntry,
        on_delete=models.CASCADE,
        related_name="deliveries",
        verbose_name="Thay đổi trạng thái",
    )
    channel = models.CharField("Kênh", max_length=10, choices=Channel.choices)
    status = models.CharField("Trạng thái thay đổi", max_length=12, choices=Status.choices)
    key = models.CharField("Mã chống gửi trùng", max_length=64, unique=True, editable=False)
    state = models.CharField(
        "Tình trạng gửi", max_length=10, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveSmallIntegerField("Số lần thử", default=0)
    next_attempt_at = models.DateTimeField("Thử lại lúc", default=timezone.now)
    last_error = models.CharField("Lỗi gần nhất", max_length=300, blank=True)
    created_at = models.DateTimeField("Tạo lúc", default=timezone.now)
    sent_at = models.DateTimeField("Gửi lúc", null=True, blank=True)

    class Meta:
        verbose_name = "Tin báo cho người phản ánh"
        verbose_name_plural = "Nhật ký gửi tin báo"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "channel"], name="feedback_one_message_per_change_and_channel"
            )
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self):
        return f"{self.report.code} – {self.get_status_display()} – {self.get_channel_display()}"


class MessageText(models.Model):
    """A ward's text of the message sent to citizens for one status (feedback/outbox.py has
    the Vietnamese defaults used while a ward has not written its own)."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name="Phường/xã"
    )
    status = models.CharField("Trạng thái", max_length=12, choices=Status.choices)
    text = models.CharField(
        "Nội dung tin",
        max_length=300,
        help_text="Ngắn gọn (tin SMS nên dưới 160 ký tự). Dùng được: {ma} mã phản ánh, "
        "{trang_thai} tên trạng thái, {lien_ket} đường dẫn trang tra cứu, {phuong} tên "
        "phường/xã. Không ghi thông tin cá nhân.",
    )

    class Meta:
        verbose_name = "Mẫu tin báo"
        verbose_name_plural = "Mẫu tin báo theo trạng thái"
        ordering = ["site", "status"]
        constraints = [
            models.UniqueConstraint(fields=["site", "status"], name="feedback_one_text_per_status")
        ]

    def __str__(self):
        return self.get_status_display()

    def save(self, *args, **kwargs):
        self.text = nfc(self.text) or ""
        super().save(*args, **kwargs)


def photo_name(instance, filename):
    now = timezone.now()
    return f"{now:%Y/%m}/{uuid.uuid4().hex}.jpg"


class FeedbackPhoto(models.Model):
    """A photo re-encoded as JPEG without metadata (feedback/photos.py), stored under a
    generated name outside MEDIA_ROOT. Private until a member of staff makes it public: only
    then does the public photo view (``feedback.views.photo``) serve it and do the status and
    results pages show it; staff see every photo through ``feedback_report:photo``."""

    class Kind(models.TextChoices):
        BEFORE = "truoc", "Trước xử lý"
        AFTER = "sau", "Sau xử lý"

    report = models.ForeignKey(FeedbackReport, on_delete=models.CASCADE, related_name="photos")
    kind = models.CharField("Loại", max_length=5, choices=Kind.choices, default=Kind.BEFORE)
    file = models.FileField(upload_to=photo_name, storage=photo_storage, max_length=200)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    is_public = models.BooleanField(
        "Công khai",
        default=False,
        help_text="Chỉ cán bộ bật được, khi ảnh không lộ mặt người, biển số xe hay nhà riêng.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Ảnh phản ánh"
        verbose_name_plural = "Ảnh phản ánh"
        # In the order they came: the citizen's (before) first, then staff's (after).
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.file.name.rsplit("/", 1)[-1]

    @property
    def public_path(self):
        """The path of the public photo view for this photo (served only while public)."""
        from django.urls import reverse

        return reverse("feedback_photo", args=[self.name[:-4]])


def feedback_page(site):
    """The live feedback pillar of ``site``, or None."""
    return FeedbackIndexPage.objects.live().filter(path__startswith=site.root_page.path).first()


def purge_public_side(site, photos=(), results=True):
    """Remove from the caching front the copies that may show what just changed: ``photos``
    (made public or private, or deleted) and, with ``results``, the results pages (a wildcard:
    the list, its filters, each result and the feed). The status pages are never cached
    (``never_cache``)."""
    from content.front_purge import purge

    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    urls = [site.root_url + photo.public_path for photo in photos]
    page = feedback_page(site) if results else None
    if page is not None:
        results = page.get_full_url() + page.reverse_subpage("results_route")
        urls += [results, results + "*"]
    purge(urls)


def delete_photos(photos):
    """Delete ``photos`` (a queryset): their rows now, their files and the front's copies of
    them once the transaction commits, so that a rollback never leaves a row without its
    file. Returns how many were deleted."""
    photos = list(photos.select_related("report__site"))
    if not photos:
        return 0
    names = [photo.file.name for photo in photos]
    FeedbackPhoto.objects.filter(pk__in=[photo.pk for photo in photos]).delete()

    def remove_files():
        for name in names:
            try:
                photo_storage.delete(name)
            except OSError:
                logger.error("Could not delete feedback photo file %s", name, exc_info=True)

    transaction.on_commit(remove_files)
    by_site = {}
    for photo in photos:
        by_site.setdefault(photo.report.site_id, (photo.report.site, []))[1].append(photo)
    for site, site_photos in by_site.values():
        purge_public_side(site, site_photos, results=False)
    return len(photos)


def create_report(*, site, token, photos=(), **fields):
    """Store a new report with its first status entry and photos, or return the report
    already made from the same form token (a double submission). Returns (report, created).
    The token's unique constraint finds the double submission: the form view has already
    looked for it before reading the photos, so no second lookup is made here."""
    try:
        with transaction.atomic():
            report = FeedbackReport(site=site, submission_token=token or "", **fields)
            report.save()
            entry = FeedbackStatusEntry.objects.create(
                report=report, status=Status.RECEIVED, created_at=report.received_at
            )
            from .outbox import enqueue

            enqueue(report, entry)
            for encoded in photos:
                photo = FeedbackPhoto(report=report, width=encoded.width, height=encoded.height)
                photo.file.save("anh.jpg", encoded.content_file(), save=False)
                photo.save()
    except IntegrityError:
        existing = FeedbackReport.objects.filter(site=site, submission_token=token).first()
        if existing is None:
            raise
        return existing, False
    return report, True


# --- The pillar page ---------------------------------------------------------------------------
# Imported late: content.models imports Wagtail's page machinery.
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path  # noqa: E402

from content import page_cache  # noqa: E402
from content.models import SectionPage  # noqa: E402


class FeedbackIndexPage(RoutablePageMixin, SectionPage):
    """The feedback pillar (``/phan-anh-kien-nghi/``): the report form, status look-up by code,
    published results and their RSS feed. Views are in feedback/views.py."""

    parent_page_types = ["content.HomePage"]
    subpage_types = ["content.StandardPage", "content.SectionPage"]
    max_count_per_parent = 1
    search_kind = "trang"

    class Meta:
        verbose_name = "Trang phản ánh – kiến nghị"
        verbose_name_plural = "Trang phản ánh – kiến nghị"

    def search_text(self):
        return ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The pages below and the page's history, kept until the next publication.
        context["children"] = page_cache.children(self)
        page_cache.history(self)
        return context

    @path("gui/")
    def report_route(self, request):
        from . import views

        return views.report_form(request, self)

    @re_path(rf"^da-gui/(?P<code>{ANY_CODE_PATTERN})/$")
    def sent_route(self, request, code):
        from . import views

        return views.sent(request, self, code)

    @path("tra-cuu/")
    def lookup_route(self, request):
        from . import views

        return views.lookup(request, self)

    @re_path(rf"^tra-cuu/(?P<code>{ANY_CODE_PATTERN})/$")
    def status_route(self, request, code):
        from . import views

        return views.status(request, self, code)

    @re_path(rf"^tra-cuu/(?P<code>{ANY_CODE_PATTERN})/danh-gia/$")
    def rating_route(self, request, code):
        from . import views

        return views.rate(request, self, code)

    @re_path(rf"^tra-cuu/(?P<code>{ANY_CODE_PATTERN})/mo-lai/$")
    def reopen_route(self, request, code):
        from . import views

        return views.reopen(request, self, code)

    @path("ket-qua/")
    def results_route(self, request):
        from . import views

        return views.results(request, self)

    @re_path(r"^ket-qua/(?P<pk>[0-9]{1,12})/$")
    def result_route(self, request, pk):
        from . import views

        return views.result(request, self, int(pk))

    @path("ket-qua/rss/")
    def results_feed_route(self, request):
        from . import views

        return views.results_feed(request, self)


class PageUsefulness(models.Model):
    """One answer to «Trang này có hữu ích không?»: yes or no and an optional comment. No
    personal data is asked for or kept (no address, no cookie, no account)."""

    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name="Phường/xã"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name="Trang"
    )
    useful = models.BooleanField("Hữu ích")
    comment = models.CharField("Góp ý", max_length=500, blank=True)
    created_at = models.DateTimeField("Lúc", auto_now_add=True)

    class Meta:
        verbose_name = "Ý kiến về trang"
        verbose_name_plural = "Ý kiến về trang"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["site", "created_at"])]

    def __str__(self):
        return f"{self.page_id}: {'có' if self.useful else 'không'}"

    def save(self, *args, **kwargs):
        self.comment = nfc(self.comment) or ""
        super().save(*args, **kwargs)

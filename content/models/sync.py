"""The log of every run of a job that pulls data from an upstream (catalogue, statistics,
iHanoi): what it brought, what it rejected, and when it last succeeded."""

from django.db import models
from django.utils import timezone

# What staff read for each source; an app that adds an upstream adds its label here.
SOURCE_LABELS = {
    "tthc.catalogue": "Danh mục thủ tục (Cổng Dịch vụ công quốc gia)",
    "feedback.ihanoi": "Phản ánh từ iHanoi",
    # The dashboard's sources; their runs are "<name>@<site id>", one log per ward.
    "dashboard.cases": "Số liệu hồ sơ (Cổng Dịch vụ công quốc gia / tệp một cửa)",
    "dashboard.feedback": "Số liệu phản ánh – kiến nghị",
    "dashboard.portal": "Số liệu hoạt động của Cổng",
}


class SyncRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", "Đang chạy"
        SUCCESS = "success", "Thành công"
        REJECTED = "rejected", "Dữ liệu bị từ chối"
        FAILED = "failed", "Lỗi kết nối"

    # A dotted name per upstream, e.g. "tthc.catalogue".
    source = models.CharField("Nguồn", max_length=50, db_index=True)
    origin = models.CharField(
        "Lấy từ", max_length=500, blank=True, help_text="Địa chỉ hoặc tên tệp (không có khóa)."
    )
    started_at = models.DateTimeField("Bắt đầu", default=timezone.now)
    finished_at = models.DateTimeField("Kết thúc", null=True, blank=True)
    status = models.CharField(
        "Kết quả", max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    created = models.PositiveIntegerField("Mới", default=0)
    changed = models.PositiveIntegerField("Thay đổi", default=0)
    unchanged = models.PositiveIntegerField("Không đổi", default=0)
    rejected = models.PositiveIntegerField("Bị từ chối", default=0)
    withdrawn = models.PositiveIntegerField("Không còn trong nguồn", default=0)
    message = models.TextField("Ghi chú", blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["source", "status", "-started_at"])]
        verbose_name = "Lần đồng bộ"
        verbose_name_plural = "Nhật ký đồng bộ"

    def __str__(self):
        started = timezone.localtime(self.started_at)
        return f"{self.source_label}, {started:%H:%M %d/%m/%Y}: {self.get_status_display()}"

    @property
    def source_label(self):
        return SOURCE_LABELS.get(self.source.split("@")[0], self.source)

    source_label.fget.short_description = "Nguồn"

    @property
    def started_display(self):
        return f"{timezone.localtime(self.started_at):%H:%M:%S %d/%m/%Y}"

    started_display.fget.short_description = "Bắt đầu"

    @property
    def duration_display(self):
        if not self.finished_at:
            return "Chưa xong"
        seconds = (self.finished_at - self.started_at).total_seconds()
        return f"{seconds:.0f} giây" if seconds < 120 else f"{seconds / 60:.0f} phút"

    duration_display.fget.short_description = "Thời gian chạy"

    @classmethod
    def last_success(cls, source):
        return cls.objects.filter(source=source, status=cls.Status.SUCCESS).first()

    def counts(self):
        return {
            "created": self.created,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "withdrawn": self.withdrawn,
        }

    def summary(self):
        return (
            f"{self.created} mới, {self.changed} thay đổi, {self.unchanged} không đổi, "
            f"{self.rejected} bị từ chối, {self.withdrawn} không còn trong nguồn"
        )

    def finish(self, status, message=""):
        self.status = status
        self.message = message
        self.finished_at = timezone.now()
        self.save()

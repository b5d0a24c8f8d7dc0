"""Step 5: the public history of a page and the review-by reminders."""

from django.db import models
from wagtail.models import Page, Revision


class ChangeNote(models.Model):
    """One publication of a page after its first: what changed, shown to citizens without
    the editor's name. Corrections (đính chính) are counted by the corrections KPI."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="change_notes")
    revision = models.OneToOneField(
        Revision, null=True, on_delete=models.SET_NULL, related_name="change_note_entry"
    )
    text = models.CharField("Nội dung thay đổi", max_length=300)
    is_correction = models.BooleanField("Đính chính", default=False)
    published_at = models.DateTimeField("Thời điểm đăng")

    class Meta:
        verbose_name = "Ghi chú cập nhật"
        verbose_name_plural = "Ghi chú cập nhật"
        ordering = ["-published_at"]
        indexes = [models.Index(fields=["page", "-published_at"])]

    def __str__(self):
        return self.text


class ReviewReminder(models.Model):
    """A reminder sent for a page past its review-by date, at most one per page per period."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")
    period = models.DateField("Kỳ nhắc (ngày đầu kỳ)")
    review_by = models.DateField("Hạn rà soát khi nhắc")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page", "period"], name="one_reminder_per_page_per_period"
            )
        ]

    def __str__(self):
        return f"{self.page_id} @ {self.period}"

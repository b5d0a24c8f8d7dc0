from django.conf import settings
from django.db import models


class EnrolmentDeadline(models.Model):
    """When a member of staff without a second factor must have enrolled one.

    Set the first time the admin asks them while two factors are required (that moment plus
    ``STAFF_2FA_GRACE_DAYS``), and to "now" when a superuser resets their devices; until then
    they may use the admin and are reminded, after it every admin URL leads to enrolment."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolment_deadline"
    )
    due = models.DateTimeField("hạn bật xác thực hai bước")

    class Meta:
        verbose_name = "hạn bật xác thực hai bước"
        verbose_name_plural = "hạn bật xác thực hai bước"

    def __str__(self):
        return f"{self.user} – {self.due:%d/%m/%Y %H:%M}"

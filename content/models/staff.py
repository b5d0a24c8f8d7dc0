"""Which ward a member of staff works for: groups are shared by every ward of an install,
so approval rights and notifications are also limited to the staff of the page's own ward."""

from django.conf import settings
from django.db import models


class StaffProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_profile",
        verbose_name="Người dùng",
    )
    site = models.ForeignKey(
        "wagtailcore.Site",
        on_delete=models.CASCADE,
        related_name="staff",
        verbose_name="Phường/xã",
    )
    position = models.CharField("Chức danh", max_length=120, blank=True)

    class Meta:
        verbose_name = "Cán bộ"
        verbose_name_plural = "Cán bộ"

    def __str__(self):
        return f"{self.user} – {self.site}"


def user_site_id(user):
    """The id of the ward (site) ``user`` works for, or None."""
    profile = getattr(user, "staff_profile", None) if user.is_authenticated else None
    return profile.site_id if profile else None

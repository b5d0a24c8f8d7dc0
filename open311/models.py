"""Registered clients of the Open311 API (docs/integrations.md, «Open311 GeoReport v2»).

A client (an app of the city, FixMyStreet, a newspaper's app) is registered by the portal
admins of one ward and gets one API key for that ward. The key is shown once, when it is
issued; only its SHA-256 digest is stored (a key is 32 random bytes, so a fast digest is as
good as a slow one: there is nothing to guess). ``ApiReport`` records which client filed a
report and the token ``tokens/<token>`` answers for.
"""

import hashlib
import secrets

from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

KEY_PREFIX_LENGTH = 8


def new_key():
    """A fresh API key: 43 URL-safe characters (32 random bytes)."""
    return secrets.token_urlsafe(32)


def key_digest(key):
    return hashlib.sha256(str(key).encode()).hexdigest()


class ApiClient(models.Model):
    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name="Phường/xã"
    )
    name = models.CharField("Tên ứng dụng / đơn vị", max_length=120)
    contact = models.CharField(
        "Người liên hệ kỹ thuật",
        max_length=200,
        blank=True,
        help_text="Tên và thư điện tử của người chịu trách nhiệm về ứng dụng.",
    )
    key_prefix = models.CharField("Đầu khóa", max_length=KEY_PREFIX_LENGTH, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    hourly_limit = models.PositiveIntegerField(
        "Số phản ánh tối đa mỗi giờ",
        default=60,
        validators=[MinValueValidator(1)],
        help_text="Tính theo từng địa chỉ mạng gửi đến, như giới hạn của biểu mẫu trên Cổng.",
    )
    is_active = models.BooleanField("Đang dùng", default=True)
    created_at = models.DateTimeField("Cấp lúc", default=timezone.now, editable=False)
    last_used_at = models.DateTimeField("Dùng lần cuối", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "Ứng dụng dùng API"
        verbose_name_plural = "Ứng dụng dùng API Open311"
        ordering = ["site", "name"]

    def __str__(self):
        return self.name

    def issue_key(self):
        """Give the client a new key (the old one stops working) and return it; the caller
        shows it once and saves the client."""
        key = new_key()
        self.key_prefix = key[:KEY_PREFIX_LENGTH]
        self.key_hash = key_digest(key)
        return key

    @classmethod
    def for_key(cls, key):
        """The active client holding ``key``, or None."""
        if not key or len(key) > 200:
            return None
        return cls.objects.filter(key_hash=key_digest(key), is_active=True).first()


def new_token():
    return secrets.token_hex(16)


class ApiReport(models.Model):
    """A report filed through the API: by which client, and its Open311 token."""

    report = models.OneToOneField(
        "feedback.FeedbackReport", on_delete=models.CASCADE, related_name="open311"
    )
    client = models.ForeignKey(
        ApiClient, null=True, on_delete=models.SET_NULL, related_name="reports"
    )
    token = models.CharField(max_length=32, unique=True, default=new_token)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "Phản ánh gửi qua API"
        verbose_name_plural = "Phản ánh gửi qua API"

    def __str__(self):
        return self.token

"""E-mail for staff notifications."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import Notification

logger = logging.getLogger(__name__)


def send_notification_emails(notification_ids):
    """Send each not-yet-e-mailed notification once; a failed send is retried next time."""
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    for note_id in notification_ids:
        with transaction.atomic():
            note = (
                Notification.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("recipient", "page")
                .filter(pk=note_id, emailed_at__isnull=True)
                .first()
            )
            if note is None or not note.recipient.email:
                continue
            link = f"{base_url}/admin/pages/{note.page_id}/edit/" if note.page_id else base_url
            try:
                send_mail(
                    subject=f"[Cổng thông tin] {note.message[:120]}",
                    message=f"{note.message}\n\nMở trang quản trị: {link}\n",
                    from_email=None,
                    recipient_list=[note.recipient.email],
                )
            except OSError:
                logger.warning("notification e-mail failed", extra={"id": note.pk}, exc_info=True)
                continue
            note.emailed_at = timezone.now()
            note.save(update_fields=["emailed_at"])

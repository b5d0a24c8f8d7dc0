"""Telling staff what needs them: admin notifications plus e-mail sent after commit.

Recipients are always limited to the staff of the page's own ward (StaffProfile.site), so a
shared group such as "Tư pháp" never reaches another ward's people.
"""

import logging

from django.contrib.auth import get_user_model
from django.db import transaction

from .models import Notification, page_site_id

logger = logging.getLogger(__name__)


def ward_members(groups, page, exclude_user_ids=()):
    """Active users of ``groups`` who work for the ward holding ``page``."""
    site_id = page_site_id(page)
    if site_id is None or not groups:
        return get_user_model().objects.none()
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__in=groups,
            staff_profile__site_id=site_id,
        )
        .exclude(pk__in=[pk for pk in exclude_user_ids if pk])
        .distinct()
    )


def notify(users, page, message):
    """Store one notification per user and e-mail them once the transaction commits."""
    notes = Notification.objects.bulk_create(
        [Notification(recipient=user, page=page, message=message[:300]) for user in users]
    )
    ids = [note.pk for note in notes if note.pk]
    if ids:
        transaction.on_commit(lambda: _queue_emails(ids))
    return notes


def _queue_emails(ids):
    from .tasks import send_notification_emails

    try:
        send_notification_emails.delay(ids)
    except Exception:  # a dead broker delays the e-mail; the notification is already stored
        logger.warning("could not queue notification e-mails", extra={"ids": ids}, exc_info=True)

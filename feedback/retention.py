"""Retention: personal data of closed reports is removed after FEEDBACK_RETENTION_DAYS."""

import datetime

from django.conf import settings
from django.utils import timezone

from .models import CLOSED_STATUSES, FeedbackReport


def anonymise_expired(now=None):
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.FEEDBACK_RETENTION_DAYS)
    expired = FeedbackReport.objects.filter(
        status__in=CLOSED_STATUSES, closed_at__lt=cutoff, anonymised_at__isnull=True
    )
    count = 0
    for report in expired.iterator():
        report.anonymise()
        count += 1
    return count

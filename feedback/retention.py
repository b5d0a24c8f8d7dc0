"""Retention: personal data of closed reports is removed after FEEDBACK_RETENTION_DAYS, photos
and their files included (``FeedbackReport.anonymise``)."""

import datetime

from django.conf import settings
from django.utils import timezone

from .models import (
    CLOSED_STATUSES,
    FeedbackPhoto,
    FeedbackReport,
    delete_photos,
    purge_public_side,
)


def anonymise_expired(now=None):
    """Anonymise the reports closed before the retention period; returns how many. Photos
    still kept by reports anonymised before photos were deleted with them go too."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.FEEDBACK_RETENTION_DAYS)
    expired = FeedbackReport.objects.filter(
        status__in=CLOSED_STATUSES, closed_at__lt=cutoff, anonymised_at__isnull=True
    )
    count, published_on = 0, {}
    for report in expired.select_related("site").iterator():
        report.anonymise(purge_results=False)
        if report.publish_result:
            published_on[report.site_id] = report.site
        count += 1
    delete_photos(FeedbackPhoto.objects.filter(report__anonymised_at__isnull=False))
    # Their results leave the results pages: one purge per ward, not one per report.
    for site in published_on.values():
        purge_public_side(site)
    return count

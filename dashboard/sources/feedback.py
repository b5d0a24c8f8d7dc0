"""Feedback counts (Source.FEEDBACK) from the reports the portal holds: its own form and the
items synced from iHanoi (feedback.ihanoi), by channel (FeedbackReport.source).

Only recent months are recomputed (the current and the previous one by default): older months
are left as they are, so a baseline loaded from another record (seed 000's iHanoi figures)
survives, and a report deleted under the retention rules does not rewrite history.
"""

import datetime

from django.db.models import Sum
from django.utils import timezone

from feedback.models import FeedbackReport
from feedback.stats import report_counts

from ..models import Source
from . import base


def counts(site, period):
    """{(metric, channel): count} for reports received in ``period`` (a month)."""
    start = _aware(period)
    end = _aware(base.next_month(period))
    rows = (
        FeedbackReport.objects.filter(site=site, received_at__gte=start, received_at__lt=end)
        .values("source")
        .annotate(
            **report_counts(),
            rating_sum=Sum("rating", default=0),
        )
        .order_by("source")
    )
    values = {}
    for row in rows:
        channel = row.pop("source")
        for metric, value in row.items():
            values[(metric, channel)] = int(value)
    return values


def compute(site, months=2, today=None):
    """Recompute the last ``months`` months (this one included); returns the SyncRun."""
    periods = recent_months(months, today)
    return base.run(
        site,
        Source.FEEDBACK,
        lambda: {period: counts(site, period) for period in periods},
        "Phản ánh trên Cổng và iHanoi",
    )


def recent_months(months, today=None):
    period = base.month_start(today or timezone.localdate())
    result = [period]
    for _ in range(months - 1):
        result.insert(0, base.previous_month(result[0]))
    return result


def _aware(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

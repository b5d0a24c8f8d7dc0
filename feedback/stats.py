"""Counts for the dashboard (DESIGN.md §5): rates are computed from these, never stored.

- feedback resolution rate = resolved / received
- answered within SLA = closed on or before the due date / closed
- satisfaction = satisfied (rating 4–5) / rated; mean rating 1–5
- page usefulness = yes / answers

"Closed" is every closing status (CLOSED_STATUSES: resolved, not taken up, forwarded, closed
without a fix, outside the ward's remit); "resolved" is only «Đã xử lý xong». A report the
citizen reopened is open again until staff close it again; ``reopened`` counts the reports
reopened at least once.
"""

from dataclasses import dataclass

from django.db.models import Avg, Count, F, Q

from .models import CLOSED_STATUSES, FeedbackReport, PageUsefulness, Status


@dataclass(frozen=True)
class FeedbackCounts:
    received: int
    resolved: int
    closed: int
    closed_on_time: int
    open_overdue: int
    rated: int
    satisfied: int
    mean_rating: float | None
    from_ihanoi: int
    useful_yes: int
    useful_answers: int
    reopened: int = 0


def report_counts():
    """The counts of a set of reports the KPIs are computed from, as aggregate expressions
    (shared with the dashboard's feedback source, dashboard/sources/feedback.py)."""
    return {
        "received": Count("pk"),
        "resolved": Count("pk", filter=Q(status=Status.RESOLVED)),
        "closed": Count("pk", filter=Q(status__in=CLOSED_STATUSES)),
        "closed_on_time": Count(
            "pk", filter=Q(status__in=CLOSED_STATUSES, closed_at__lte=F("due_at"))
        ),
        "rated": Count("pk", filter=Q(rating__isnull=False)),
        "satisfied": Count("pk", filter=Q(rating__gte=4)),
    }


def feedback_counts(site_id, start, end, now=None):
    """Counts of reports received in [start, end) of ward ``site_id``, and page usefulness
    answers given in that period."""
    reports = FeedbackReport.objects.filter(
        site_id=site_id, received_at__gte=start, received_at__lt=end
    )
    totals = reports.aggregate(
        **report_counts(),
        mean_rating=Avg("rating"),
        from_ihanoi=Count("pk", filter=Q(source="ihanoi")),
        reopened=Count("pk", filter=Q(reopen_count__gt=0)),
    )
    answers = PageUsefulness.objects.filter(
        site_id=site_id, created_at__gte=start, created_at__lt=end
    ).aggregate(useful_answers=Count("pk"), useful_yes=Count("pk", filter=Q(useful=True)))
    mean = totals.pop("mean_rating")
    return FeedbackCounts(
        open_overdue=reports.overdue(now).count(),
        mean_rating=float(mean) if mean is not None else None,
        **totals,
        **answers,
    )

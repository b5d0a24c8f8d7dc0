"""How fresh each source's figures are: its last success, and a stale marker once it has not
succeeded for longer than its period (the job's own schedule plus a little grace)."""

import datetime

from django.db.models import Max
from django.utils import timezone

from .models import Source

# How long a source may go without a successful run before its figures are marked stale.
STALE_AFTER = {
    Source.CASES: datetime.timedelta(hours=26),  # pulled every night
    Source.FEEDBACK: datetime.timedelta(hours=26),  # recomputed every night
    Source.PORTAL: datetime.timedelta(hours=26),  # recomputed every night
    Source.MANUAL: datetime.timedelta(days=41),  # typed in once a month, by the 10th
}


def run_name(source):
    """The SyncRun source name of a dashboard source's job."""
    return f"dashboard.{source}"


def last_successes():
    """{source: when its job last succeeded}, for every dashboard source, in one query."""
    from content.models import SyncRun

    rows = (
        SyncRun.objects.filter(
            source__in=[run_name(source) for source in Source], status=SyncRun.Status.SUCCESS
        )
        .values("source")
        .annotate(last=Max("finished_at"))
    )
    by_name = {row["source"]: row["last"] for row in rows}
    return {source: by_name.get(run_name(source)) for source in Source}


def source_statuses(reading_updates, now=None):
    """Each source with its last success and whether it is stale. Figures typed in by hand
    have no job: their last success is the last time someone saved one (``reading_updates``,
    {source: latest Reading.updated_at})."""
    now = now or timezone.now()
    successes = last_successes()
    statuses = []
    for source in Source:
        success = successes[source]
        if source == Source.MANUAL:
            success = max(filter(None, [success, reading_updates.get(source)]), default=None)
        statuses.append(
            {
                "source": source,
                "label": source.label,
                "last_success": success,
                "stale": success is None or now - success > STALE_AFTER[source],
                "stale_after": STALE_AFTER[source],
            }
        )
    return statuses

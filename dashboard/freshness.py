"""How fresh each source's figures are: its last success, and a stale marker once it has not
succeeded for longer than its period (the job's own schedule plus a little grace)."""

import datetime

from django.db.models import Max
from django.utils import timezone

from .models import Source
from .sources.base import sync_source

# How long a source may go without a successful run before its figures are marked stale.
STALE_AFTER = {
    Source.CASES: datetime.timedelta(hours=26),  # pulled every night
    Source.FEEDBACK: datetime.timedelta(hours=26),  # recomputed every night
    Source.PORTAL: datetime.timedelta(hours=26),  # recomputed every night
    Source.MANUAL: datetime.timedelta(days=41),  # typed in once a month, by the 10th
}


def last_successes(site):
    """{source: when its job last succeeded for ``site``}, for every source, in one query
    (``sources.base.last_success`` asks for one source at a time)."""
    from content.models import SyncRun

    names = {source: sync_source(site, source) for source in Source}
    rows = (
        SyncRun.objects.filter(source__in=names.values(), status=SyncRun.Status.SUCCESS)
        .values("source")
        .annotate(last=Max("finished_at"))
    )
    by_name = {row["source"]: row["last"] for row in rows}
    return {source: by_name.get(name) for source, name in names.items()}


def source_statuses(site, reading_updates, now=None):
    """Each source with its last success and whether it is stale. Figures typed in by hand
    have no job: their last success is the last time someone saved one (``reading_updates``,
    {source: latest Reading.updated_at})."""
    now = now or timezone.now()
    successes = last_successes(site)
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

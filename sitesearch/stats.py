"""What citizens search for, read by the admin report and the dashboard (no personal data:
only folded queries, counts and result counts per ward and day)."""

import datetime
from dataclasses import dataclass

from django.db.models import Max, Sum
from django.utils import timezone

from .models import SearchQueryDay


@dataclass(frozen=True)
class SearchGaps:
    """Searches and searches with no result in a period: the "search gaps" KPI."""

    searches: int
    without_result: int

    @property
    def rate(self):
        """Share of searches with no result (0–1), or None when nobody searched."""
        return self.without_result / self.searches if self.searches else None


def period(days, today=None):
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=days - 1), today


def search_gaps(site, start, end):
    """Searches of ``site`` from ``start`` to ``end`` (dates, inclusive), and those that
    found nothing. A query counts as without result on a day when its last search that day
    found nothing."""
    rows = SearchQueryDay.objects.filter(site=site, day__range=(start, end))
    searches = rows.aggregate(n=Sum("count"))["n"] or 0
    without = rows.filter(results=0).aggregate(n=Sum("count"))["n"] or 0
    return SearchGaps(searches, without)


def top_queries(site, start, end, limit=20, without_result=False):
    """The most searched queries of the period, with their searches and last result count."""
    rows = SearchQueryDay.objects.filter(site=site, day__range=(start, end))
    if without_result:
        rows = rows.filter(results=0)
    return list(
        rows.values("query")
        .annotate(
            searches=Sum("count"), results=Max("results"), last_day=Max("day"), text=Max("text")
        )
        .order_by("-searches", "query")[:limit]
    )


def popular_queries(site, days=30, limit=6, at_least=3):
    """What citizens search often and find (shown on the search page): only queries searched
    ``at_least`` times, so that nothing one person typed once is ever shown to others."""
    start, end = period(days)
    rows = SearchQueryDay.objects.filter(site=site, day__range=(start, end), results__gt=0)
    return list(
        rows.values("query")
        .annotate(searches=Sum("count"), text=Max("text"))
        .filter(searches__gte=at_least)
        .order_by("-searches", "query")[:limit]
    )

"""What citizens search for, read by the admin report and the dashboard (no personal data:
only folded queries, counts and result counts per ward and day)."""

import datetime
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Max, Q, Sum
from django.utils import timezone

from .indexing import wording_key
from .models import PopularSearch, SearchQueryDay
from .query import visible
from .text import references, wording

# The most searched queries «Người dân hay tìm» looks at before leaving out those not shown.
CANDIDATES = 30
# How long the pages' wording of queries is kept; an index change forgets it at once.
WORDING_SECONDS = 15 * 60


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
    """The most searched queries of the period, with their searches, visitors (each counted
    once a day) and last result count."""
    rows = SearchQueryDay.objects.filter(site=site, day__range=(start, end))
    if without_result:
        rows = rows.filter(results=0)
    return list(
        rows.values("query")
        .annotate(
            searches=Sum("count"),
            visitors=Sum("visitors"),
            results=Max("results"),
            last_day=Max("day"),
            text=Max("text"),
        )
        .order_by("-searches", "query")[:limit]
    )


def popular_queries(site, days=30, limit=6, at_least=3):
    """«Người dân hay tìm» on the search page: what citizens search often and find, shown to
    everyone, so nothing a few people can type may get there. A query is shown when at least
    ``at_least`` different visitors searched it in ``days`` days (a visitor counts once a
    day, however often they send it) and either an editor approved it (``PopularSearch``,
    shown in the editor's wording) or its words stand, in that order, in the title or summary
    of a public page of the ward, or it is a page's code or number (shown as the page writes
    it). An editor can hide any query. Each item: ``query`` (folded) and ``text`` (shown)."""
    start, end = period(days)
    candidates = [
        row["query"]
        for row in SearchQueryDay.objects.filter(site=site, day__range=(start, end), results__gt=0)
        .values("query")
        .annotate(visitors=Sum("visitors"))
        .filter(visitors__gte=at_least)
        .order_by("-visitors", "query")[:CANDIDATES]
    ]
    if not candidates:
        return []
    decided = {
        choice.folded_query: choice
        for choice in PopularSearch.objects.filter(site=site, folded_query__in=candidates)
    }
    published = kept_wording(site, [q for q in candidates if q not in decided])
    shown = []
    for query in candidates:
        choice = decided.get(query)
        text = (choice.query if choice.shown else "") if choice else published.get(query, "")
        if text:
            shown.append({"query": query, "text": text})
    return shown[:limit]


def kept_wording(site, queries):
    """``published_wording`` kept per ward (the queries' wording, or "" for none): the list of
    popular queries is on every page that found nothing, and reading the wording off the
    entries scans them all. Forgotten whenever the ward's index changes
    (``indexing.forget_vocabulary``)."""
    key = wording_key(site.pk)
    kept = cache.get(key) or {}
    missing = [query for query in queries if query not in kept]
    if missing:
        found = published_wording(site, missing)
        kept = {**kept, **{query: found.get(query, "") for query in missing}}
        cache.set(key, kept, WORDING_SECONDS)
    return {query: kept[query] for query in queries if kept[query]}


def published_wording(site, queries):
    """For each folded query of ``queries`` that a public page of ``site`` has in its title
    or summary (whole words, in order) or as its code or number: those words as the page
    writes them, in lower case."""
    condition, compact = Q(), {}
    for query in queries:
        condition |= Q(folded_title__contains=f" {query} ")
        condition |= Q(folded_summary__contains=f" {query} ")
        reference = query.replace(" ", "")
        if any(c.isdigit() for c in reference):
            compact[reference] = query
            condition |= Q(folded_references__contains=f" {reference} ")
    if not condition:
        return {}
    entries = (
        visible(site)
        .filter(condition)
        .only(
            "title", "summary", "reference", "folded_title", "folded_summary", "folded_references"
        )
    )
    found = {}
    for entry in entries:
        for query in queries:
            if query in found:
                continue
            # What SQL matched, checked again on this entry before any folding: a broad query
            # matches thousands of entries, and each of the others would be folded for nothing.
            in_title = f" {query} " in entry.folded_title
            in_summary = f" {query} " in entry.folded_summary
            reference = query.replace(" ", "")
            by_reference = reference in compact and f" {reference} " in entry.folded_references
            if not (in_title or in_summary or by_reference):
                continue
            text = (in_title and wording(entry.title, query)) or (
                in_summary and wording(entry.summary, query)
            )
            if not text and in_title:
                text = query  # in an official name: the folded words themselves
            if not text:
                text = next(
                    (
                        token.strip(",;")
                        for token in entry.reference.split()
                        if compact.get("".join(references(token))) == query
                    ),
                    "",
                )
            if text:
                found[query] = text.lower()
        if len(found) == len(queries):
            break
    return found

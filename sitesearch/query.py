"""Searching the index. Matching and ranking are the same on PostgreSQL and SQLite: both
compare folded words (sitesearch.text); PostgreSQL finds the candidates through a GIN index on
a tsvector of the folded text, SQLite through LIKE on the same text (docs/search.md).

A result must contain every word of the query (the last one as a prefix, for people still
typing), or a reference the query names (procedure code, document number). Results are ranked
by where the words are (title before summary before body), whole phrase in the title, the
reference, and the kind: a procedure comes first when the query names one.
"""

import difflib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.db.models.functions import Concat

from content.page_parts import restricted_paths

from .indexing import vocabulary_key
from .models import Kind, SearchEntry, SearchPromotion
from .text import fold

PER_PAGE = 10
# Kind weights: with the same words matched, a procedure outranks an article.
KIND_WEIGHT = {
    Kind.PROCEDURE: 6,
    Kind.FAQ: 3,
    Kind.GUIDE: 3,
    Kind.DOCUMENT: 3,
    Kind.DISCLOSURE: 2,
    Kind.ARTICLE: 1,
}
TITLE_WORD, SUMMARY_WORD, TITLE_PREFIX = 10, 3, 5
TITLE_PHRASE, TITLE_EXACT = 20, 40
REFERENCE_EXACT, REFERENCE_PREFIX = 300, 150
VOCABULARY_SECONDS = 15 * 60
MIN_CORRECTED = 4


def visible(site):
    """Entries of ``site``'s live pages that anybody may see (no view restriction); the
    restricted paths come from the shared cache (``content.page_parts``), not a query."""
    entries = SearchEntry.objects.filter(site=site, page__live=True)
    private = Q()
    for path in restricted_paths():
        private |= Q(page__path__startswith=path)
    return entries.exclude(private) if private else entries


def _tsquery(query):
    terms = [*query.terms[:-1], f"{query.terms[-1]}:*"] if query.terms else []
    words = " & ".join(terms)
    alternatives = [f"({words})"] if words else []
    alternatives += [f"{reference}:*" for reference in query.references]
    return " | ".join(alternatives)


def matching(entries, query):
    """``entries`` that contain every word of ``query``, or a reference it names."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery

        return entries.filter(
            search_vector=SearchQuery(_tsquery(query), search_type="raw", config="simple")
        )
    words = Q()
    for position, term in enumerate(query.terms):
        last = position == len(query.terms) - 1
        words &= Q(folded_all__contains=f" {term}" if last else f" {term} ")
    condition = words
    for reference in query.references:
        condition |= Q(folded_all__contains=f" {reference}")
    return entries.filter(condition)


def _points(*whens):
    return Case(*whens, default=Value(0), output_field=IntegerField())


def _score(query):
    parts = []
    for position, term in enumerate(query.terms):
        parts.append(_points(When(folded_title__contains=f" {term} ", then=TITLE_WORD)))
        parts.append(_points(When(folded_summary__contains=f" {term} ", then=SUMMARY_WORD)))
        if position == len(query.terms) - 1:
            parts.append(_points(When(folded_title__contains=f" {term}", then=TITLE_PREFIX)))
    if len(query.terms) > 1:
        parts.append(_points(When(folded_title__contains=f" {query.folded} ", then=TITLE_PHRASE)))
    parts.append(_points(When(folded_title=f" {query.folded} ", then=TITLE_EXACT)))
    for reference in query.references:
        parts.append(
            _points(
                When(folded_references__contains=f" {reference} ", then=REFERENCE_EXACT),
                When(folded_references__contains=f" {reference}", then=REFERENCE_PREFIX),
            )
        )
    parts.append(_points(*(When(kind=kind, then=weight) for kind, weight in KIND_WEIGHT.items())))
    score = parts[0]
    for part in parts[1:]:
        score = score + part
    return score


def ranked(entries, query):
    score = _score(query)
    return entries.annotate(score=score).order_by(
        "-score", "-popularity", "-published_at", "title", "pk"
    )


@dataclass
class Results:
    query: object
    kind: str = ""
    field_slug: str = ""
    page_number: int = 1
    per_page: int = PER_PAGE
    total: int = 0
    entries: list = field(default_factory=list)
    kinds: list = field(default_factory=list)
    fields: list = field(default_factory=list)
    promoted: list = field(default_factory=list)
    all_total: int = 0
    # The query as typed, when ``query`` is its spelling correction.
    original: object = None

    @property
    def pages(self):
        return max(1, -(-self.total // self.per_page))

    @property
    def has_previous(self):
        return self.page_number > 1

    @property
    def has_next(self):
        return self.page_number < self.pages


def promotions(site, query):
    """Editors' pins whose words appear, in order, in the query (without diacritics)."""
    if not query:
        return []
    return list(
        SearchPromotion.objects.filter(site=site)
        .annotate(padded_query=Value(f" {query.folded} "))
        .filter(padded_query__contains=Concat(Value(" "), "folded_query", Value(" ")))
        .order_by("sort_order", "pk")
    )


def run(site, query, kind="", field_slug="", page_number=1, per_page=PER_PAGE):
    """Search ``site`` for ``query``; ``kind`` and ``field_slug`` filter, ``page_number``
    pages. Three queries whatever the number of results (four with editors' pins)."""
    results = Results(
        query=query, kind=kind, field_slug=field_slug, page_number=page_number, per_page=per_page
    )
    if not query:
        return results
    base = matching(visible(site), query)
    pins = promotions(site, query) if page_number == 1 and not (kind or field_slug) else []
    pinned_ids = [pin.page_id for pin in pins]
    if pinned_ids:
        pinned = {
            entry.page_id: entry
            for entry in visible(site).filter(page_id__in=pinned_ids).select_related("page")
        }
        results.promoted = [(pin, pinned[pin.page_id]) for pin in pins if pin.page_id in pinned]
        base = base.exclude(page_id__in=[entry.page_id for _pin, entry in results.promoted])
    # One pass over the matches counts them per kind and, for procedures, per field.
    groups = list(
        base.order_by().values_list("kind", "field_slug", "field_name").annotate(n=Count("pk"))
    )
    counts = {}
    for group_kind, _slug, _name, n in groups:
        counts[group_kind] = counts.get(group_kind, 0) + n
    results.kinds = [(k.value, k.label, counts[k.value]) for k in Kind if counts.get(k.value)]
    results.all_total = sum(counts.values())
    filtered = base.filter(kind=kind) if kind else base
    results.total = counts.get(kind, 0) if kind else results.all_total
    if counts.get(Kind.PROCEDURE) and (not kind or kind == Kind.PROCEDURE):
        fields = {}
        for group_kind, slug, name, n in groups:
            if group_kind == Kind.PROCEDURE and slug:
                fields[slug, name] = fields.get((slug, name), 0) + n
        # By the name without marks, as a Vietnamese reader looks for it (Đ with D), whatever
        # the database's collation.
        results.fields = sorted(
            ((slug, name, n) for (slug, name), n in fields.items()),
            key=lambda f: (fold(f[1]), f[1], f[0]),
        )
    if field_slug:
        filtered = filtered.filter(field_slug=field_slug)
        results.total = sum(n for slug, _name, n in results.fields if slug == field_slug)
    results.page_number = page_number = max(1, min(page_number, results.pages))
    start = (page_number - 1) * per_page
    # Ranked on the narrow columns the score reads, then the page's rows fetched by id: the
    # sort of thousands of matches does not carry their texts.
    ids = list(ranked(filtered, query).values_list("pk", flat=True)[start : start + per_page])
    rows = SearchEntry.objects.filter(pk__in=ids).select_related("page")
    shown = {entry.pk: entry for entry in rows.defer("folded_all", "search_vector")}
    results.entries = [shown[pk] for pk in ids if pk in shown]
    return results


def vocabulary(site):
    """The folded words of the site's titles and summaries, for spelling suggestions."""
    key = vocabulary_key(site.pk)
    words = cache.get(key)
    if words is None:
        words = set()
        for title, summary in visible(site).values_list("folded_title", "folded_summary"):
            words.update(title.split())
            words.update(summary.split())
        words = sorted(words)
        cache.set(key, words, VOCABULARY_SECONDS)
    return words


def edit_distance(a, b):
    """Levenshtein distance between two short words."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def closest_word(term, words):
    """The known word one typing slip away from ``term`` (two for long words), or None.
    Words shorter than four letters are left alone: "may" is not a typo of "ma"."""
    if len(term) < MIN_CORRECTED or term.isdigit():
        return None
    allowed = 1 if len(term) < 7 else 2
    # A word more letters longer or shorter than the slips allowed is never one: leaving it
    # out before difflib keeps a large ward's vocabulary (thousands of words) cheap.
    near = [word for word in words if abs(len(word) - len(term)) <= allowed]
    for candidate in difflib.get_close_matches(term, near, n=5, cutoff=0.7):
        if edit_distance(term, candidate) <= allowed:
            return candidate
    return None


def correction(site, query):
    """``query`` with each unknown word replaced by the closest known one, or None."""
    words = vocabulary(site)
    known = set(words)
    terms, changed = [], False
    for term in query.terms:
        close = None if term in known else closest_word(term, words)
        terms.append(close or term)
        changed = changed or bool(close)
    return query.with_terms(terms) if changed else None


def search(site, query, kind="", field_slug="", page_number=1, per_page=PER_PAGE):
    """``run``, and when nothing matches, once more with the spelling corrected."""
    results = run(site, query, kind, field_slug, page_number, per_page)
    if query and not results.all_total and not results.promoted:
        corrected = correction(site, query)
        if corrected:
            retry = run(site, corrected, kind, field_slug, page_number, per_page)
            if retry.all_total or retry.promoted:
                retry.original = query
                return retry
    return results

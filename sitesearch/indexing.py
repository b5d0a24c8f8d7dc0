"""Writing the search index: one ``SearchEntry`` per live page, built from what the page type
declares (docs/search.md):

- Wagtail's ``search_fields`` (``index.SearchField`` and ``index.RelatedFields``) give the body;
- ``search_kind``: a ``sitesearch.models.Kind`` value (default "trang");
- ``search_names()``: other names of the page, matched like the title (a procedure's official
  name beside the ward's plain title);
- ``search_codes()``: references a citizen copies from paper (procedure code, document number);
- ``search_text()``: more plain text for the body;
- ``search_facet()``: ``(slug, name)`` of the field (lĩnh vực) to filter by;
- ``search_popularity``: a number that orders equally good results (most used first).
"""

from django.core.cache import cache
from django.db import connection, transaction
from django.utils.html import strip_tags
from modelsearch import index
from wagtail.models import Page, Site

from .models import Kind, SearchEntry
from .text import fold, padded, references

# The body text kept per page; enough for every real page, bounded for the index.
MAX_BODY_CHARS = 20000
BATCH = 200
INDEXED_FIELDS = [
    "site",
    "kind",
    "field_slug",
    "field_name",
    "title",
    "summary",
    "body",
    "reference",
    "folded_title",
    "folded_summary",
    "folded_references",
    "folded_all",
    "popularity",
    "published_at",
]


def is_indexable(page):
    from content.models import BasePage

    return isinstance(page, BasePage) and page.live


def _strings(value):
    """The texts in a value of a search field (string, list, dict, rich text, tags)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [strip_tags(value)]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list | tuple):
        return [s for item in value for s in _strings(item)]
    return [strip_tags(str(value))]


def _field_texts(obj, fields, skip=()):
    """The texts of ``fields``: the object's own first, then those of related objects (so
    that a result's snippet shows what the ward wrote before catalogue data)."""
    texts, related_texts = [], []
    for field in fields:
        if field.field_name in skip:
            continue
        if isinstance(field, index.SearchField):
            texts.extend(_strings(field.get_value(obj)))
        elif isinstance(field, index.RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            if hasattr(related, "all"):
                related = list(related.all())
            elif callable(related):
                related = related()
            for item in related if isinstance(related, list) else [related]:
                related_texts.extend(sum(_field_texts(item, field.fields), []))
    return texts, related_texts


def _call(page, name, default):
    value = getattr(page, name, None)
    if value is None:
        return default
    return value() if callable(value) else value


def entry_values(page, site):
    """The fields of ``page``'s search entry (``page`` is the specific page)."""
    names = [n for n in _call(page, "search_names", []) if n and n != page.title]
    # Only what holds a reference (letters and digits joined by . / -, with a digit).
    codes = [c for c in _call(page, "search_codes", []) if c and references(c)]
    facet = _call(page, "search_facet", None) or ("", "")
    kind = getattr(page, "search_kind", Kind.PAGE)
    own, related = _field_texts(page, page.get_search_fields(), skip={"title", "intro"})
    extra = _call(page, "search_text", "")
    body_texts = [*own, extra, *related]
    body = " ".join(" ".join(t.split()) for t in body_texts if t and t.strip())
    body = body[:MAX_BODY_CHARS]
    title_text = " ".join([page.title, *names])
    compact = []
    for code in codes:
        compact.extend(r for r in references(code) if r not in compact)
    folded_references = f" {' '.join(compact)} " if compact else ""
    folded_all = " ".join(
        part
        for part in (fold(title_text), fold(page.intro), fold(" ".join(codes)), fold(body))
        if part
    )
    return {
        "site": site,
        "kind": kind if kind in Kind.values else Kind.PAGE,
        "field_slug": facet[0] or "",
        "field_name": facet[1] or "",
        "title": page.title,
        "summary": page.intro or "",
        "body": body,
        "reference": ", ".join(codes)[:200],
        "folded_title": padded(title_text),
        "folded_summary": padded(page.intro),
        "folded_references": folded_references,
        "folded_all": f" {folded_all} {folded_references.strip()} ",
        "popularity": int(_call(page, "search_popularity", 0) or 0),
        "published_at": page.last_published_at,
    }


def _update_vectors(queryset):
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        queryset.update(search_vector=SearchVector("folded_all", config="simple"))


def forget_vocabulary(site_id):
    """The index of ``site_id`` changed: forget what was read off its entries (the words for
    spelling corrections, the pages' wording of popular queries)."""
    cache.delete_many([vocabulary_key(site_id), wording_key(site_id)])


def vocabulary_key(site_id):
    return f"sitesearch:vocabulary:{site_id}"


def wording_key(site_id):
    return f"sitesearch:wording:{site_id}"


def index_page(page):
    """Write (or remove) the search entry of ``page`` as it is now."""
    page = page.specific
    if not is_indexable(page):
        remove_page(page)
        return
    site = page.get_site()
    if site is None:
        remove_page(page)
        return
    values = entry_values(page, site)
    with transaction.atomic():
        SearchEntry.objects.update_or_create(page_id=page.pk, defaults=values)
        _update_vectors(SearchEntry.objects.filter(page_id=page.pk))
    forget_vocabulary(site.pk)


def remove_page(page):
    deleted, _ = SearchEntry.objects.filter(page_id=page.pk).delete()
    if deleted:
        site = page.get_site()
        if site:
            forget_vocabulary(site.pk)


def index_subtree(page):
    """Re-index ``page`` and every page below it (after a move: the ward may have changed)."""
    for descendant in Page.objects.descendant_of(page, inclusive=True).specific():
        index_page(descendant)


def _site_for(page, roots):
    """The site whose root is the deepest ancestor of ``page`` (``roots``: path → site)."""
    for path in sorted(roots, key=len, reverse=True):
        if page.path.startswith(path):
            return roots[path]
    return None


def rebuild(stdout=None):
    """Write the entries of every live page again and drop the others; returns the count."""
    roots = {site.root_page.path: site for site in Site.objects.select_related("root_page")}
    kept = []
    batch = []

    def flush():
        if not batch:
            return
        SearchEntry.objects.bulk_create(
            batch,
            update_conflicts=True,
            unique_fields=["page"],
            update_fields=INDEXED_FIELDS,
        )
        batch.clear()

    pages = Page.objects.live().filter(depth__gt=1).order_by("path").specific(defer=False)
    for page in pages.iterator(chunk_size=BATCH):
        site = _site_for(page, roots)
        if site is None or not is_indexable(page):
            continue
        batch.append(SearchEntry(page_id=page.pk, **entry_values(page, site)))
        kept.append(page.pk)
        if len(batch) >= BATCH:
            flush()
    flush()
    with transaction.atomic():
        SearchEntry.objects.exclude(page_id__in=kept).delete()
        _update_vectors(SearchEntry.objects.all())
    for site in roots.values():
        forget_vocabulary(site.pk)
    return len(kept)

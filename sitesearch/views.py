"""``/tim-kiem/``: the search page, ``/tim-kiem/goi-y/``: suggestions while typing, and
``/tim-kiem/dem/``: the counter the caching front sends a copy of each search to."""

from django.http import Http404, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers
from wagtail.models import Site

from content.visibility import public
from feedback.ratelimit import client_address

from .models import Kind, SearchQueryDay, visitor_hash
from .query import PER_PAGE, search, visible
from .stats import popular_queries
from .text import Query, highlight

QUERY_PARAM = "q"
KIND_PARAM = "loai"
FIELD_PARAM = "linh-vuc"
# Sent by the caching front with every request it passes on (deploy/nginx.conf.in).
FRONT_HEADER = "X-Portal-Front"
PAGE_PARAM = "trang"
SNIPPET_CHARS = 160
SUGGESTIONS = 6
# What the page offers when nothing matches.
HELP_PROCEDURES = 5


def _site(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("Không có phường/xã ở địa chỉ này")
    return site


def _page_number(request):
    try:
        return max(1, min(int(request.GET.get(PAGE_PARAM, 1)), 1000))
    except ValueError:
        return 1


def _present(entry, query, request):
    """What the results page shows of an entry: highlighted title and a snippet that says
    why it matched."""
    terms = query.terms
    if any(f" {ref}" in entry.folded_references for ref in query.references):
        # Found by its number: the summary says what the page is better than a window of
        # text full of that number.
        snippet = highlight(entry.summary or entry.body, [], limit=SNIPPET_CHARS)
    elif any(f" {term}" in entry.folded_summary for term in terms):
        snippet = highlight(entry.summary, terms, prefix_last=True, limit=SNIPPET_CHARS)
    else:
        window = highlight(entry.body, terms, prefix_last=True, limit=SNIPPET_CHARS)
        snippet = (
            window
            if "<mark>" in window
            else highlight(entry.summary, terms, prefix_last=True, limit=SNIPPET_CHARS)
        )
    return {
        "entry": entry,
        "url": entry.page.get_url(request),
        "title": highlight(entry.title, terms, prefix_last=True),
        "reference": highlight(entry.reference, terms, prefix_last=True),
        "snippet": snippet,
        "kind_label": Kind(entry.kind).label,
    }


def _help(site, request):
    """Where to go when nothing matches: what others search, the procedures asked about most,
    the FAQ and the hotline."""
    popular = [row["text"] for row in popular_queries(site)]
    procedures = list(
        visible(site)
        .filter(kind=Kind.PROCEDURE)
        .select_related("page")
        .only("title", "page__url_path", "page__path", "page__depth")
        .order_by("-popularity", "title")[:HELP_PROCEDURES]
    )
    from tthc.models import FaqLibraryPage

    faq = public(FaqLibraryPage.objects.live().in_site(site), request).first()
    return {
        "popular_queries": popular,
        "popular_procedures": [(p.title, p.page.get_url(request)) for p in procedures],
        "faq": faq,
    }


def _found(results):
    return results.all_total + len(results.promoted)


def _counted(request, query, kind, field_slug, page_number):
    """Citizens' searches only: not the pages after the first, not a filter click, not staff
    trying the search from the admin report."""
    return bool(
        query
        and page_number == 1
        and not (kind or field_slug)
        and not request.user.is_authenticated
    )


def _visitor(request):
    """Who searched, as a hash that changes daily (the client's address as the front saw it,
    and the user agent); the address itself is never kept."""
    return visitor_hash(client_address(request), request.headers.get("User-Agent", ""))


def _filters(request):
    kind = request.GET.get(KIND_PARAM, "")
    kind = kind if kind in {k.value for k in Kind} else ""
    return kind, request.GET.get(FIELD_PARAM, "")[:100]


@require_GET
@never_cache
def count_view(request):
    """``/tim-kiem/dem/``: the caching front sends a copy of every request for the search page
    here, cached answers included (deploy/nginx.conf.in), and drops the answer: one search
    counted. How many results the query has is looked up the first time it is searched on a
    day; the search page refreshes it each time it renders."""
    site = _site(request)
    query = Query(request.GET.get(QUERY_PARAM, ""))
    kind, field_slug = _filters(request)
    if _counted(request, query, kind, field_slug, _page_number(request)):
        SearchQueryDay.count_search(
            site,
            query.folded,
            query.raw,
            lambda: _found(search(site, query)),
            visitor=_visitor(request),
        )
    return HttpResponse(status=204)


@require_GET
@vary_on_headers("Cookie")
def search_view(request):
    site = _site(request)
    query = Query(request.GET.get(QUERY_PARAM, ""))
    kind, field_slug = _filters(request)
    page_number = _page_number(request)
    results = search(site, query, kind, field_slug, page_number)
    shown = results.query
    if _counted(request, query, kind, field_slug, page_number):
        found = _found(results)
        if request.headers.get(FRONT_HEADER):
            # The front counts every search (count_view); this rendering only refreshes how
            # many results the query has today.
            SearchQueryDay.set_results(site, query.folded, found)
        else:
            SearchQueryDay.record(
                site, query.folded, found, text=query.raw, visitor=_visitor(request)
            )

    def url(**changes):
        params = request.GET.copy()
        params.pop(PAGE_PARAM, None)
        for name, value in changes.items():
            if value:
                params[name] = value
            else:
                params.pop(name, None)
        return f"{request.path}?{params.urlencode()}"

    context = {
        "query": query,
        "kind_links": [
            (value, label, count, url(**{KIND_PARAM: value, FIELD_PARAM: ""}))
            for value, label, count in results.kinds
        ],
        "all_kinds_url": url(**{KIND_PARAM: "", FIELD_PARAM: ""}),
        "field_links": [
            (slug, name, count, url(**{KIND_PARAM: Kind.PROCEDURE, FIELD_PARAM: slug}))
            for slug, name, count in results.fields
        ],
        "all_fields_url": url(**{FIELD_PARAM: ""}),
        "previous_url": (
            url(**{PAGE_PARAM: str(results.page_number - 1)}) if results.has_previous else ""
        ),
        "next_url": url(**{PAGE_PARAM: str(results.page_number + 1)}) if results.has_next else "",
        "first_number": (results.page_number - 1) * PER_PAGE + 1,
        "results": results,
        "items": [_present(entry, shown, request) for entry in results.entries],
        "promoted": [
            {
                "pin": pin,
                "url": entry.page.get_url(request),
                "title": entry.title,
                "text": pin.description or entry.summary,
            }
            for pin, entry in results.promoted
        ],
        "kind": kind,
        "field_slug": field_slug,
        "query_param": QUERY_PARAM,
        "nothing": bool(query) and not results.total and not results.promoted,
    }
    if context["nothing"] or not query:
        context["help"] = _help(site, request)
    return TemplateResponse(request, "sitesearch/search.html", context)


@require_GET
@cache_control(max_age=300, public=True)
def suggest_view(request):
    """Up to six pages whose words start like what is being typed (JSON), for the search box."""
    site = _site(request)
    query = Query(request.GET.get(QUERY_PARAM, "")[:100])
    if len(query.folded) < 2:
        return JsonResponse({"items": []})
    results = search(site, query, per_page=SUGGESTIONS)
    items = [
        {"title": entry.title, "url": entry.page.get_url(request), "kind": Kind(entry.kind).label}
        for _pin, entry in results.promoted
    ]
    items += [
        {"title": entry.title, "url": entry.page.get_url(request), "kind": Kind(entry.kind).label}
        for entry in results.entries
    ]
    return JsonResponse({"items": items[:SUGGESTIONS]})

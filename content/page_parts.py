"""The parts every public page repeats, kept in the shared cache between requests.

Every page shows the main menu and the ward's settings (header and footer), and Wagtail checks
the view restrictions of the page and its ancestors before serving it. Read from the database
on each request, that is five queries a page before the page's own content; kept here, none.

What is kept, per install or per ward, under one *generation* number:

- ``restricted_paths()``: the tree paths of pages with a view restriction (and of aliases of
  them). Almost every ward has none, so a page is known public without a query;
- ``ward_settings(site)``: the ward's ``WardSettings`` (``WardSettings.for_site`` reads here);
- ``menu_sections(site)``: the sections of the main menu;
- ``site_for_request(request)``: the ward (Wagtail ``Site``) a host and port belong to, with
  its home page as its own type, and the site root paths Wagtail builds URLs from
  (``KeptSiteMiddleware`` hands both to Wagtail, which would ask the database and the cache).

Any change that could alter one of them (a page published, unpublished, moved or deleted; a
view restriction, the ward's settings or a site saved or deleted) moves the generation on, so
every part is read again on its next use. A process reads the generation once per request
and keeps the parts of the current one in memory, so a warm page pays one round trip to the
cache for all of them. It moves twice: at once, so that the same
transaction reads its own change, and after commit, so that a request that re-read the old
rows meanwhile does not keep them. With the cache down, every part is read from the database,
as before.
"""

import copy
import secrets
import threading

from django.core.cache import cache

GENERATION_KEY = "page-parts:generation"
_MISSING = object()
TIMEOUT = 24 * 3600

# Parts of the current generation held by this process (read-only: shared by its requests).
_local = {}
LOCAL_SIZE = 512
# Within one request, the generation is read from the cache once (a dict per thread, present only
# while a request is being answered: a worker or a shell always asks the cache).
_request = threading.local()


def _memo():
    return getattr(_request, "memo", None)


def _request_started(**kwargs):
    _request.memo = {}


def _request_finished(**kwargs):
    _request.memo = None


def _fresh():
    """A generation no process has seen: after the cache was emptied (a restart of Redis, the
    tests' clearing), memory kept under an old number cannot match by chance."""
    return secrets.randbits(48)


def generation():
    """The current generation, or None when the cache cannot be reached."""
    memo = _memo()
    if memo is not None and GENERATION_KEY in memo:
        return memo[GENERATION_KEY]
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, _fresh(), timeout=None)
        value = cache.get(GENERATION_KEY)
    if memo is not None:
        memo[GENERATION_KEY] = value
    return value


def _bump():
    memo = _memo()
    if memo is not None:
        memo.clear()
    _local.clear()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # missing (or the cache is down): start afresh
        cache.set(GENERATION_KEY, _fresh(), timeout=None)


def changed(**kwargs):
    """A signal receiver: something every page shows may have changed."""
    from django.db import transaction

    _bump()
    transaction.on_commit(_bump)


def site_changed(**kwargs):
    """A site saved: a new one changes which site a host finds, so always ``changed``."""
    changed()


def row_changed(created=False, **kwargs):
    """``changed`` for a site or its settings; a new one has nothing kept yet."""
    if not created:
        changed()


def kept(name, build, in_memory=True):
    """``build()``, kept under ``name`` for the current generation: in this process's memory
    (no round trip to the cache; ``in_memory=False`` for parts of one page among thousands),
    else in the shared cache, else built from the database."""
    current = generation()
    if current is None:  # the cache is down: nothing kept can be trusted
        _local.clear()
        return build()
    if _local.get(GENERATION_KEY) != current:
        _local.clear()
        _local[GENERATION_KEY] = current
    if name in _local:
        return _local[name]
    key = f"page-parts:{name}:{current}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:  # None is kept too: "no such page" is an answer
        value = build()
        cache.set(key, value, timeout=TIMEOUT)
    if in_memory and len(_local) < LOCAL_SIZE:
        _local[name] = value
    return value


def restricted_paths():
    """Paths of the pages under which a view restriction applies (sorted, maybe empty)."""

    def build():
        from wagtail.models import Page, PageViewRestriction

        pages = list(PageViewRestriction.objects.values_list("page_id", "page__path"))
        ids = [page_id for page_id, _ in pages]
        aliases = Page.objects.filter(alias_of_id__in=ids).values_list("path", flat=True)
        return tuple(sorted({path for _, path in pages} | set(aliases))) if ids else ()

    return kept("restricted", build)


def may_be_restricted(page):
    """False when no view restriction can apply to ``page`` (itself or an ancestor)."""
    if page.alias_of_id:
        return True
    return any(page.path.startswith(path) for path in restricted_paths())


def ward_settings(site, load):
    """The ward's settings row for ``site``, from ``load(site)`` when not kept."""
    return kept(f"ward-settings:{site.pk}", lambda: load(site))


def menu_sections(site, load):
    """The main menu's sections of ``site``, from ``load(site)`` when not kept."""
    return kept(f"menu:{site.pk}", lambda: list(load(site)))


def site_for_request(request):
    """``Site.find_for_request(request)`` for an allowed host, with ``root_page`` already its
    own type, kept per host and port. Each request gets its own copies (a request may set
    attributes on them; the kept ones are shared by the process)."""
    from django.http.request import split_domain_port
    from wagtail.models import Site

    hostname = split_domain_port(request.get_host())[0]  # DisallowedHost for unknown hosts

    def build():
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page = site.root_page.specific
        return site

    site = kept(f"site:{hostname}:{request.get_port()}", build)
    if site is None:
        return None
    own = copy.copy(site)
    own.root_page = copy.copy(site.root_page)
    return own


def site_root_paths():
    """Wagtail's ``Site.get_site_root_paths()`` (tuples, shared as they are)."""
    from wagtail.models import Site

    return kept("site-root-paths", Site.get_site_root_paths)


class KeptSiteMiddleware:
    """Gives Wagtail the request's site and the site root paths from the kept parts, on every
    public request (reads, and the citizens' forms posted to public pages: a report, a rating,
    an Open311 filing): Wagtail would find the site with a query, then its home page with two
    more, and ask the cache for the root paths each time a URL is built without the request.
    The admin and the other FRONT_CACHE_NEVER_PREFIXES find their site Wagtail's way."""

    def __init__(self, get_response):
        from django.conf import settings

        self.get_response = get_response
        self.skip = tuple(settings.FRONT_CACHE_NEVER_PREFIXES)

    def __call__(self, request):
        if not request.path_info.startswith(self.skip):
            from django.db.utils import InterfaceError, OperationalError

            try:
                request._wagtail_site = site_for_request(request)
                request._wagtail_cached_site_root_paths = site_root_paths()
            except (OperationalError, InterfaceError):
                pass  # the database is down: the view fails too, and answers 503 (portal/outage.py)
        return self.get_response(request)


def register():
    from django.core.signals import request_finished, request_started
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .models import WardSettings

    for signal, sender, receiver, name in [
        (page_published, None, changed, "published"),
        (page_unpublished, None, changed, "unpublished"),
        (post_page_move, None, changed, "moved"),
        (post_delete, Page, changed, "page_deleted"),
        (post_save, PageViewRestriction, changed, "restriction_saved"),
        (post_delete, PageViewRestriction, changed, "restriction_deleted"),
        (post_save, WardSettings, row_changed, "settings_saved"),
        (post_delete, WardSettings, changed, "settings_deleted"),
        (post_save, Site, site_changed, "site_saved"),
        (post_delete, Site, changed, "site_deleted"),
    ]:
        signal.connect(receiver, sender=sender, dispatch_uid=f"content_page_parts_{name}")
    request_started.connect(_request_started, dispatch_uid="content_page_parts_request_started")
    request_finished.connect(_request_finished, dispatch_uid="content_page_parts_request_done")

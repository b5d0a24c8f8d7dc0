"""The parts every public page repeats, kept in the shared cache between requests.

Every page shows the main menu and the ward's settings (header and footer), and Wagtail checks
the view restrictions of the page and its ancestors before serving it. Read from the database
on each request, that is five queries a page before the page's own content; kept here, none.

What is kept, per install or per ward, under one *generation* number:

- ``restricted_paths()``: the tree paths of pages with a view restriction (and of aliases of
  them). Almost every ward has none, so a page is known public without a query;
- ``ward_settings(site)``: the ward's ``WardSettings`` (``WardSettings.for_site`` reads here);
- ``menu_sections(site)``: the sections of the main menu.

Any change that could alter one of them (a page published, unpublished, moved or deleted; a
view restriction, the ward's settings or a site saved or deleted) moves the generation on, so
every part is read again on its next use. It moves twice: at once, so that the same
transaction reads its own change, and after commit, so that a request that re-read the old
rows meanwhile does not keep them. With the cache down, every part is read from the database,
as before.
"""

from django.core.cache import cache

GENERATION_KEY = "page-parts:generation"
TIMEOUT = 24 * 3600
REQUEST_ATTRIBUTE = "_portal_page_parts"


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def _bump():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # missing (or the cache is down): any new value starts afresh
        cache.set(GENERATION_KEY, 2, timeout=None)


def changed(**kwargs):
    """A signal receiver: something every page shows may have changed."""
    from django.db import transaction

    _bump()
    transaction.on_commit(_bump)


def row_changed(created=False, **kwargs):
    """``changed`` for a site or its settings; a new one has nothing kept yet."""
    if not created:
        changed()


def _kept(name, build):
    """``build()``, cached under ``name`` for the current generation."""
    key = f"page-parts:{name}:{generation()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=TIMEOUT)
    return value


def restricted_paths():
    """Paths of the pages under which a view restriction applies (sorted, maybe empty)."""

    def build():
        from wagtail.models import Page, PageViewRestriction

        pages = list(PageViewRestriction.objects.values_list("page_id", "page__path"))
        ids = [page_id for page_id, _ in pages]
        aliases = Page.objects.filter(alias_of_id__in=ids).values_list("path", flat=True)
        return tuple(sorted({path for _, path in pages} | set(aliases))) if ids else ()

    return _kept("restricted", build)


def may_be_restricted(page):
    """False when no view restriction can apply to ``page`` (itself or an ancestor)."""
    if page.alias_of_id:
        return True
    return any(page.path.startswith(path) for path in restricted_paths())


def ward_settings(site, load):
    """The ward's settings row for ``site``, from ``load(site)`` when not kept."""
    return _kept(f"ward-settings:{site.pk}", lambda: load(site))


def menu_sections(site, load):
    """The main menu's sections of ``site``, from ``load(site)`` when not kept."""
    return _kept(f"menu:{site.pk}", lambda: list(load(site)))


def register():
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
        (post_save, Site, row_changed, "site_saved"),
        (post_delete, Site, changed, "site_deleted"),
    ]:
        signal.connect(receiver, sender=sender, dispatch_uid=f"content_page_parts_{name}")

"""Purging the caching front when content changes (docs/operations.md, "Caching").

A change to a page reaches every cached page that shows it: the page itself, its ancestors
(the pillar pages and indexes that list it, the home page), the feeds and listings under them
and the site map. An emergency notice is in the banner of every page, so it purges the whole
site. The purge goes through ``wagtail.contrib.frontend_cache`` (``WAGTAILFRONTENDCACHE``;
unset, nothing is sent), after commit, so the front never re-caches the old version.
"""

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

# Paths served outside the page tree that list pages.
SITE_LISTINGS = ("/sitemap.xml",)
# Sub-paths of a listing page that show its children: feeds, calendars, registers, pages 2….
LISTING_SUFFIXES = ("*",)


def _site_root_url(page):
    site = page.get_site()
    return site.root_url if site else None


def urls_for_page(page):
    """Every URL whose cached copy may show ``page`` (ancestors' sub-paths as wildcards)."""
    root = _site_root_url(page)
    if root is None:
        return []
    if page.specific_class.__name__ == "EmergencyNoticePage":
        return [root + "/*"]
    urls = []
    own = page.get_url()
    if own:
        urls.append(root + own if own.startswith("/") else own)
    for ancestor in page.get_ancestors().filter(depth__gt=1):
        url = ancestor.get_url()
        if not url:
            continue
        url = root + url if url.startswith("/") else url
        urls.append(url)
        if ancestor.depth > 2:  # the home page's wildcard would be the whole site
            urls += [url + suffix for suffix in LISTING_SUFFIXES]
    urls += [root + path for path in SITE_LISTINGS]
    return list(dict.fromkeys(urls))


def purge(urls):
    if urls and getattr(settings, "WAGTAILFRONTENDCACHE", None):
        transaction.on_commit(lambda: purge_urls_from_cache(urls))


def purge_page(sender=None, instance=None, **kwargs):
    purge(urls_for_page(instance))


def purge_moved_page(sender=None, instance=None, url_path_before=None, **kwargs):
    """A move changes two listings: the old parent's (from the path before) and the new."""
    urls = urls_for_page(instance)
    root = _site_root_url(instance)
    site = instance.get_site()
    if root and site and url_path_before:
        old = url_path_before[len(site.root_page.url_path) - 1 :]
        urls.append(root + old)
        parent = old.rstrip("/").rsplit("/", 1)[0] + "/"
        urls += [root + parent, root + parent + "*"]
    purge(list(dict.fromkeys(urls)))


def purge_site_of(site_id):
    """A record shown on pages of one ward changed (schedules, health events, schools,
    dashboard readings): its pages are few and linked from everywhere, purge the ward."""
    from wagtail.models import Site

    site = Site.objects.filter(pk=site_id).first()
    if site is not None:
        purge([site.root_url + "/*"])


def register():
    from django.db.models.signals import post_delete
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(purge_page, dispatch_uid="content_front_purge_published")
    page_unpublished.connect(purge_page, dispatch_uid="content_front_purge_unpublished")
    post_page_move.connect(purge_moved_page, dispatch_uid="content_front_purge_moved")
    post_delete.connect(purge_page, sender=Page, dispatch_uid="content_front_purge_deleted")

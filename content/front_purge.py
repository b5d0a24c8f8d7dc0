"""Purging the caching front when content changes (docs/operations.md, "Caching").

A change to a page reaches every cached page that shows it: the page itself, its ancestors
(the pillar pages and indexes that list it, the home page), the feeds and listings under them
and the site map. An emergency notice is in the banner of every page, so it purges the whole
site. The purge goes through ``wagtail.contrib.frontend_cache`` (``WAGTAILFRONTENDCACHE``;
unset, nothing is sent), after commit, so the front never re-caches the old version.
"""

import logging
import os
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import quote, urlsplit, urlunsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

logger = logging.getLogger("wagtail.frontendcache")
# What a path from nginx's key (``$uri``, decoded) keeps as it is when sent back to nginx.
PATH_SAFE = "/%:@!$&'()*+,;=-._~"

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
        own = root + own if own.startswith("/") else own
        # The page and its own sub-paths: further pages, filters, its feeds.
        urls += [own] + ([own + suffix for suffix in LISTING_SUFFIXES] if page.depth > 2 else [])
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


# --- The nginx front's purge backend ------------------------------------------------------------


def cache_key(url):
    """The front's key for ``url``: ``$host$uri$cache_query`` (deploy/nginx.conf.in)."""
    parts = urlsplit(url)
    return (parts.hostname or "") + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def cached_keys(cache_dir):
    """The key of every entry in nginx's cache folder (read from each file's header)."""
    for folder, _dirs, files in os.walk(cache_dir):
        for name in files:
            try:
                with open(Path(folder) / name, "rb") as handle:
                    head = handle.read(4096)
            except OSError:
                continue  # replaced or removed by nginx meanwhile
            start = head.find(b"\nKEY: ")
            if start >= 0:
                end = head.find(b"\n", start + 6)
                yield head[start + 6 : end].decode("utf-8", "replace")


class NginxFrontBackend(HTTPBackend):
    """Purges the nginx front (``proxy_cache`` with the cache-purge module).

    An exact URL is one request to the front's purge location (``FRONT_CACHE_PURGE_URL``,
    ``…/_purge`` followed by the path); the front answers 200 (removed) or 404 (it held no
    copy, which is fine). Debian's module (2.3) has no wildcard, so for ``…/prefix/*`` the
    cache folder (``CACHE_DIR``, readable by the portal) is read for the keys under the prefix
    and each is purged by its exact URL: nginx stays the only one deleting its files."""

    def __init__(self, params):
        self.cache_dir = params.pop("CACHE_DIR", None)
        self.purge_path = urlsplit(params["LOCATION"]).path.rstrip("/")  # "/_purge"
        super().__init__(params)

    def purge_batch(self, urls):
        exact = [url for url in urls if not url.endswith("*")]
        prefixes = [cache_key(url[:-1]) for url in urls if url.endswith("*")]
        if prefixes:
            if self.cache_dir and Path(self.cache_dir).is_dir():
                prefixes = tuple(prefixes)
                exact += [
                    f"http://{key}"
                    for key in cached_keys(self.cache_dir)
                    if key.startswith(prefixes)
                ]
            else:
                logger.warning(
                    "FRONT_CACHE_DIR is not readable: %d wildcard purges left to expire",
                    len(prefixes),
                )
        for url in dict.fromkeys(exact):
            self.purge(url)

    def purge(self, url):
        parts = urlsplit(url)
        request = Request(  # noqa: S310 - LOCATION is the configured front
            url=urlunsplit(
                [
                    self.cache_scheme,
                    self.cache_netloc,
                    self.purge_path + quote(parts.path or "/", safe=PATH_SAFE),
                    parts.query,
                    "",
                ]
            ),
            headers={"Host": parts.hostname or "", "User-Agent": "ward-portal-purge"},
        )
        try:
            urlopen(request, timeout=5).close()  # noqa: S310 - as above
        except HTTPError as error:
            if error.code != 404:
                logger.error("Could not purge %s from the front: HTTP %d", url, error.code)
        except (URLError, OSError) as error:
            logger.error("Could not purge %s from the front: %s", url, error)

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


# Records that are not pages but are shown on pages: the page types that show them, purged
# with what lists them when a record changes. ``None``: shown all over the ward (the residential
# groups fill every form's and look-up's list), so the whole ward is purged. A record's ward is
# its ``site`` (``year.site`` for a zone, ``report.site`` for a step of a report). Page
# children (schedule entries, a procedure page's forms) are saved only when their page is
# published, which purges already.
RECORD_PAGES = {
    "content.Place": None,
    "society.HealthEvent": ("society.HealthPage",),
    "society.HotSpot": ("society.HealthPage", "society.HotSpotPage"),
    "society.School": ("society.EducationPage",),
    "society.SchoolYear": ("society.EducationPage",),
    "society.EnrolmentZone": ("society.EducationPage",),
    "society.PrivatePreschool": ("society.EducationPage",),
    "dashboard.Reading": ("dashboard.DashboardPage",),
    "dashboard.ManualFigure": ("dashboard.DashboardPage",),
    # Reports answered in public: the feedback pillar's lists, map and figures.
    "feedback.FeedbackReport": ("feedback.FeedbackIndexPage",),
    "feedback.FeedbackStatusEntry": ("feedback.FeedbackIndexPage",),
}
# Pages whose change shows on every page of the ward: the menu lists the pillars.
WHOLE_WARD_DEPTH = 3


def urls_for_page(page):
    """Every URL whose cached copy may show ``page`` (ancestors' sub-paths as wildcards)."""
    root = _site_root_url(page)
    if root is None:
        return []
    if page.specific_class.__name__ == "EmergencyNoticePage" or page.depth == WHOLE_WARD_DEPTH:
        return [root + "/*"]
    return listing_urls(page, root)


def listing_urls(page, root=None):
    """The page, its sub-paths, its ancestors and their listings, the site map: what shows
    the page's content, without the menu on every page."""
    root = root or _site_root_url(page)
    if root is None:
        return []
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


def _front_configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


class _Batch:
    """What one transaction asks to purge, sent once after it commits."""

    def __init__(self):
        self.urls, self.records, self.sent = {}, {}, False

    def __call__(self):
        """Pages' URLs go at once (an editor waits to see the page); records' pages are
        worked out and purged by the worker, off the request of the citizen who sent a
        report (inline when the queue cannot be reached)."""
        self.sent = True
        if self.urls:
            purge_urls_from_cache(list(self.urls))
        if self.records:
            from .tasks import purge_records

            records = [list(record) for record in self.records]
            try:
                purge_records.delay(records)
            except Exception:  # the broker is down: purge here rather than not at all
                logger.warning("queue unavailable; purging %d records inline", len(records))
                purge_records(records)


def purge_records_now(records):
    """Purge the pages that show ``records`` ([model label, site id] pairs), as one batch."""
    urls = {}
    for label, site_id in records:
        urls.update(dict.fromkeys(urls_for_records(label, site_id)))
    if urls:
        purge_urls_from_cache(list(urls))


def _queue(urls=(), record=None):
    """Purge after commit; what one transaction changes goes out as one batch (an import of
    a hundred readings purges the dashboard once). A rolled-back transaction purges nothing.
    Tests that record purges run their set-up inside ``django_capture_on_commit_callbacks``
    too: a test's transaction never commits, so a batch left by the set-up would take in what
    the test then asks for."""
    if not _front_configured():
        return
    connection = transaction.get_connection()
    batch = None
    if connection.in_atomic_block:
        pending = (entry[1] for entry in connection.run_on_commit)
        batch = next((f for f in pending if isinstance(f, _Batch) and not f.sent), None)
    fresh = batch is None
    batch = batch or _Batch()
    batch.urls.update(dict.fromkeys(urls))
    if record is not None:
        batch.records[record] = None
    if fresh:
        transaction.on_commit(batch)  # outside a transaction: at once


def purge(urls):
    if urls:
        _queue(urls)


def urls_for_records(label, site_id):
    """The URLs to purge when a record of model ``label`` in ward ``site_id`` changed."""
    from django.apps import apps
    from wagtail.models import Site

    site = Site.objects.filter(pk=site_id).select_related("root_page").first()
    if site is None:
        return []
    page_types = RECORD_PAGES[label]
    if page_types is None:
        return [site.root_url + "/*"]
    urls = []
    for page_type in page_types:
        model = apps.get_model(page_type)
        for page in model.objects.live().descendant_of(site.root_page):
            urls += listing_urls(page, site.root_url)
    return list(dict.fromkeys(urls))


def record_site_id(instance):
    if hasattr(instance, "site_id"):
        return instance.site_id
    if hasattr(instance, "report_id"):
        return instance.report.site_id  # a step of a report's history
    return instance.year.site_id  # an enrolment zone


def records_changed(model, site_id):
    """Records of ``model`` in ward ``site_id`` changed without signals (``bulk_create``,
    ``update``): purge the pages that show them."""
    _queue(record=(model._meta.label, site_id))


def purge_record(sender=None, instance=None, action=None, **kwargs):
    if action is not None and not action.startswith("post_"):
        return  # m2m_changed: only once the change is made
    if _front_configured():
        records_changed(type(instance), record_site_id(instance))


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


def purge_ward(sender=None, instance=None, **kwargs):
    """The ward's settings (footer, contacts on every page) or its site changed."""
    from wagtail.models import Site

    if not _front_configured():
        return
    site = (
        instance if isinstance(instance, Site) else Site.objects.filter(pk=instance.site_id).first()
    )
    if site is not None:
        purge([site.root_url + "/*"])


def register():
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.models import Page, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(purge_page, dispatch_uid="content_front_purge_published")
    page_unpublished.connect(purge_page, dispatch_uid="content_front_purge_unpublished")
    post_page_move.connect(purge_moved_page, dispatch_uid="content_front_purge_moved")
    post_delete.connect(purge_page, sender=Page, dispatch_uid="content_front_purge_deleted")
    for label in RECORD_PAGES:
        model = apps.get_model(label)
        uid = f"content_front_purge_{label}"
        post_save.connect(purge_record, sender=model, dispatch_uid=uid + "_saved")
        post_delete.connect(purge_record, sender=model, dispatch_uid=uid + "_deleted")
        for field in model._meta.many_to_many:
            m2m_changed.connect(
                purge_record, sender=field.remote_field.through, dispatch_uid=f"{uid}_{field.name}"
            )
    for model in (apps.get_model("content.WardSettings"), Site):
        post_save.connect(purge_ward, sender=model, dispatch_uid=f"content_front_purge_{model}")
        post_delete.connect(purge_ward, sender=model, dispatch_uid=f"content_front_purge_d{model}")


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

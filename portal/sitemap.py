"""/sitemap.xml in a bounded number of queries, however many pages and page types the ward has.

Wagtail's sitemap loads every page as its specific type (``.specific()``: one query per page
type, about thirty here) only to call ``get_sitemap_urls``, which no page type of the portal
overrides: the default reads nothing but the base page (its URL and publication date). So the
pages are listed as base pages; only a page type that does override ``get_sitemap_urls`` (none
today) is loaded as its specific type, in one query per such type.
"""

from collections import defaultdict

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page


def _own_sitemap_urls(cls):
    return cls is not None and cls.get_sitemap_urls is not Page.get_sitemap_urls


class Sitemap(WagtailSitemap):
    def items(self):
        return (
            self.get_wagtail_site()
            .root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        by_type = defaultdict(list)
        for item in pages:
            if _own_sitemap_urls(item.specific_class):
                by_type[item.specific_class].append(item.pk)
        specific = {}
        for cls, ids in by_type.items():
            specific.update(cls.objects.in_bulk(ids))
        urls, last_mods = [], set()
        for item in pages:
            for url_info in specific.get(item.pk, item).get_sitemap_urls(self.request):
                urls.append(url_info)
                last_mods.add(url_info.get("lastmod"))
        # last_mods might be empty if the whole site is private
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def sitemap(request, **kwargs):
    return wagtail_sitemap(request, sitemaps={"wagtail": Sitemap}, **kwargs)

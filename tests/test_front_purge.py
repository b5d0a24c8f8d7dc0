"""Purge on publish (content/front_purge.py): the URLs each kind of change purges, recorded by
a purge backend that keeps them instead of sending them."""

import pytest
from wagtail.contrib.frontend_cache.backends import BaseBackend
from wagtail.models import Page

from tests.test_society_emergency import notice

pytestmark = pytest.mark.django_db
PURGED = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        PURGED.append(url)


@pytest.fixture
def purged(settings):
    settings.WAGTAILFRONTENDCACHE = {"rec": {"BACKEND": "tests.test_front_purge.RecordingBackend"}}
    PURGED.clear()
    return PURGED


def test_publishing_a_page_purges_it_its_ancestors_their_listings_home_and_the_sitemap(
    demo_ward, purged, django_capture_on_commit_callbacks
):
    """Row 35 of section (b) of the reliability checklist."""
    page = Page.objects.live().filter(depth=4).first().specific
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    root = (
        "http://localhost"
        if purged[0].startswith("http://localhost")
        else purged[0][: -len(page.url)]
    )
    parent = page.get_parent()
    assert root + page.url in purged and root + page.url + "*" in purged
    assert root + parent.url in purged and root + parent.url + "*" in purged
    assert root + "/" in purged and root + "/*" not in purged
    assert root + "/sitemap.xml" in purged


def test_unpublishing_purges_the_page_and_its_listings(
    demo_ward, purged, django_capture_on_commit_callbacks
):
    page = Page.objects.live().filter(depth=4).first().specific
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert any(url.endswith(page.url) for url in purged)
    assert any(url.endswith(page.get_parent().url + "*") for url in purged)


def test_an_emergency_notice_purges_the_whole_ward(
    demo_ward, purged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice(starts_in=-60, lasts=3600)
    assert purged and all(url.endswith("/*") for url in purged)


def test_nothing_is_sent_without_a_front(demo_ward, settings, django_capture_on_commit_callbacks):
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.live().filter(depth=3).first().specific.save_revision().publish()
    assert PURGED == []

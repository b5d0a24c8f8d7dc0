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


class CountingBackend(BaseBackend):
    """Keeps each batch it is sent, to count how many went out."""

    def purge(self, url):
        PURGED.append([url])

    def purge_batch(self, urls):
        PURGED.append(list(urls))


@pytest.fixture
def batches(settings):
    settings.WAGTAILFRONTENDCACHE = {"rec": {"BACKEND": "tests.test_front_purge.CountingBackend"}}
    PURGED.clear()
    return PURGED


def live_url(model, site):
    page = model.objects.live().descendant_of(site.root_page).first()
    return site.root_url + page.url


def test_a_health_event_purges_the_health_page_and_what_lists_it(
    demo_ward, purged, django_capture_on_commit_callbacks
):
    from society.models import EducationPage, HealthEvent, HealthPage

    event = HealthEvent.objects.filter(site=demo_ward).first()
    with django_capture_on_commit_callbacks(execute=True):
        event.title = event.title + " (đổi giờ)"
        event.save()
    health = live_url(HealthPage, demo_ward)
    assert health in purged and health + "*" in purged
    assert demo_ward.root_url + "/" in purged
    assert live_url(EducationPage, demo_ward) not in purged
    assert demo_ward.root_url + "/*" not in purged


def test_a_hot_spot_purges_the_health_and_hot_spot_pages_also_when_its_places_change(
    demo_ward, purged, django_capture_on_commit_callbacks
):
    from content.models import Place
    from society.models import HealthPage, HotSpot, HotSpotPage

    spot = HotSpot.objects.filter(site=demo_ward).first()
    place = Place.objects.filter(site=demo_ward).exclude(hot_spots=spot).first()
    with django_capture_on_commit_callbacks(execute=True):
        spot.places.add(place)
    assert live_url(HealthPage, demo_ward) in purged
    assert live_url(HotSpotPage, demo_ward) in purged


def test_schools_years_zones_and_preschools_purge_the_education_page(
    demo_ward, purged, django_capture_on_commit_callbacks
):
    from society.models import EducationPage, EnrolmentZone, PrivatePreschool, School, SchoolYear

    education = live_url(EducationPage, demo_ward)
    for model in (School, SchoolYear, PrivatePreschool):
        purged.clear()
        record = model.objects.filter(site=demo_ward).first()
        with django_capture_on_commit_callbacks(execute=True):
            record.save()
        assert education in purged, model
    zone = EnrolmentZone.objects.filter(year__site=demo_ward).first()
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        zone.delete()
    assert education in purged


def test_copying_a_years_zones_purges_the_education_page_once(
    demo_ward, batches, django_capture_on_commit_callbacks
):
    from society.models import EducationPage, SchoolYear

    year = SchoolYear.objects.filter(site=demo_ward).first()
    with django_capture_on_commit_callbacks(execute=True):
        new = SchoolYear.objects.create(site=demo_ward, start_year=year.start_year + 5)
        assert new.copy_zones_from(year) > 1
    assert len(batches) == 1
    assert live_url(EducationPage, demo_ward) in batches[0]


def test_an_import_of_readings_purges_the_dashboard_once(
    demo_ward, batches, django_capture_on_commit_callbacks
):
    import datetime

    from dashboard.models import DashboardPage, Source
    from dashboard.sources.base import replace_period

    period = datetime.date(2019, 1, 1)
    with django_capture_on_commit_callbacks(execute=True):
        counts = replace_period(
            demo_ward,
            Source.FEEDBACK,
            period,
            {("received", "ihanoi"): 12, ("resolved", "ihanoi"): 9},
            "Nhập thử",
        )
    assert counts["created"] == 2
    assert len(batches) == 1
    dashboard = live_url(DashboardPage, demo_ward)
    assert dashboard in batches[0] and dashboard + "*" in batches[0]


def test_the_residential_groups_and_the_wards_settings_purge_the_whole_ward(
    demo_ward, purged, django_capture_on_commit_callbacks
):
    from content.models import Place, WardSettings

    whole = demo_ward.root_url + "/*"
    with django_capture_on_commit_callbacks(execute=True):
        Place.objects.filter(site=demo_ward).first().save()
    assert purged == [whole]
    purged.clear()
    with django_capture_on_commit_callbacks(execute=True):
        WardSettings.for_site(demo_ward).save()
    assert purged == [whole]


def test_a_pillar_in_the_menu_purges_the_whole_ward(
    demo_ward, purged, django_capture_on_commit_callbacks
):
    pillar = Page.objects.live().filter(depth=3).first().specific
    with django_capture_on_commit_callbacks(execute=True):
        pillar.save_revision().publish()
    assert purged == [demo_ward.root_url + "/*"]


def test_a_rolled_back_change_purges_nothing(demo_ward, purged, django_capture_on_commit_callbacks):
    from django.db import transaction

    from society.models import HealthEvent

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                HealthEvent.objects.filter(site=demo_ward).first().save()
                raise RuntimeError
        except RuntimeError:
            pass
    assert purged == []


def test_a_catalogue_sync_purges_the_procedures_pillar_when_procedures_leave_it(
    demo_ward, purged, django_capture_on_commit_callbacks
):
    from tests.catalogue_items import item
    from tests.upstream_server import UpstreamServer
    from tthc import sync
    from tthc.models import ProcedureIndexPage

    fast = {"timeout": 2, "retries": 0, "backoff": 0}
    pillar = demo_ward.root_url + ProcedureIndexPage.objects.get().url
    both = [item(), item(code="1.000894", name="Thủ tục đăng ký kết hôn")]
    with UpstreamServer() as upstream:
        upstream.serve(both)
        with django_capture_on_commit_callbacks(execute=True):
            sync.sync_from_url(upstream.url, publish_new=True, **fast)
        purged.clear()
        with django_capture_on_commit_callbacks(execute=True):
            sync.sync_from_url(upstream.url, **fast)
        assert purged == []  # nothing changed
        upstream.serve([item()])
        with django_capture_on_commit_callbacks(execute=True):
            assert sync.sync_from_url(upstream.url, **fast).withdrawn == 1
    assert pillar in purged and pillar + "*" in purged
    assert demo_ward.root_url + "/*" not in purged


def test_a_report_answered_purges_the_feedback_pillar(
    demo_ward, batches, django_capture_on_commit_callbacks
):
    from feedback.models import FeedbackIndexPage, FeedbackReport

    report = FeedbackReport.objects.filter(site=demo_ward).first()
    with django_capture_on_commit_callbacks(execute=True):
        report.save()
        report.history.create(status=report.status, note="Đã xử lý xong, mời người dân kiểm tra.")
    pillar = live_url(FeedbackIndexPage, demo_ward)
    assert len(batches) == 1
    assert pillar in batches[0] and pillar + "*" in batches[0]

"""Periodic jobs: every beat entry names a registered task, and the tasks do their work."""

import datetime

from django.conf import settings
from django.utils import timezone

from content.models import SectionPage, StandardPage
from content.tasks import publish_scheduled_pages
from portal.celery import app


def test_every_beat_entry_names_a_registered_task():
    app.loader.import_default_modules()
    for name, entry in settings.CELERY_BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, name


def test_publish_scheduled_pages_publishes_a_page_whose_time_has_come(demo_ward):
    section = SectionPage.objects.get(slug="dieu-hanh-cong-khai")
    page = section.add_child(
        instance=StandardPage(title="Thông báo lịch cắt điện", slug="lich-cat-dien", live=False)
    )
    page.go_live_at = timezone.now() + datetime.timedelta(seconds=1)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live  # scheduled, not yet live

    # Time passes: move the approved go-live time into the past.
    revision = page.latest_revision
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    publish_scheduled_pages.delay()
    page.refresh_from_db()
    assert page.live

"""Retention (feedback/retention.py) and deletion requests take the photos too: their rows,
their files on disk and the caching front's copies, not just the text."""

import datetime

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.frontend_cache.backends import BaseBackend

from feedback.models import FeedbackPhoto, FeedbackReport, Status, create_report
from feedback.photos import clean_photo
from tests import feedback_helpers
from tests.feedback_helpers import handler, jpeg_bytes, upload

ward = feedback_helpers.ward
photo_root = feedback_helpers.photo_root

pytestmark = pytest.mark.django_db
PURGED = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        PURGED.append(url)


def report_with_photos(site, public=True):
    report, _ = create_report(
        site=site,
        token="",
        photos=[clean_photo(upload(jpeg_bytes())), clean_photo(upload(jpeg_bytes((80, 60))))],
        category=feedback_helpers.category(),
        description="Nhà số 9 của tôi bị ngập.",
        contact_phone="0911222333",
    )
    report.photos.update(is_public=public)
    return report


def files(root):
    return sorted(p for p in root.rglob("*.jpg")) if root.exists() else []


def close_long_ago(report, days):
    report.change_status(Status.RESOLVED, note="Xong.")
    FeedbackReport.objects.filter(pk=report.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_row_23_retention_deletes_the_photos_and_their_files(
    client, ward, photo_root, settings, django_capture_on_commit_callbacks
):
    settings.FEEDBACK_RETENTION_DAYS = 30
    settings.WAGTAILFRONTENDCACHE = {
        "rec": {"BACKEND": "tests.test_feedback_retention.RecordingBackend"}
    }
    # Setting up commits too (purges of one transaction go out together, after it commits).
    with django_capture_on_commit_callbacks(execute=True):
        old = report_with_photos(ward)
        close_long_ago(old, days=31)
        also_old = report_with_photos(ward)
        close_long_ago(also_old, days=40)
        FeedbackReport.objects.filter(pk__in=[old.pk, also_old.pk]).update(publish_result=True)
        kept = report_with_photos(ward)
        close_long_ago(kept, days=5)
    PURGED.clear()
    old_photos = list(old.photos.all())
    old_files = [photo_root / photo.file.name for photo in old_photos]
    assert all(path.is_file() for path in old_files)
    for photo in old_photos:
        assert client.get(f"/phan-anh-kien-nghi/anh/{photo.name}").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        call_command("anonymise_feedback", stdout=open("/dev/null", "w"))  # noqa: SIM115

    old.refresh_from_db()
    assert old.anonymised_at and old.contact_phone == ""
    assert not FeedbackPhoto.objects.filter(report=old).exists()
    assert not any(path.exists() for path in old_files)
    for photo in old_photos:
        assert client.get(f"/phan-anh-kien-nghi/anh/{photo.name}").status_code == 404
        assert any(url.endswith(f"/phan-anh-kien-nghi/anh/{photo.name}") for url in PURGED)
    # The results pages no longer list them: purged once for the ward, not once a report.
    assert len([url for url in PURGED if url.endswith("/phan-anh-kien-nghi/ket-qua/*")]) == 1
    # The report still within the period keeps its photos.
    assert kept.photos.count() == 2
    assert len(files(photo_root)) == 2


def test_row_23_photos_left_by_an_earlier_anonymisation_are_deleted_too(
    ward, photo_root, django_capture_on_commit_callbacks
):
    """Reports anonymised before photos went with the text still hold theirs: the next run
    of the job removes them."""
    report = report_with_photos(ward)
    close_long_ago(report, days=400)
    FeedbackReport.objects.filter(pk=report.pk).update(anonymised_at=timezone.now())
    assert len(files(photo_root)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        call_command("anonymise_feedback", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not FeedbackPhoto.objects.filter(report=report).exists()
    assert files(photo_root) == []


def test_a_deletion_request_deletes_the_photos_too(
    client, ward, photo_root, django_capture_on_commit_callbacks
):
    report = report_with_photos(ward, public=False)
    client.force_login(handler(ward))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("feedback_report:personal", args=[report.pk]), {"action": "anonymise"}
        )
    assert response.status_code == 302
    assert not FeedbackPhoto.objects.filter(report=report).exists()
    assert files(photo_root) == []


def test_a_failed_anonymisation_keeps_the_photos_and_their_files(
    ward, photo_root, django_capture_on_commit_callbacks
):
    """Files go only once the transaction commits: a rollback leaves rows and files as they
    were."""
    report = report_with_photos(ward)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        report.anonymise()
        raise RuntimeError("the database went away before the commit")
    assert FeedbackPhoto.objects.filter(report=report).count() == 2
    assert len(files(photo_root)) == 2

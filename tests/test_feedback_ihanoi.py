"""The iHanoi adapter against a real HTTP server on 127.0.0.1: paging, idempotence, and
refusals (malformed JSON, invalid items, 5xx, timeouts) that change nothing."""

import io

import pytest
from django.core.management import CommandError, call_command

from content.models import SyncRun, WardSettings
from feedback import ihanoi
from feedback.models import FeedbackReport, FeedbackStatusEntry, Source, Status
from tests import feedback_helpers
from tests.upstream_server import UpstreamServer

ward = feedback_helpers.ward
photo_root = feedback_helpers.photo_root

pytestmark = pytest.mark.django_db

FAST = {"timeout": 1, "retries": 0, "backoff": 0}


@pytest.fixture
def upstream():
    with UpstreamServer() as server:
        yield server


def item(number, **overrides):
    data = {
        "id": f"IH-{number:05d}",
        "title": f"Phản ánh iHanoi số {number}: đèn đường hỏng",
        "category": "Hạ tầng, giao thông, chiếu sáng",
        "address": f"Số {number} phố Minh Họa",
        "lat": 21.0405,
        "lng": 105.7651,
        "created_at": "2026-11-23T08:15:00+07:00",
        "status": "dang_xu_ly",
        "resolved_at": None,
        "response": "",
        "before_photos": [],
        "after_photos": [],
        "rating": None,
    }
    data.update(overrides)
    return data


def state():
    return (
        FeedbackReport.objects.count(),
        FeedbackStatusEntry.objects.count(),
        list(FeedbackReport.objects.values_list("external_id", "status", "public_answer")),
    )


def test_items_are_read_across_pages_and_stored_as_ihanoi_reports(upstream, ward):
    upstream.serve([item(n) for n in range(1, 6)], page_size=2)
    run = ihanoi.sync_from_url(ward, upstream.url, **FAST)
    assert run.status == SyncRun.Status.SUCCESS, run.message
    assert run.created == 5
    assert len(upstream.requests) == 3  # three pages
    report = FeedbackReport.objects.get(external_id="IH-00001")
    assert report.source == Source.IHANOI
    assert report.status == Status.IN_PROGRESS
    assert report.category.slug == "ha-tang-chieu-sang"
    assert report.notified_at is not None
    assert report.code.startswith("PA-")
    assert list(report.history.values_list("status", flat=True)) == [
        Status.RECEIVED,
        Status.IN_PROGRESS,
    ]


def test_a_second_run_with_the_same_data_changes_nothing(upstream, ward):
    upstream.serve([item(1), item(2, status="da_xu_ly", resolved_at="2026-11-24T10:00:00+07:00")])
    ihanoi.sync_from_url(ward, upstream.url, **FAST)
    before = state()
    run = ihanoi.sync_from_url(ward, upstream.url, **FAST)
    assert run.status == SyncRun.Status.SUCCESS
    assert (run.created, run.changed, run.unchanged) == (0, 0, 2)
    assert state() == before


def test_a_status_change_upstream_is_one_new_history_entry(upstream, ward):
    upstream.serve([item(1)])
    ihanoi.sync_from_url(ward, upstream.url, **FAST)
    upstream.serve(
        [
            item(
                1,
                status="da_xu_ly",
                resolved_at="2026-11-25T09:00:00+07:00",
                response="Đã thay bóng đèn.",
                rating=5,
            )
        ]
    )
    run = ihanoi.sync_from_url(ward, upstream.url, **FAST)
    assert run.changed == 1
    report = FeedbackReport.objects.get()
    assert report.status == Status.RESOLVED
    assert report.public_answer == "Đã thay bóng đèn."
    assert report.rating == 5
    assert report.closed_at.isoformat().startswith("2026-11-25T02:00:00")
    assert report.history.count() == 3


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda s: setattr(s, "raw", b"{not json"), "không phải JSON"),
        (lambda s: setattr(s, "status", 503), "HTTP 503"),
        (lambda s: setattr(s, "delay", 2.5), "không trả lời"),
        (lambda s: s.serve([item(1), item(2, status="bí ẩn")]), "không biết"),
        (lambda s: s.serve([item(1), item(2, created_at="hôm qua")]), "ISO 8601"),
        (lambda s: s.serve([item(1), {"title": "không có id"}]), "thiếu «id»"),
        (lambda s: setattr(s, "raw", b'{"data": []}'), "không có danh sách"),
    ],
    ids=["malformed-json", "5xx", "timeout", "unknown-status", "bad-date", "no-id", "no-items"],
)
def test_bad_upstream_answers_change_nothing_and_are_reported(upstream, ward, setup, message):
    upstream.serve([item(1, status="moi")])
    ihanoi.sync_from_url(ward, upstream.url, **FAST)
    before = state()
    upstream.serve([item(1, status="da_xu_ly", response="Đã xử lý.")])
    setup(upstream)
    run = ihanoi.sync_from_url(ward, upstream.url, **FAST)
    assert run.status in (SyncRun.Status.FAILED, SyncRun.Status.REJECTED)
    assert message in run.message
    assert state() == before


def test_ihanoi_items_are_never_shown_with_their_address_or_title(client, upstream, ward):
    upstream.serve([item(1, status="da_xu_ly", resolved_at="2026-11-24T10:00:00+07:00")])
    ihanoi.sync_from_url(ward, upstream.url, **FAST)
    report = FeedbackReport.objects.get()
    html = client.get(f"/phan-anh-kien-nghi/tra-cuu/{report.code}/").content.decode()
    assert "iHanoi" in html
    assert "phố Minh Họa" not in html
    assert "đèn đường hỏng" not in html


def test_command_reports_failure(upstream, ward, settings):
    settings.UPSTREAM_RETRIES = 0
    WardSettings.objects.update_or_create(site=ward, defaults={"ihanoi_unit": "phuong-thu"})
    upstream.status = 500
    with pytest.raises(CommandError, match="HTTP 500"):
        call_command("sync_ihanoi", "--url", upstream.url, stdout=io.StringIO())
    upstream.status = 200
    upstream.serve([item(1)])
    out = io.StringIO()
    call_command("sync_ihanoi", "--url", upstream.url, stdout=out)
    assert "1 mới" in out.getvalue()


def test_ihanoi_items_show_beside_portal_reports_marked_ihanoi(client, upstream, ward):
    upstream.serve([item(1)])
    ihanoi.sync_from_url(ward, upstream.url, **FAST)
    report = FeedbackReport.objects.get()
    html = client.get("/phan-anh-kien-nghi/gui/", {"category": report.category_id}).content.decode()
    assert f"iHanoi · {report.category.name}" in html
    assert report.code not in html

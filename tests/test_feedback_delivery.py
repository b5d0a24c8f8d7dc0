"""Nothing lost: the report is committed before anything is queued; with the broker (Redis)
unreachable the citizen still gets a tracking code at once, and the staff notification goes
out exactly once when it is back (the sweeper)."""

import socket
import threading
import time

import pytest
from django.core import mail

from feedback import notify
from feedback.models import FeedbackReport, Status
from portal.celery import app
from tests import feedback_helpers
from tests.factories import ward_site
from tests.feedback_helpers import (
    FORM_URL,
    form_data,
    handler,
)

# Fixtures shared by the feedback tests.
ward = feedback_helpers.ward
photo_root = feedback_helpers.photo_root

pytestmark = pytest.mark.django_db


def closed_port():
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def broker_down():
    """Celery sends to a Redis broker on a closed port, as when Redis is stopped."""
    saved = {
        "broker_url": app.conf.broker_url,
        "task_always_eager": app.conf.task_always_eager,
    }
    app.conf.broker_url = f"redis://127.0.0.1:{closed_port()}/0"
    app.conf.task_always_eager = False
    _reset_pool()
    yield
    app.conf.broker_url = saved["broker_url"]
    app.conf.task_always_eager = saved["task_always_eager"]
    _reset_pool()


def _reset_pool():
    """Forget open broker connections so the next send connects to the current broker_url."""
    app._pool = None
    app.amqp._producer_pool = None


def test_with_redis_down_the_citizen_gets_a_code_within_three_seconds_and_staff_hear_once_later(
    client, ward, broker_down, django_capture_on_commit_callbacks, caplog
):
    """Row 30 of section (b) of the reliability checklist."""
    staff = handler(ward)
    start = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(FORM_URL, form_data())
    elapsed = time.monotonic() - start
    assert response.status_code == 302
    assert elapsed < 3, f"submission took {elapsed:.1f} s with the broker down"
    assert len(callbacks) == 1  # queueing waited for the commit
    for thread in threading.enumerate():
        if thread.name == notify.QUEUE_THREAD_NAME:
            thread.join(timeout=30)
    # The send really tried the stopped broker and failed.
    failure = next(r for r in caplog.records if "could not queue" in r.getMessage())
    assert "refused" in str(failure.exc_info[1]).lower() or "Error 111" in str(failure.exc_info[1])
    report = FeedbackReport.objects.get()
    assert report.code in client.get(response["Location"]).content.decode()
    assert report.notified_at is None
    assert mail.outbox == []

    # Redis is back: the periodic sweeper sends it, once, however often it runs.
    app.conf.task_always_eager = True
    assert notify.sweep() == 1
    assert notify.sweep() == 0
    notify.send_new_report(report.pk)  # a late duplicate task changes nothing
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [staff.email]
    assert report.code in mail.outbox[0].subject
    report.refresh_from_db()
    assert report.notified_at is not None
    assert staff.portal_notifications.count() == 1


def test_with_the_broker_up_the_notification_is_queued_after_commit_and_sent_once(
    client, ward, django_capture_on_commit_callbacks
):
    handler(ward)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(FORM_URL, form_data())
    # Nothing was sent inside the transaction.
    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    assert notify.sweep() == 0
    assert len(mail.outbox) == 1


def test_notifications_carry_no_personal_data(client, ward, django_capture_on_commit_callbacks):
    """Row 21 (in part) of section (b) of the reliability checklist."""
    handler(ward)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            FORM_URL,
            form_data(
                contact_name="Phạm Bí Mật", contact_phone="0911222333", address="Số 99 ngõ Kín"
            ),
        )
    body = mail.outbox[0].subject + mail.outbox[0].body
    for secret in ("Phạm Bí Mật", "0911222333", "Số 99 ngõ Kín"):
        assert secret not in body


def test_staff_of_another_ward_are_not_notified(client, ward, django_capture_on_commit_callbacks):
    other = ward_site("Khác", hostname="khac.example")
    handler(other, username="nguoingoai", email="ngoai@example.gov.vn")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM_URL, form_data())
    assert mail.outbox == []


@pytest.fixture
def redis_down(settings, broker_down):
    """The whole Redis gone: the cache (the production backend) and the broker."""
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.FailSoftRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }


def test_with_the_whole_redis_down_pages_still_answer_and_the_report_is_kept(
    client, ward, redis_down, django_capture_on_commit_callbacks
):
    start = time.monotonic()
    assert client.get(FORM_URL).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_URL, form_data())
    assert response.status_code == 302
    assert FeedbackReport.objects.get().code in client.get(response["Location"]).content.decode()
    elapsed = time.monotonic() - start
    assert elapsed < 3, f"form, submission and confirmation took {elapsed:.1f} s"
    # The health check still says the cache is down.
    health = client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["failed"] == ["cache"]


def test_a_reporter_who_leaves_an_email_gets_the_code_once(
    client, ward, django_capture_on_commit_callbacks
):
    handler(ward)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            FORM_URL,
            form_data(contact_email="nguoidan@example.com", description="<b>Nội dung riêng</b>"),
        )
    notify.sweep()
    report = FeedbackReport.objects.get()
    to_reporter = [m for m in mail.outbox if m.to == ["nguoidan@example.com"]]
    assert len(to_reporter) == 1
    message = to_reporter[0]
    assert report.code in message.subject
    assert f"/phan-anh-kien-nghi/tra-cuu/{report.code}/" in message.body
    assert "Nội dung riêng" not in message.body
    assert report.reporter_emailed_at is not None


def test_the_reporter_hears_of_each_status_change_once(
    client, ward, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM_URL, form_data(contact_email="nguoidan@example.com", notify=["email"]))
    report = FeedbackReport.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report.change_status(Status.IN_PROGRESS, note="Đã giao tổ vệ sinh.")
    with django_capture_on_commit_callbacks(execute=True):
        report.change_status(Status.RESOLVED, note="Đã thu gom.")
    assert notify.sweep() == 0
    assert [m.subject for m in mail.outbox] == [
        f"Phản ánh {report.code}: Đang xử lý",
        f"Phản ánh {report.code}: Đã xử lý xong",
    ]
    assert "Đã giao tổ vệ sinh." in mail.outbox[0].body


def test_status_emails_wait_for_the_broker_and_stop_after_anonymising(
    client, ward, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM_URL, form_data(contact_email="nguoidan@example.com", notify=["email"]))
    report = FeedbackReport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        report.change_status(Status.IN_PROGRESS, note="Đang xử lý.")
    for thread in threading.enumerate():
        if thread.name == notify.QUEUE_THREAD_NAME:
            thread.join(timeout=30)
    assert mail.outbox == []
    app.conf.task_always_eager = True
    assert notify.sweep() == 2  # the receipt and the status change
    assert len(mail.outbox) == 2
    report.anonymise()
    report.contact_email = "nguoidan@example.com"  # even if an address were left behind
    with django_capture_on_commit_callbacks(execute=True):
        report.change_status(Status.RESOLVED, note="Xong.")
    assert notify.sweep() == 0
    assert len(mail.outbox) == 2


SECRETS = {
    "contact_name": "Lê Bí Danh Qwzx",
    "contact_phone": "0977123456",
    "contact_email": "bidanh.qwzx@example.com",
    "address": "Số 13 ngõ Riêngtư",
    "description": "Chuyện riêng qwzx-mo-ta",
}


def test_row_21_a_failed_submission_logs_ids_only_and_tasks_carry_only_an_id(
    client, ward, settings, tmp_path, caplog, django_capture_on_commit_callbacks
):
    """Row 21 of section (b) of the reliability checklist. A real fault while a report with
    a photo is stored (the photo folder cannot be created): the citizen gets the 500 page, and
    every log line, formatted as in production (JSON), holds none of what the citizen wrote.
    Then a report that is stored: the task message that reaches the real Redis broker carries
    its id and nothing else."""
    import base64
    import json
    import logging

    import redis
    from django.conf import settings as django_settings
    from pythonjsonlogger.json import JsonFormatter

    from tests.feedback_helpers import jpeg_bytes, upload

    blocker = tmp_path / "khong-phai-thu-muc"
    blocker.write_text("")
    settings.FEEDBACK_PHOTO_ROOT = blocker / "anh"  # under a file: creating it fails
    client.raise_request_exception = False
    data = {**form_data(**SECRETS), "photos": [upload(jpeg_bytes())]}
    with caplog.at_level(logging.INFO):
        response = client.post(FORM_URL, data)
    assert response.status_code == 500
    assert FeedbackReport.objects.count() == 0
    formatter = JsonFormatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s",
        rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
    )
    lines = [formatter.format(record) for record in caplog.records]
    assert any("Internal Server Error" in line for line in lines)  # the fault was logged
    everything = "\n".join(lines)
    for secret in SECRETS.values():
        assert secret not in everything
        assert json.dumps(secret)[1:-1] not in everything  # nor escaped by the JSON

    if not django_settings.REDIS_URL:
        return
    settings.FEEDBACK_PHOTO_ROOT = tmp_path / "anh"
    broker = redis.Redis.from_url(app.conf.broker_url)
    broker.delete("celery")
    saved = app.conf.task_always_eager
    app.conf.task_always_eager = False
    _reset_pool()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(FORM_URL, form_data(**SECRETS)).status_code == 302
        for thread in threading.enumerate():
            if thread.name == notify.QUEUE_THREAD_NAME:
                thread.join(timeout=30)
        queued = [json.loads(raw) for raw in broker.lrange("celery", 0, -1)]
    finally:
        broker.delete("celery")
        app.conf.task_always_eager = saved
        _reset_pool()
    report = FeedbackReport.objects.get()
    assert [message["headers"]["task"] for message in queued] == [
        "feedback.tasks.notify_new_report"
    ]
    args, kwargs, _ = json.loads(base64.b64decode(queued[0]["body"]))
    assert (args, kwargs) == ([report.pk], {})
    whole = json.dumps(queued, ensure_ascii=False)
    for secret in SECRETS.values():
        assert secret not in whole

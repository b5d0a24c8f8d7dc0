"""Citizens told when their report moves (issue 21): an explicit choice of channels on the
form, one message per status change per chosen channel through a real HTTP gateway on
127.0.0.1, after commit, retried with backoff and never twice, with the gateway or Redis
down; the staff's delivery log and the ward's message texts."""

import datetime
import re
import threading

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from content.models import WardSettings
from feedback import notify, outbox
from feedback.models import (
    FeedbackReport,
    MessageText,
    NotificationDelivery,
    Status,
)
from portal.celery import app
from tests import feedback_helpers, test_feedback_delivery
from tests.factories import ward_site
from tests.feedback_helpers import FORM_URL, form_data, handler
from tests.gateway_server import GatewayServer

ward = feedback_helpers.ward
photo_root = feedback_helpers.photo_root

broker_down = test_feedback_delivery.broker_down

pytestmark = pytest.mark.django_db

PHONE = "0912345678"
NAME = "Trần Thị Bí Mật"
ADDRESS = "Số 77 ngõ Riêng"
DESCRIPTION = "Nội dung riêng tư qzx ở ngõ."


@pytest.fixture
def sms():
    with GatewayServer() as server:
        yield server


@pytest.fixture
def zalo():
    with GatewayServer() as server:
        yield server


def configure(site, sms=None, zalo=None):
    row = WardSettings.for_site(site)
    row.sms_gateway_url = sms.url if sms else ""
    row.zalo_gateway_url = zalo.url if zalo else ""
    row.zalo_template_id = "248571" if zalo else ""
    row.save()


@pytest.fixture
def gateways(ward, sms, zalo, monkeypatch):
    configure(ward, sms, zalo)
    monkeypatch.setenv("FEEDBACK_SMS_TOKEN", "sms-bi-mat")
    monkeypatch.setenv(f"FEEDBACK_ZALO_TOKEN_{ward.pk}", "zalo-bi-mat")
    return sms, zalo


def submit(client, capture, **fields):
    values = {
        "contact_name": NAME,
        "contact_phone": PHONE,
        "address": ADDRESS,
        "description": DESCRIPTION,
        **fields,
    }
    with capture(execute=True):
        response = client.post(FORM_URL, form_data(**values))
    assert response.status_code == 302, response.content.decode()[:2000]
    return FeedbackReport.objects.latest("pk")


def change(report, capture, status, note=""):
    with capture(execute=True):
        report.change_status(status, note=note)


# --- The form ------------------------------------------------------------------------------


def test_the_form_offers_the_wards_channels_and_ticks_none(client, ward, sms, zalo):
    html = client.get(FORM_URL).content.decode()
    assert 'name="notify" value="email"' in html
    assert 'value="sms"' not in html  # no gateway configured: not offered
    configure(ward, sms, zalo)
    html = client.get(FORM_URL).content.decode()
    boxes = re.findall(r'<input[^>]*name="notify"[^>]*>', html)
    assert len(boxes) == 3
    assert all("checked" not in line for line in boxes)
    assert "Tin nhắn SMS" in html and "Zalo" in html


def test_a_chosen_channel_needs_its_contact_and_nothing_is_stored_without_it(
    client, ward, gateways
):
    response = client.post(FORM_URL, form_data(notify=["sms", "zalo"], contact_phone=""))
    assert response.status_code == 400
    assert (
        "Để nhận tin báo qua Tin nhắn SMS và Zalo, vui lòng nhập số điện thoại."
        in response.content.decode()
    )
    response = client.post(FORM_URL, form_data(notify=["email"], contact_email=""))
    assert "Để nhận tin báo qua thư điện tử, vui lòng nhập thư điện tử." in (
        response.content.decode()
    )
    response = client.post(FORM_URL, form_data(notify=["sms"], contact_phone="12345"))
    assert "Số điện thoại không hợp lệ" in response.content.decode()
    response = client.post(FORM_URL, form_data(notify=["fax"], contact_phone=PHONE))
    assert "Kênh nhận tin không hợp lệ" in response.content.decode()
    assert FeedbackReport.objects.count() == 0


def test_a_channel_the_ward_has_no_gateway_for_is_refused(client, ward):
    response = client.post(FORM_URL, form_data(notify=["sms"], contact_phone=PHONE))
    assert response.status_code == 400
    assert "Kênh nhận tin không hợp lệ" in response.content.decode()
    assert FeedbackReport.objects.count() == 0


def test_the_choice_is_stored_with_the_notice_version(
    client, ward, gateways, settings, django_capture_on_commit_callbacks
):
    report = submit(
        client,
        django_capture_on_commit_callbacks,
        notify=["sms", "email"],
        contact_email="dan@example.com",
    )
    assert report.channels == ["email", "sms"]
    assert report.notify_consent_version == settings.FEEDBACK_NOTIFY_CONSENT_VERSION
    assert report.notify_consent_at is not None
    plain = submit(client, django_capture_on_commit_callbacks)
    assert plain.channels == [] and plain.notify_consent_version == ""
    assert plain.notify_consent_at is None


# --- One message per change per chosen channel ---------------------------------------------


def test_one_message_per_status_change_for_each_chosen_channel_and_none_for_others(
    client, ward, gateways, django_capture_on_commit_callbacks
):
    sms, zalo = gateways
    capture = django_capture_on_commit_callbacks
    report = submit(client, capture, notify=["sms", "zalo"], contact_email="dan@example.com")
    change(report, capture, Status.IN_PROGRESS, "Đã giao tổ vệ sinh.")
    change(report, capture, Status.RESOLVED, "Đã thu gom.")
    assert outbox.drain() == 0
    assert notify.sweep() == 0
    assert len(sms.requests) == 3
    assert len(zalo.requests) == 3
    # E-mail was not chosen: only the receipt with the code (as before), no status e-mails.
    assert [m.subject for m in mail.outbox] == [f"Đã nhận phản ánh {report.code}"]
    link = f"/phan-anh-kien-nghi/tra-cuu/{report.code}/"
    texts = [r["json"]["text"] for r in sms.requests]
    assert texts[0].startswith("Phường Thử Nghiệm đã nhận phản ánh " + report.code)
    assert "đang được xử lý" in texts[1]
    assert "đã xử lý xong" in texts[2]
    for request in sms.requests:
        body = request["json"]
        assert body["to"] == PHONE
        assert link in body["text"]
        assert len(body["text"]) <= 160
        assert request["headers"]["Authorization"] == "Bearer sms-bi-mat"
        assert request["headers"]["Idempotency-Key"] == body["idempotency_key"]
    for request in zalo.requests:
        body = request["json"]
        assert body["phone"] == "84912345678"
        assert body["template_id"] == "248571"
        assert body["template_data"]["ma"] == report.code
        assert link in body["template_data"]["lien_ket"]
        assert request["headers"]["Authorization"] == "Bearer zalo-bi-mat"
    assert [r["json"]["template_data"]["trang_thai"] for r in zalo.requests] == [
        "Đã tiếp nhận",
        "Đang xử lý",
        "Đã xử lý xong",
    ]
    everything = str(sms.requests) + str(zalo.requests)
    for secret in (NAME, ADDRESS, DESCRIPTION, "dan@example.com"):
        assert secret not in everything
    # A late duplicate task, or the same change recorded twice, sends nothing more.
    for delivery in NotificationDelivery.objects.all():
        assert outbox.deliver(delivery.pk) is False
    entry = report.history.last()
    assert outbox.enqueue(report, entry) == []
    assert len(sms.requests) == 3
    assert set(NotificationDelivery.objects.values_list("state", flat=True)) == {"da_gui"}


def test_email_chosen_means_status_emails_and_no_sms(
    client, ward, gateways, django_capture_on_commit_callbacks
):
    sms, zalo = gateways
    capture = django_capture_on_commit_callbacks
    report = submit(client, capture, notify=["email"], contact_email="dan@example.com")
    change(report, capture, Status.UNFIXED, "Cần kinh phí của thành phố.")
    assert [m.subject for m in mail.outbox] == [
        f"Đã nhận phản ánh {report.code}",
        f"Phản ánh {report.code}: Đã đóng – chưa khắc phục được",
    ]
    assert "Cần kinh phí của thành phố." in mail.outbox[1].body
    assert f"/phan-anh-kien-nghi/tra-cuu/{report.code}/" in mail.outbox[1].body
    assert sms.requests == [] and zalo.requests == []


def test_nothing_is_sent_without_a_choice_or_after_anonymising(
    client, ward, gateways, django_capture_on_commit_callbacks
):
    sms, _zalo = gateways
    capture = django_capture_on_commit_callbacks
    plain = submit(client, capture, contact_email="dan@example.com")
    change(plain, capture, Status.IN_PROGRESS)
    assert [m.subject for m in mail.outbox] == [f"Đã nhận phản ánh {plain.code}"]
    chosen = submit(client, capture, notify=["sms"])
    assert len(sms.requests) == 1
    chosen.anonymise()
    change(chosen, capture, Status.RESOLVED, "Xong.")
    assert len(sms.requests) == 1
    assert NotificationDelivery.objects.count() == 1


# --- A dead gateway, Redis down ---------------------------------------------------------------


def test_a_dead_gateway_delays_the_message_then_it_is_delivered_exactly_once(
    client, ward, gateways, django_capture_on_commit_callbacks
):
    sms, _zalo = gateways
    sms.stop()
    report = submit(client, django_capture_on_commit_callbacks, notify=["sms"])
    delivery = NotificationDelivery.objects.get()
    assert delivery.state == NotificationDelivery.State.PENDING
    assert delivery.attempts == 1
    assert "Không kết nối được" in delivery.last_error
    first_retry = delivery.next_attempt_at
    assert first_retry > timezone.now()
    assert outbox.drain() == 0  # not due yet: nothing tried
    later = first_retry + datetime.timedelta(seconds=1)
    assert outbox.drain(now=later) == 0  # still down: tried, waits longer
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    assert delivery.next_attempt_at - later >= datetime.timedelta(minutes=2)
    sms.start()  # the gateway is back, on the same address
    assert outbox.drain(now=later + datetime.timedelta(hours=1)) == 1
    assert outbox.drain(now=later + datetime.timedelta(days=1)) == 0
    assert notify.sweep() == 0
    assert len(sms.requests) == 1
    assert report.code in sms.requests[0]["json"]["text"]
    delivery.refresh_from_db()
    assert delivery.state == NotificationDelivery.State.SENT and delivery.last_error == ""


def test_a_gateway_error_is_retried_but_a_refusal_is_logged_as_failed(
    client, ward, gateways, django_capture_on_commit_callbacks
):
    sms, _zalo = gateways
    sms.status = 503
    submit(client, django_capture_on_commit_callbacks, notify=["sms"])
    delivery = NotificationDelivery.objects.get()
    assert delivery.state == "cho" and "503" in delivery.last_error
    sms.status = 200
    assert outbox.drain(now=timezone.now() + datetime.timedelta(hours=1)) == 1
    sms.status = 400
    submit(client, django_capture_on_commit_callbacks, notify=["sms"])
    refused = NotificationDelivery.objects.latest("pk")
    assert refused.state == NotificationDelivery.State.FAILED
    assert "400" in refused.last_error
    assert outbox.drain(now=timezone.now() + datetime.timedelta(days=3)) == 0
    assert len(sms.requests) == 3  # 503, 200, 400: the refusal was not repeated


def test_with_redis_down_messages_wait_in_the_outbox_and_go_once_when_it_is_back(
    client,
    ward,
    gateways,
    broker_down,
    django_capture_on_commit_callbacks,
):
    sms, zalo = gateways
    capture = django_capture_on_commit_callbacks
    report = submit(client, capture, notify=["sms", "zalo"])
    change(report, capture, Status.IN_PROGRESS)
    for thread in threading.enumerate():
        if thread.name == notify.QUEUE_THREAD_NAME:
            thread.join(timeout=30)
    assert sms.requests == [] and zalo.requests == []
    assert NotificationDelivery.objects.filter(state="cho").count() == 4
    # Redis is back: the periodic drain sends each message once, however often it runs.
    app.conf.task_always_eager = True
    from feedback.tasks import drain_outbox

    assert drain_outbox() == 4
    assert drain_outbox() == 0
    assert len(sms.requests) == 2 and len(zalo.requests) == 2


# --- Texts and the delivery log -------------------------------------------------------------


def test_a_wards_own_text_is_used_and_bad_placeholders_are_refused(
    client, ward, gateways, django_capture_on_commit_callbacks
):
    sms, _zalo = gateways
    MessageText.objects.create(
        site=ward, status=Status.IN_PROGRESS, text="Phường đang giải quyết {ma}: {lien_ket}"
    )
    report = submit(client, django_capture_on_commit_callbacks, notify=["sms"])
    change(report, django_capture_on_commit_callbacks, Status.IN_PROGRESS)
    assert sms.requests[1]["json"]["text"].startswith(f"Phường đang giải quyết {report.code}: ")
    assert outbox.check_text("Xin chào {ho_ten}") == (
        "Không dùng được: {ho_ten}. Chỉ dùng {ma}, {trang_thai}, {lien_ket}, {phuong}."
    )
    assert "không khớp" in outbox.check_text("Mã {ma")


def portal_admin(site, username="quantri"):
    user = handler(site, username=username, email=f"{username}@example.gov.vn")
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "view_notificationdelivery",
                "add_messagetext",
                "change_messagetext",
                "view_messagetext",
            ]
        )
    )
    return user


def test_the_delivery_log_and_texts_are_the_wards_own(
    client, ward, gateways, django_capture_on_commit_callbacks
):
    other = ward_site("Xã Khác", slug="xa-khac", hostname="xakhac.example")
    theirs_text = MessageText.objects.create(site=other, status=Status.RESOLVED, text="{ma}")
    report = submit(client, django_capture_on_commit_callbacks, notify=["sms"])
    client.force_login(portal_admin(ward))
    html = client.get(reverse("feedback_delivery:index")).content.decode()
    assert report.code in html and "Đã gửi" in html
    assert PHONE not in html
    edit = client.get(reverse("feedback_report:edit", args=[report.pk])).content.decode()
    assert "Người dân nhận tin báo qua:</strong> Tin nhắn SMS" in edit
    found = client.get(reverse("feedback_delivery:index") + f"?q={report.code}")
    assert report.code in found.content.decode()
    client.force_login(portal_admin(other, username="quantrikhac"))
    assert report.code not in client.get(reverse("feedback_delivery:index")).content.decode()
    delivery = NotificationDelivery.objects.get()
    assert client.get(reverse("feedback_delivery:inspect", args=[delivery.pk])).status_code == 404
    client.force_login(portal_admin(ward, username="quantri2"))
    assert (
        client.get(reverse("feedback_messagetext:edit", args=[theirs_text.pk])).status_code == 404
    )
    add = reverse("feedback_messagetext:add")
    response = client.post(add, {"site": ward.pk, "status": "dang_xu_ly", "text": "{ho_ten}"})
    assert "Không dùng được: {ho_ten}" in response.content.decode()
    response = client.post(add, {"site": other.pk, "status": "dang_xu_ly", "text": "{ma}"})
    assert response.status_code == 200  # another ward is not a choice
    assert not MessageText.objects.filter(site=other, status="dang_xu_ly").exists()
    response = client.post(add, {"site": ward.pk, "status": "dang_xu_ly", "text": "Đang làm {ma}"})
    assert response.status_code == 302
    assert MessageText.objects.get(site=ward, status="dang_xu_ly").text == "Đang làm {ma}"
    response = client.post(add, {"site": ward.pk, "status": "dang_xu_ly", "text": "Lần hai {ma}"})
    assert "đã có mẫu tin cho trạng thái này" in response.content.decode()


def test_the_backoff_doubles_and_is_capped():
    assert [outbox.backoff(n) for n in (1, 2, 3, 4)] == [60, 120, 240, 480]
    assert outbox.backoff(30) == 6 * 3600

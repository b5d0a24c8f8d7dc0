"""The Open311 GeoReport v2 API (open311/, docs/integrations.md): every endpoint against the
specification's examples (field names, types, status values, W3C dates, the error format) in
JSON and XML; filing through the report form's path with a ward's own key; public answers
without personal data; the staff side of API clients and their keys."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from content.models import Place, StaffProfile
from feedback import deadlines
from feedback.forms import NOTIFY_CONSENT_TEXT
from feedback.models import (
    CLOSED_STATUSES,
    FeedbackPhoto,
    FeedbackReport,
    NotificationDelivery,
    Status,
)
from open311.models import ApiClient, ApiReport, key_digest
from open311.views import MESSAGES as API_MESSAGES
from tests import feedback_helpers
from tests.factories import PlaceFactory, ward_site
from tests.feedback_helpers import category, handler, make_report
from tests.gateway_server import GatewayServer
from tests.test_feedback_notifications import configure
from tests.upstream_server import UpstreamServer

ward = feedback_helpers.ward
photo_root = feedback_helpers.photo_root

pytestmark = pytest.mark.django_db

BASE = "/open311/v2/"
MEDIA_URL_MESSAGE = API_MESSAGES["media_url"]
W3C = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$")
REQUEST_FIELDS = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
]
SENTINEL = {
    "first_name": "Sentinelname",
    "last_name": "Hoàng Bímật",
    "phone": "0987650001",
    "email": "sentinel.secret@example.vn",
    "address_string": "Số nhà 77 ngách 5 ngõ Sentinel",
    "description": "Lời riêng của người dân Sentinelwords: nhà ông hàng xóm đổ rác.",
    "lat": "21.0405123",
    "long": "105.7651987",
}


def get_json(client, path, **params):
    response = client.get(BASE + path + ".json", params)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return response, json.loads(response.content)


def get_xml(client, path, **params):
    response = client.get(BASE + path + ".xml", params)
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    return response, ET.fromstring(response.content)


def issue(site, name="Ứng dụng Thử"):
    client = ApiClient(site=site, name=name)
    key = client.issue_key()
    client.save()
    return client, key


def filing(key, **overrides):
    data = {
        "api_key": key,
        "service_code": "ve-sinh-moi-truong",
        "description": "Rác thải ứ đọng ở đầu ngõ nhiều ngày.",
        "attribute[dong_y]": "co",
        "attribute[to_dan_pho]": "tdp-01",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def post(client, data, fmt="json"):
    return client.post(BASE + f"requests.{fmt}", data)


def refusals(key, **overrides):
    """The descriptions of the 400 errors answered to a filing refused, in JSON then XML."""
    for fmt in ("json", "xml"):
        response = post(Client(), filing(key, **overrides), fmt)
        assert response.status_code == 400, response.content
        yield [d for code, d in errors_of(response) if code == 400]


def errors_of(response):
    """The spec's error list, as (code, description) pairs, from a JSON or XML answer."""
    if response["Content-Type"].startswith("text/xml"):
        root = ET.fromstring(response.content)
        assert root.tag == "errors"
        return [(int(e.findtext("code")), e.findtext("description")) for e in root]
    body = json.loads(response.content)
    assert isinstance(body, list) and body
    for error in body:
        assert set(error) == {"code", "description"}
        assert isinstance(error["code"], int) and isinstance(error["description"], str)
    return [(e["code"], e["description"]) for e in body]


@pytest.fixture
def ward_b(ward):
    site = ward_site("Phường Bên Cạnh", slug="phuong-ben-canh", hostname="phuong-b.localhost")
    PlaceFactory(site=site, code="b-tdp-01", name="Tổ dân phố Bắc", sort_order=1)
    return site


# --- Discovery and services ---------------------------------------------------------------------


def test_discovery_in_json_and_xml_names_the_v2_endpoint_and_its_formats(client, ward):
    response, body = get_json(client, "discovery")
    assert response.status_code == 200
    assert set(body) == {"changeset", "contact", "key_service", "endpoints"}
    assert W3C.match(body["changeset"])
    (endpoint,) = body["endpoints"]
    assert endpoint == {
        "specification": "http://wiki.open311.org/GeoReport_v2",
        "url": "http://testserver/open311/v2",
        "changeset": body["changeset"],
        "type": "production",
        "formats": ["text/xml", "application/json"],
    }
    response, root = get_xml(client, "discovery")
    assert root.tag == "discovery"
    formats = [f.text for f in root.find("endpoints/endpoint/formats")]
    assert formats == ["text/xml", "application/json"]
    assert root.findtext("endpoints/endpoint/specification") == endpoint["specification"]


def test_services_list_every_active_category_with_the_specs_fields(client, ward):
    response, body = get_json(client, "services")
    assert response.status_code == 200
    codes = [s["service_code"] for s in body]
    assert "ve-sinh-moi-truong" in codes and "thu-tuc-phuc-vu" in codes
    for service in body:
        assert list(service) == [
            "service_code",
            "service_name",
            "description",
            "metadata",
            "type",
            "keywords",
            "group",
        ]
        assert service["metadata"] is True and service["type"] == "realtime"
    env = next(s for s in body if s["service_code"] == "ve-sinh-moi-truong")
    assert env["service_name"] == "Vệ sinh môi trường"
    _, root = get_xml(client, "services")
    assert root.tag == "services" and len(root) == len(body)
    first = root[0]
    assert first.tag == "service" and first.findtext("metadata") == "true"
    assert first.findtext("type") == "realtime"


def test_a_service_definition_asks_for_consent_urgency_and_the_wards_own_places(
    client, ward, ward_b
):
    response, body = get_json(client, "services/ve-sinh-moi-truong")
    assert response.status_code == 200
    assert body["service_code"] == "ve-sinh-moi-truong"
    attributes = {a["code"]: a for a in body["attributes"]}
    assert list(attributes) == ["dong_y", "muc_do", "to_dan_pho", "nhan_tin"]
    for attribute in body["attributes"]:
        assert set(attribute) == {
            "variable",
            "code",
            "datatype",
            "required",
            "datatype_description",
            "order",
            "description",
            "values",
        }
        assert attribute["variable"] is True
        assert isinstance(attribute["order"], int)
    assert {a["datatype"] for a in body["attributes"][:3]} == {"singlevaluelist"}
    assert attributes["dong_y"]["required"] is True
    assert attributes["dong_y"]["values"] == [{"key": "co", "name": "Tôi đồng ý"}]
    assert "Tôi đồng ý để Ủy ban nhân dân phường" in attributes["dong_y"]["description"]
    assert [v["key"] for v in attributes["muc_do"]["values"]] == ["thuong", "khan"]
    assert attributes["to_dan_pho"]["values"] == [
        {"key": "tdp-01", "name": "Tổ dân phố số 1"},
        {"key": "tdp-02", "name": "Tổ dân phố số 2"},
    ]
    # Ward B's definition offers ward B's places.
    _, body_b = get_json(
        client, "services/ve-sinh-moi-truong", jurisdiction_id="phuong-b.localhost"
    )
    places_b = next(a for a in body_b["attributes"] if a["code"] == "to_dan_pho")["values"]
    assert places_b == [{"key": "b-tdp-01", "name": "Tổ dân phố Bắc"}]
    # A category that needs a contact says so, as an attribute that asks for nothing.
    _, body = get_json(client, "services/thu-tuc-phuc-vu")
    note = body["attributes"][-1]
    assert note["variable"] is False and note["code"] == "can_lien_he"
    assert "số điện thoại (phone) hoặc thư điện tử (email)" in note["description"]
    _, root = get_xml(client, "services/ve-sinh-moi-truong")
    assert root.tag == "service_definition"
    consent = root.find("attributes/attribute")
    assert consent.findtext("code") == "dong_y" and consent.findtext("required") == "true"
    assert consent.find("values/value").findtext("key") == "co"


def test_unknown_service_and_jurisdiction_answer_the_specs_errors_in_vietnamese(client, ward):
    for fmt in ("json", "xml"):
        response = client.get(f"{BASE}services/khong-co.{fmt}")
        assert response.status_code == 404
        assert errors_of(response) == [
            (404, "service_code «khong-co» không có trong danh sách lĩnh vực (services).")
        ]
        response = client.get(f"{BASE}requests.{fmt}", {"jurisdiction_id": "khong-co.vn"})
        assert response.status_code == 404
        (error,) = errors_of(response)
        assert error[0] == 404 and "jurisdiction_id «khong-co.vn»" in error[1]
    # Only .json and .xml exist.
    assert client.get(BASE + "services.html").status_code == 404


# --- Filing -------------------------------------------------------------------------------------


def test_a_report_filed_through_the_api_follows_the_forms_path_into_the_staff_queue(
    client, ward, django_capture_on_commit_callbacks, mailoutbox
):
    api_client, key = issue(ward)
    staff = handler(ward)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, filing(key, **{"attribute[muc_do]": "khan"}))
    assert response.status_code == 200
    (answer,) = json.loads(response.content)
    assert list(answer) == ["service_request_id", "token", "service_notice", "account_id"]
    assert isinstance(answer["service_request_id"], int) and answer["account_id"] is None
    report = FeedbackReport.objects.get(pk=answer["service_request_id"])
    # The form's path: consent with its version, place, urgency, the working-time deadline.
    assert report.site == ward and report.status == Status.RECEIVED
    assert report.consent_at is not None and report.consent_version == "2026-01"
    assert report.place.code == "tdp-01" and report.urgency == "khan"
    assert report.due_at == deadlines.add_working_time(report.received_at, 4)
    assert report.history.count() == 1
    assert ApiReport.objects.get(report=report).client == api_client
    # The tracking code (the citizen's key) comes back to the citizen's app, once.
    assert report.code in answer["service_notice"]
    assert f"/phan-anh-kien-nghi/tra-cuu/{report.code}/" in answer["service_notice"]
    # Staff are told, as for the form, and see it in their queue with its deadline.
    report.refresh_from_db()
    assert report.notified_at is not None
    assert any(report.code in m.body for m in mailoutbox)
    client.force_login(staff)
    queue = client.get(reverse("feedback_report:index")).content.decode()
    assert report.code in queue
    assert f'datetime="{timezone.localtime(report.due_at).isoformat()}"' in queue
    # And the token endpoint answers for it.
    client.logout()
    _, body = get_json(Client(), f"tokens/{answer['token']}")
    assert body == [{"service_request_id": report.pk, "token": answer["token"]}]
    _, root = get_xml(Client(), f"tokens/{answer['token']}")
    assert root.tag == "service_requests"
    assert root.find("request").findtext("service_request_id") == str(report.pk)


def test_filing_in_xml_answers_the_specs_xml(client, ward):
    _, key = issue(ward)
    response = post(client, filing(key), fmt="xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    assert root.tag == "service_requests"
    request = root.find("request")
    assert [child.tag for child in request] == [
        "service_request_id",
        "token",
        "service_notice",
        "account_id",
    ]
    assert request.findtext("account_id") == ""  # <account_id/>, as in the spec
    assert FeedbackReport.objects.filter(pk=int(request.findtext("service_request_id"))).exists()


def test_filing_needs_a_key_of_this_ward(client, ward, ward_b):
    _, key_b = issue(ward_b, "Ứng dụng phường B")
    for fmt in ("json", "xml"):
        response = post(client, filing(""), fmt)
        assert response.status_code == 403
        assert errors_of(response) == [
            (403, "api_key không đúng hoặc đã bị thu hồi: không gửi được phản ánh.")
        ]
        # Ward B's key, into ward A (by host and by jurisdiction_id).
        response = post(client, filing(key_b), fmt)
        assert response.status_code == 403
        assert "phường/xã khác" in errors_of(response)[0][1]
        response = post(client, filing(key_b, jurisdiction_id="localhost"), fmt)
        assert response.status_code == 403
    assert not FeedbackReport.objects.exists()
    # Into its own ward it works (the place is then one of ward B's).
    response = post(
        client,
        filing(
            key_b, jurisdiction_id="phuong-b.localhost", **{"attribute[to_dan_pho]": "b-tdp-01"}
        ),
    )
    assert response.status_code == 200
    assert FeedbackReport.objects.get().site == ward_b
    # A revoked key files nothing.
    ApiClient.objects.update(is_active=False)
    response = post(client, filing(key_b, jurisdiction_id="phuong-b.localhost"))
    assert response.status_code == 403
    assert FeedbackReport.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "argument", "message"),
    [
        ({"attribute[dong_y]": None}, "attribute[dong_y]", "Vui lòng đánh dấu ô đồng ý"),
        ({"attribute[dong_y]": "khong"}, "attribute[dong_y]", "Vui lòng đánh dấu ô đồng ý"),
        ({"description": ""}, "description", "Vui lòng mô tả sự việc."),
        ({"description": "x" * 5001}, "description", "tối đa 5000 ký tự"),
        ({"phone": "12ab"}, "phone", "Số điện thoại không hợp lệ"),
        ({"email": "khong-phai-thu"}, "email", "Địa chỉ thư điện tử không hợp lệ."),
        ({"lat": "21.04", "long": None}, "lat", "Cần cả vĩ độ và kinh độ"),
        ({"lat": "abc", "long": "105.7"}, "lat", ""),
        (
            {"service_code": "thu-tuc-phuc-vu"},
            "phone",
            "cần số điện thoại hoặc thư điện tử",
        ),
        ({"attribute[muc_do]": "sieu-gap"}, "attribute[muc_do]", ""),
    ],
)
def test_the_forms_checks_refuse_in_the_specs_format_and_store_nothing(
    client, ward, overrides, argument, message
):
    _, key = issue(ward)
    for descriptions in refusals(key, **overrides):
        assert any(d.startswith(f"{argument}: ") and message in d for d in descriptions), (
            descriptions
        )
    assert not FeedbackReport.objects.exists()


def test_location_photos_by_url_and_unknown_codes_are_refused_in_vietnamese(client, ward):
    _, key = issue(ward)
    cases = [
        ({"attribute[to_dan_pho]": None}, 400, "Cần vị trí: lat và long"),
        ({"attribute[to_dan_pho]": "tdp-99"}, 400, "không có tổ dân phố / thôn mã «tdp-99»"),
        ({"media_url": "https://example.com/a.jpg"}, 400, "không nhận ảnh qua đường liên kết"),
        ({"service_code": None}, 400, "Thiếu service_code"),
        ({"service_code": "khong-co"}, 404, "service_code «khong-co» không có"),
    ]
    for overrides, status, text in cases:
        response = post(client, filing(key, **overrides))
        assert response.status_code == status
        assert text in errors_of(response)[0][1]
    # An address alone, or a map point alone, is a location.
    assert post(client, filing(key, **{"attribute[to_dan_pho]": None, "address_string": "Ngõ 5"}))
    response = post(
        client, filing(key, **{"attribute[to_dan_pho]": None, "lat": "21.04", "long": "105.76"})
    )
    assert response.status_code == 200
    assert FeedbackReport.objects.count() == 2


def test_a_photo_by_url_is_refused_in_both_formats_and_nothing_is_stored_or_fetched(
    client, ward, photo_root
):
    """media_url is refused, not ignored (docs/integrations.md «Photos: not at all, for now»):
    the address is never fetched, and neither the report nor a photo is stored."""
    _, key = issue(ward)
    with UpstreamServer() as server:
        photo = server.root + "/anh/rac-thai.jpg"
        for fmt in ("json", "xml"):
            response = post(client, filing(key, media_url=photo), fmt)
            assert response.status_code == 400, response.content
            (error,) = errors_of(response)
            assert error == (400, MEDIA_URL_MESSAGE)
            assert error[1].startswith("media_url: Cổng không nhận ảnh qua đường liên kết.")
            assert "gửi ảnh qua biểu mẫu phản ánh trên Cổng" in error[1]
        assert server.requests == []
    assert not FeedbackReport.objects.exists()
    assert not FeedbackPhoto.objects.exists()
    assert not ApiReport.objects.exists()
    assert not photo_root.exists() or not [f for f in photo_root.rglob("*") if f.is_file()]
    # The same filing without the photo goes through.
    assert post(client, filing(key)).status_code == 200
    assert FeedbackReport.objects.count() == 1


# --- News of the report: the citizen's own choice of channels --------------------------------


@pytest.fixture
def sms_gateway(ward):
    with GatewayServer() as server:
        configure(ward, sms=server)
        yield server


def notify_attribute(client, **params):
    _, body = get_json(client, "services/ve-sinh-moi-truong", **params)
    return next((a for a in body["attributes"] if a["code"] == "nhan_tin"), None)


def test_the_service_definition_offers_only_the_wards_channels_ticked_by_the_client(
    client, ward, ward_b
):
    attribute = notify_attribute(client)
    assert attribute["datatype"] == "multivaluelist"
    assert attribute["required"] is False and attribute["variable"] is True
    assert attribute["description"] == NOTIFY_CONSENT_TEXT
    assert "attribute[nhan_tin][]" in attribute["datatype_description"]
    # No gateway: e-mail only.
    assert attribute["values"] == [{"key": "email", "name": "Thư điện tử"}]
    with GatewayServer() as sms, GatewayServer() as zalo:
        configure(ward, sms=sms, zalo=zalo)
        attribute = notify_attribute(client)
        assert attribute["values"] == [
            {"key": "email", "name": "Thư điện tử"},
            {"key": "sms", "name": "Tin nhắn SMS"},
            {"key": "zalo", "name": "Zalo (tin nhắn ZNS tới số điện thoại)"},
        ]
        # Ward B has no gateway of its own.
        values_b = notify_attribute(client, jurisdiction_id="phuong-b.localhost")["values"]
        assert [v["key"] for v in values_b] == ["email"]
        _, root = get_xml(client, "services/ve-sinh-moi-truong")
        (element,) = [a for a in root.find("attributes") if a.findtext("code") == "nhan_tin"]
        assert element.findtext("datatype") == "multivaluelist"
        assert [v.findtext("key") for v in element.find("values")] == ["email", "sms", "zalo"]


def test_an_sms_chosen_through_the_api_is_stored_with_its_notice_version_and_sent(
    client, ward, sms_gateway, settings, django_capture_on_commit_callbacks
):
    _, key = issue(ward)
    capture = django_capture_on_commit_callbacks
    with capture(execute=True):
        response = post(
            client, filing(key, phone="0912 345 678", **{"attribute[nhan_tin][]": ["sms"]})
        )
    assert response.status_code == 200, response.content
    report = FeedbackReport.objects.get()
    assert report.channels == ["sms"]
    assert report.notify_consent_version == settings.FEEDBACK_NOTIFY_CONSENT_VERSION
    assert report.notify_consent_at is not None
    # The receipt, by SMS, as for the form.
    assert NotificationDelivery.objects.filter(report=report, channel="sms").count() == 1
    assert len(sms_gateway.requests) == 1
    with capture(execute=True):
        report.change_status(Status.IN_PROGRESS, note="Đã giao tổ vệ sinh.")
    # One status change: exactly one more SMS, to the number given, nothing by e-mail.
    deliveries = NotificationDelivery.objects.filter(report=report)
    assert deliveries.count() == 2
    assert set(deliveries.values_list("channel", flat=True)) == {"sms"}
    assert len(sms_gateway.requests) == 2
    assert sms_gateway.requests[1]["json"]["to"] == "0912345678"
    assert "đang được xử lý" in sms_gateway.requests[1]["json"]["text"]


def test_two_channels_are_the_specs_repeated_brackets(client, ward, sms_gateway):
    _, key = issue(ward)
    data = filing(
        key,
        phone="0912345678",
        email="dan@example.com",
        **{"attribute[nhan_tin][]": ["email", "sms"]},
    )
    assert post(client, data).status_code == 200
    assert FeedbackReport.objects.get().channels == ["email", "sms"]


def test_without_the_attribute_the_citizen_gets_no_news(
    client, ward, sms_gateway, django_capture_on_commit_callbacks
):
    _, key = issue(ward)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, filing(key, phone="0912345678", email="dan@example.com"))
    assert response.status_code == 200
    report = FeedbackReport.objects.get()
    assert report.channels == [] and report.notify_consent_version == ""
    assert report.notify_consent_at is None
    with django_capture_on_commit_callbacks(execute=True):
        report.change_status(Status.IN_PROGRESS)
    assert not NotificationDelivery.objects.exists()
    assert sms_gateway.requests == []


@pytest.mark.parametrize(
    ("overrides", "argument", "message"),
    [
        (
            {"attribute[nhan_tin][]": ["sms"]},
            "phone",
            "Để nhận tin báo qua Tin nhắn SMS, vui lòng nhập số điện thoại.",
        ),
        (
            {"attribute[nhan_tin][]": ["email"]},
            "email",
            "Để nhận tin báo qua thư điện tử, vui lòng nhập thư điện tử.",
        ),
        (
            # No Zalo gateway in this ward.
            {"attribute[nhan_tin][]": ["zalo"], "phone": "0912345678"},
            "attribute[nhan_tin]",
            "Kênh nhận tin không hợp lệ",
        ),
        (
            {"attribute[nhan_tin][]": ["sms", "fax"], "phone": "0912345678"},
            "attribute[nhan_tin]",
            "Kênh nhận tin không hợp lệ",
        ),
    ],
)
def test_a_channel_without_its_contact_or_not_offered_is_refused_and_nothing_stored(
    ward, sms_gateway, overrides, argument, message
):
    _, key = issue(ward)
    for descriptions in refusals(key, **overrides):
        assert f"{argument}: " + message in " ".join(descriptions), descriptions
    assert not FeedbackReport.objects.exists()
    assert not NotificationDelivery.objects.exists()
    assert sms_gateway.requests == []


def test_a_client_is_rate_limited_per_address_in_the_specs_format(client, ward):
    api_client, key = issue(ward)
    ApiClient.objects.filter(pk=api_client.pk).update(hourly_limit=2)
    statuses = [post(client, filing(key, description=f"Việc số {n}")).status_code for n in range(3)]
    assert statuses == [200, 200, 429]
    response = post(client, filing(key, description="Thêm nữa"), fmt="xml")
    assert response.status_code == 429
    assert "Bạn đã gửi nhiều phản ánh" in errors_of(response)[0][1]
    assert response["Retry-After"] == "3600"
    assert FeedbackReport.objects.count() == 2


# --- Reading ------------------------------------------------------------------------------------


def test_get_requests_matches_the_specs_example_in_json_and_xml(client, ward):
    report = make_report(ward, lat="21.040512", lng="105.765198", public_title="Rác ở đầu ngõ")
    _, body = get_json(client, "requests")
    (item,) = body
    assert list(item) == REQUEST_FIELDS
    assert item["service_request_id"] == report.pk
    assert item["status"] == "open" and item["status_notes"] is None
    assert item["service_code"] == "ve-sinh-moi-truong"
    assert item["service_name"] == "Vệ sinh môi trường"
    assert item["description"] == "Rác ở đầu ngõ"
    assert item["address"] == "Tổ dân phố số 1"
    assert item["agency_responsible"] == "Phường Thử Nghiệm"
    for name in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert W3C.match(item[name]), (name, item[name])
    assert item["expected_datetime"] == timezone.localtime(report.due_at).isoformat(
        timespec="seconds"
    )
    # Coarsened to three decimals.
    assert item["lat"] == 21.041 and item["long"] == 105.765
    _, root = get_xml(client, "requests")
    assert root.tag == "service_requests"
    request = root.find("request")
    assert [child.tag for child in request] == REQUEST_FIELDS
    assert request.findtext("status") == "open"
    assert request.findtext("lat") == "21.041" and request.findtext("long") == "105.765"
    _, one = get_json(client, f"requests/{report.pk}")
    assert one == body
    _, root = get_xml(client, f"requests/{report.pk}")
    assert root.find("request").findtext("service_request_id") == str(report.pk)


def test_a_public_status_change_shows_in_get_request(client, ward):
    report = make_report(ward)
    _, (item,) = get_json(client, f"requests/{report.pk}")
    assert item["status"] == "open"
    report.change_status(Status.IN_PROGRESS, note="Đã giao tổ vệ sinh.")
    _, (item,) = get_json(client, f"requests/{report.pk}")
    assert item["status"] == "open" and item["status_notes"] == "Đã giao tổ vệ sinh."
    report.public_answer = "Đã thu gom rác sáng 7/12."
    report.save()
    report.change_status(Status.RESOLVED, note="Xong.")
    _, (item,) = get_json(client, f"requests/{report.pk}")
    assert item["status"] == "closed"
    assert item["status_notes"] == "Đã thu gom rác sáng 7/12."
    _, root = get_xml(client, f"requests/{report.pk}")
    assert root.find("request").findtext("status") == "closed"
    # A paused report has no expected date.
    paused = make_report(ward)
    paused.change_status(Status.PAUSED, note="Chờ công ty môi trường.")
    _, (item,) = get_json(client, f"requests/{paused.pk}")
    assert item["expected_datetime"] is None and item["status"] == "open"


def test_status_is_open_or_closed_by_membership_of_closed_statuses(client, ward):
    reports = {}
    for status in Status:
        report = make_report(ward)
        FeedbackReport.objects.filter(pk=report.pk).update(status=status)
        reports[report.pk] = status
    _, body = get_json(client, "requests")
    assert len(body) == len(Status)
    for item in body:
        expected = "closed" if reports[item["service_request_id"]] in CLOSED_STATUSES else "open"
        assert item["status"] == expected
    _, closed = get_json(client, "requests", status="closed")
    assert {i["service_request_id"] for i in closed} == {
        pk for pk, status in reports.items() if status in CLOSED_STATUSES
    }
    _, both = get_json(client, "requests", status="open,closed")
    assert len(both) == len(Status)


def test_get_requests_filters_as_the_spec_says(client, ward, ward_b):
    now = timezone.now()
    old = make_report(ward, received_at=now - datetime.timedelta(days=120))
    recent = make_report(ward, received_at=now - datetime.timedelta(days=3))
    other = make_report(ward, category=category("cay-xanh"))
    theirs = make_report(ward_b, place=Place.objects.get(code="b-tdp-01"))

    def ids(**params):
        response, body = get_json(client, "requests", **params)
        assert response.status_code == 200, body
        return {item["service_request_id"] for item in body}

    # Default: the last 90 days, of this ward only.
    assert ids() == {recent.pk, other.pk}
    assert ids(jurisdiction_id="phuong-b.localhost") == {theirs.pk}
    assert ids(service_code="cay-xanh") == {other.pk}
    assert ids(service_code="cay-xanh,ve-sinh-moi-truong") == {other.pk, recent.pk}
    # service_request_id overrides every other filter, but never crosses wards.
    assert ids(service_request_id=f"{old.pk},{theirs.pk}", service_code="cay-xanh") == {old.pk}
    start = timezone.localtime(now - datetime.timedelta(days=130)).isoformat(timespec="seconds")
    end = timezone.localtime(now - datetime.timedelta(days=60)).isoformat(timespec="seconds")
    assert ids(start_date=start, end_date=end) == {old.pk}
    assert ids(start_date=start) == {old.pk}
    assert ids(end_date=end) == {old.pk}
    # A «+» left unencoded in the query string (it arrives as a space) still reads.
    response = client.get(BASE + f"requests.json?start_date={start}&end_date={end}")
    assert response.status_code == 200 and len(json.loads(response.content)) == 1
    # A day alone is a W3C date too.
    assert ids(start_date=timezone.localdate().isoformat()) == {other.pk}
    assert client.get(BASE + f"requests/{theirs.pk}.json").status_code == 404
    for params, text in [
        ({"status": "pending"}, "status chỉ nhận open, closed"),
        ({"start_date": "hôm qua"}, "start_date: «hôm qua» không phải ngày giờ theo W3C"),
        ({"start_date": start, "end_date": "2020-01-01"}, "end_date phải sau start_date"),
        ({"start_date": "2026-01-01", "end_date": "2026-06-01"}, "dài quá 90 ngày"),
        ({"service_request_id": "1,abc"}, "«abc» không phải số phản ánh"),
    ]:
        for fmt in ("json", "xml"):
            response = client.get(BASE + f"requests.{fmt}", params)
            assert response.status_code == 400
            assert text in errors_of(response)[0][1], (params, errors_of(response))
    response = client.get(BASE + "requests/999999.xml")
    assert errors_of(response) == [(404, "Không có phản ánh số 999999 ở phường/xã này.")]


def test_get_requests_costs_the_same_queries_for_many_reports(
    client, ward, django_assert_max_num_queries
):
    for _ in range(3):
        make_report(ward)
    with django_assert_max_num_queries(6):
        assert len(get_json(client, "requests")[1]) == 3
    for _ in range(20):
        report = make_report(ward)
        report.change_status(Status.IN_PROGRESS, note="Đang làm.")
    with django_assert_max_num_queries(6):
        assert len(get_json(client, "requests")[1]) == 23


def test_public_answers_carry_no_personal_data_nor_the_reporters_words(
    client, ward, django_capture_on_commit_callbacks
):
    _, key = issue(ward)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, filing(key, **SENTINEL, **{"attribute[to_dan_pho]": None}))
    assert response.status_code == 200
    (answer,) = json.loads(response.content)
    report = FeedbackReport.objects.get()
    assert report.contact_phone == SENTINEL["phone"] and report.contact_name.startswith("Sent")
    # One filed on the portal's form, with contact details, beside it.
    form_report = make_report(
        ward, contact_name="Sentinelname Hai", contact_email="sentinel.secret@example.vn"
    )
    report.change_status(Status.IN_PROGRESS, note="Đã giao tổ dân phố.")
    paths = [
        "discovery",
        "services",
        "services/ve-sinh-moi-truong",
        "requests",
        f"requests/{report.pk}",
        f"requests/{form_report.pk}",
        f"tokens/{answer['token']}",
    ]
    forbidden = [
        "Sentinel",
        "Bímật",
        SENTINEL["phone"],
        "0987650001",
        "sentinel.secret",
        "ngõ Sentinel",
        "21.0405",
        "105.7651",
        "105.7652",
        report.code,
        "0988777666",
    ]
    anonymous = Client()
    for path in paths:
        for fmt in ("json", "xml"):
            response = anonymous.get(f"{BASE}{path}.{fmt}", {"jurisdiction_id": "localhost"})
            assert response.status_code == 200, path
            text = response.content.decode()
            for word in forbidden:
                assert word not in text, (path, fmt, word)


def test_get_answers_are_cache_friendly_and_readable_from_any_origin(client, ward):
    make_report(ward)
    for path in ("discovery.json", "services.xml", "requests.json"):
        response = client.get(BASE + path)
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("public, max-age=")
        assert response["Access-Control-Allow-Origin"] == "*"
        assert "Cookie" not in response.get("Vary", "")
        assert not response.cookies
    assert client.get(BASE + "requests.json")["Cache-Control"] == "public, max-age=30, s-maxage=60"
    _, key = issue(ward)
    response = post(client, filing(key))
    assert response["Cache-Control"] == "private, no-store"
    assert "Access-Control-Allow-Origin" not in response
    response = client.put(BASE + "requests.json")
    assert response.status_code == 405
    assert errors_of(response)[0][0] == 405


# --- Staff side ---------------------------------------------------------------------------------


def portal_admin(site, username):
    user = get_user_model().objects.create_user(username, password="x" * 12)
    group, _ = Group.objects.get_or_create(name=f"Quản trị API {username}")
    group.permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "access_admin",
                "add_apiclient",
                "change_apiclient",
                "delete_apiclient",
                "view_apiclient",
            ]
        )
    )
    user.groups.add(group)
    StaffProfile.objects.create(user=user, site=site)
    return user


def test_a_portal_admin_issues_a_key_shown_once_and_stored_hashed(client, ward, ward_b):
    client.force_login(portal_admin(ward, "quantri-a"))
    add = client.get(reverse("open311_client:add")).content.decode()
    # The ward choice offers the admin's own ward only.
    assert "Phường Thử Nghiệm" in add and "Phường Bên Cạnh" not in add
    response = client.post(
        reverse("open311_client:add"),
        {"site": ward.pk, "name": "Ứng dụng Phố Sạch", "contact": "", "hourly_limit": 60,
         "is_active": "on"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = re.search(
        r'id="api-key" type="text" readonly value="([^"]+)"', response.content.decode()
    )[1]
    api_client = ApiClient.objects.get()
    assert api_client.site == ward and api_client.key_hash == key_digest(key)
    assert key not in str(ApiClient.objects.values().get())
    edit = client.get(reverse("open311_client:edit", args=[api_client.pk])).content.decode()
    index = client.get(reverse("open311_client:index")).content.decode()
    assert key not in edit and key not in index
    # The list tells keys apart by their first characters.
    assert api_client.key_prefix in index
    # The key files a report; a new key replaces it.
    assert post(Client(), filing(key)).status_code == 200
    response = client.post(
        reverse("open311_client:edit", args=[api_client.pk]),
        {"site": ward.pk, "name": "Ứng dụng Phố Sạch", "contact": "", "hourly_limit": 60,
         "is_active": "on", "new_key": "on"},
    )  # fmt: skip
    new_key = re.search(r'readonly value="([^"]+)"', response.content.decode())[1]
    assert new_key != key
    assert post(Client(), filing(key)).status_code == 403
    assert post(Client(), filing(new_key, description="Lần hai")).status_code == 200
    # Ward B's portal admin does not see or open ward A's client.
    client.force_login(portal_admin(ward_b, "quantri-b"))
    assert "Phố Sạch" not in client.get(reverse("open311_client:index")).content.decode()
    assert client.get(reverse("open311_client:edit", args=[api_client.pk])).status_code == 404
    assert client.get(reverse("open311_client:delete", args=[api_client.pk])).status_code == 404


def test_a_control_character_is_refused_in_the_specs_format(client, ward):
    from portal.public_input import MESSAGE

    _, key = issue(ward)
    response = client.get(BASE + "requests.xml", {"service_code": "khac\x00"})
    assert response.status_code == 400
    assert errors_of(response) == [(400, MESSAGE)]
    response = post(client, filing(key, description="Rác\x00"))
    assert response.status_code == 400 and errors_of(response) == [(400, MESSAGE)]
    assert not FeedbackReport.objects.exists()


def test_filing_needs_no_csrf_token_nor_origin_the_key_is_the_authorisation(ward):
    _, key = issue(ward)
    strict = Client(enforce_csrf_checks=True)
    assert post(strict, filing(key)).status_code == 200
    assert post(strict, filing("sai-khoa")).status_code == 403
    assert FeedbackReport.objects.count() == 1

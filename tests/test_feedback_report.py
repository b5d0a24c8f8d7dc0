"""The citizen's report form: what it stores, what it refuses (in Vietnamese, storing
nothing), double submission, rate limit and honeypot, and the pages that follow."""

import re
import unicodedata

import pytest
from django.core.cache import cache
from PIL import Image

from feedback.models import CodeCounter, FeedbackPhoto, FeedbackReport, Status, new_code
from tests import feedback_helpers
from tests.feedback_helpers import (
    FORM_URL,
    category,
    form_data,
    jpeg_bytes,
    png_bomb,
    upload,
)

# Fixtures shared by the feedback tests.
ward = feedback_helpers.ward
photo_root = feedback_helpers.photo_root

pytestmark = pytest.mark.django_db
# A tracking code: PA- and two groups of four from an alphabet without 0, O, 1, I, L.
CODE = r"PA-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}"


def stored_files(root):
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_form_page_works_without_javascript_and_consent_is_not_ticked(client, ward):
    """Row 22 of section (b) of the reliability checklist."""
    response = client.get(FORM_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'name="consent"' in html
    consent_input = html[html.index('name="consent"') - 200 : html.index('name="consent"') + 200]
    assert "checked" not in consent_input
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    assert 'name="token"' in html


def test_a_report_is_stored_with_a_tracking_code_and_the_citizen_is_redirected(
    client, ward, photo_root, django_capture_on_commit_callbacks
):
    data = form_data(contact_name="Trần Thị Thử", contact_phone="0912 345 678")
    data["photos"] = [upload(jpeg_bytes()), upload(jpeg_bytes(colour=(0, 0, 200)), "b.png")]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_URL, data)
    assert response.status_code == 302
    report = FeedbackReport.objects.get()
    assert response["Location"] == f"/phan-anh-kien-nghi/da-gui/{report.code}/"
    assert re.fullmatch(CODE, report.code)
    assert report.status == Status.RECEIVED
    assert report.history.count() == 1
    assert report.contact_phone == "0912345678"
    assert report.consent_at is not None and report.consent_version == "2026-01"
    assert report.due_at is not None
    assert report.photos.count() == 2
    assert len(stored_files(photo_root)) == 2
    page = client.get(response["Location"])
    assert report.code in page.content.decode()
    assert "Trần Thị Thử" not in page.content.decode()


def test_row_5_tracking_codes_are_random_not_counted_up(client, ward):
    for _ in range(3):
        client.post(FORM_URL, form_data(), REMOTE_ADDR="10.0.0.8")
    codes = list(FeedbackReport.objects.values_list("code", flat=True))
    assert len(set(codes)) == 3
    assert all(re.fullmatch(CODE, code) for code in codes)
    assert not CodeCounter.objects.exists()  # no counter, nothing to walk
    many = {new_code() for _ in range(500)}
    assert len(many) == 500
    for position in (3, 4, 5, 6, 8, 9, 10, 11):  # every place takes (nearly) every character
        assert len({code[position] for code in many}) > 20


def test_the_same_form_sent_twice_makes_one_report(client, ward):
    """Row 31 of section (b) of the reliability checklist."""
    data = form_data()
    first = client.post(FORM_URL, data)
    second = client.post(FORM_URL, data)
    assert FeedbackReport.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]


def test_text_is_stored_in_nfc(client, ward):
    nfd = unicodedata.normalize("NFD", "Đường ngập nước sau mưa")
    client.post(
        FORM_URL, form_data(description=nfd, contact_name=unicodedata.normalize("NFD", "Lê Thị Hà"))
    )
    report = FeedbackReport.objects.get()
    assert report.description == "Đường ngập nước sau mưa"
    assert unicodedata.is_normalized("NFC", report.contact_name)


def test_category_that_needs_contact_refuses_a_report_without_one(client, ward):
    response = client.post(FORM_URL, form_data(category=category("thu-tuc-phuc-vu").pk))
    assert response.status_code == 400
    assert "cần số điện thoại hoặc thư điện tử" in response.content.decode()
    assert FeedbackReport.objects.count() == 0


BAD_INPUTS = {
    "an 11 MB photo": (
        lambda: {"photos": [upload(b"\xff\xd8\xff\xe0" + b"0" * (11 * 1024 * 1024))]},
        "lớn hơn 10 MB",
    ),
    "six photos": (
        lambda: {"photos": [upload(jpeg_bytes(), f"{i}.jpg") for i in range(6)]},
        "tối đa 5 ảnh",
    ),
    "an HTML file named .jpg": (
        lambda: {"photos": [upload(b"<html><body><script>alert(1)</script></body></html>")]},
        "không phải ảnh JPEG, PNG hoặc WebP",
    ),
    "an SVG with a script": (
        lambda: {
            "photos": [
                upload(
                    b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
                    b"<script>alert(document.cookie)</script></svg>",
                    "anh.svg",
                    "image/svg+xml",
                )
            ]
        },
        "không phải ảnh JPEG, PNG hoặc WebP",
    ),
    "a decompression bomb": (
        lambda: {"photos": [upload(png_bomb(), "bom.png", "image/png")]},
        "quá nhiều điểm ảnh",
    ),
    "3 MB of text": (lambda: {"description": "Ồ" * (3 * 1024 * 1024 // 3)}, "Nội dung quá dài"),
    "no consent": (lambda: {"consent": None}, "đánh dấu ô đồng ý"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_is_refused_in_vietnamese_and_nothing_is_stored(client, ward, photo_root, case):
    """Rows 1, 15, 16, 17 and 22 (in part) of section (b) of the reliability checklist."""
    make, message = BAD_INPUTS[case]
    data = form_data()
    for key, value in make().items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    response = client.post(FORM_URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Phản ánh chưa được gửi" in html
    assert FeedbackReport.objects.count() == 0
    assert FeedbackPhoto.objects.count() == 0
    assert stored_files(photo_root) == []
    # The text the citizen wrote is given back escaped, never as markup.
    assert "<script>alert(1)" not in html


def test_script_in_the_description_is_escaped_on_the_form(client, ward):
    """Row 2 (in part) of section (b) of the reliability checklist."""
    response = client.post(
        FORM_URL, form_data(description="<script>alert('x')</script>", consent=None)
    )
    assert "<script>alert(&#x27;x&#x27;)</script>" not in response.content.decode()
    assert "&lt;script&gt;" in response.content.decode()


def test_stored_photo_is_a_clean_jpeg_under_a_generated_name(client, ward, photo_root):
    """Rows 17, 18 and 19 (in part) of section (b) of the reliability checklist."""
    client.post(FORM_URL, {**form_data(), "photos": [upload(jpeg_bytes(gps=True), "nha-toi.jpg")]})
    photo = FeedbackPhoto.objects.get()
    assert "nha-toi" not in photo.file.name
    path = photo_root / photo.file.name
    raw = path.read_bytes()
    assert b"Exif" not in raw and b"Sentinel" not in raw
    with Image.open(path) as image:
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}


def test_honeypot_is_refused_with_a_message(client, ward):
    response = client.post(FORM_URL, form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert "Không gửi được phản ánh" in response.content.decode()
    assert FeedbackReport.objects.count() == 0


def test_too_many_submissions_from_one_client_are_refused(client, ward, settings):
    """Row 38 of section (b) of the reliability checklist."""
    settings.FEEDBACK_RATE_LIMIT = 2
    cache.clear()
    assert client.post(FORM_URL, form_data()).status_code == 302
    assert client.post(FORM_URL, form_data()).status_code == 302
    response = client.post(FORM_URL, form_data())
    assert response.status_code == 429
    assert "Bạn đã gửi nhiều phản ánh" in response.content.decode()
    assert FeedbackReport.objects.count() == 2
    # Another client is not affected.
    other = client.post(FORM_URL, form_data(), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_similar_reports_of_the_same_place_and_category_are_shown_before_writing(client, ward):
    client.post(FORM_URL, form_data())
    report = FeedbackReport.objects.get()
    report.public_title = "Rác ứ đọng đầu ngõ"
    report.save()
    params = f"?category={report.category_id}&place={report.place_id}"
    html = client.get(FORM_URL + params).content.decode()
    assert "Rác ứ đọng đầu ngõ" in html
    # The tracking code is the reporter's key: a neighbour sees the report, not its code.
    assert report.code not in html
    assert "/tra-cuu/PA-" not in html
    other = client.get(FORM_URL + f"?category={category('cay-xanh').pk}").content.decode()
    assert "Rác ứ đọng đầu ngõ" not in other
    assert "Chưa có phản ánh nào" in other


def test_lookup_by_code(client, ward):
    client.post(FORM_URL, form_data())
    code = FeedbackReport.objects.get().code
    response = client.get("/phan-anh-kien-nghi/tra-cuu/", {"ma": code.lower()})
    assert response.status_code == 302
    assert response["Location"] == f"/phan-anh-kien-nghi/tra-cuu/{code}/"
    # Read out over the phone and typed any old way: spaces, no dashes, no "PA".
    for typed in (code.replace("-", " "), code[3:].replace("-", ""), f" {code[3:7]} {code[8:]} "):
        found = client.get("/phan-anh-kien-nghi/tra-cuu/", {"ma": typed})
        assert found["Location"] == f"/phan-anh-kien-nghi/tra-cuu/{code}/", typed
    missing = client.get("/phan-anh-kien-nghi/tra-cuu/", {"ma": "PA-2222-3333"})
    assert missing.status_code == 404
    assert "Không tìm thấy" in missing.content.decode()
    wrong = client.get("/phan-anh-kien-nghi/tra-cuu/", {"ma": "abc"})
    assert wrong.status_code == 400
    assert "Mã không đúng dạng" in wrong.content.decode()


def test_old_counting_up_codes_keep_working(client, ward):
    report = feedback_helpers.make_report(ward)
    FeedbackReport.objects.filter(pk=report.pk).update(code="PA-2026-000123")
    found = client.get("/phan-anh-kien-nghi/tra-cuu/", {"ma": "pa-2026-000123"})
    assert found["Location"] == "/phan-anh-kien-nghi/tra-cuu/PA-2026-000123/"
    status = client.get("/phan-anh-kien-nghi/tra-cuu/PA-2026-000123/")
    assert status.status_code == 200
    assert "PA-2026-000123" in status.content.decode()
    assert client.get("/phan-anh-kien-nghi/da-gui/PA-2026-000123/").status_code == 200


def test_row_5_guessing_codes_is_stopped_per_client(client, ward, settings):
    """Walking codes (unknown ones, or the old counting-up ones) is refused after a few tries,
    in Vietnamese; a citizen with their own new code is never counted, and another client is
    not affected."""
    settings.FEEDBACK_LOOKUP_LIMIT = 4
    mine = feedback_helpers.make_report(ward)
    old = feedback_helpers.make_report(ward)
    FeedbackReport.objects.filter(pk=old.pk).update(code="PA-2025-000001")
    status = "/phan-anh-kien-nghi/tra-cuu/{}/"
    for _ in range(6):
        assert client.get(status.format(mine.code)).status_code == 200  # never counted
    assert client.get("/phan-anh-kien-nghi/tra-cuu/", {"ma": "PA-2025-000009"}).status_code == 404
    assert client.get(status.format("PA-3333-3333")).status_code == 404
    assert client.get(status.format("PA-2025-000001")).status_code == 200  # old: counted
    assert client.get(status.format("PA-2025-000002")).status_code == 404
    for url in (
        status.format(mine.code),
        status.format("PA-2025-000001"),
        status.format("PA-2025-000003"),
        "/phan-anh-kien-nghi/tra-cuu/?ma=PA-2025-000004",
        f"/phan-anh-kien-nghi/da-gui/{mine.code}/",
        status.format(mine.code) + "danh-gia/",
    ):
        refused = client.get(url)
        assert refused.status_code == 429, url
        assert "tra cứu nhiều mã không đúng" in refused.content.decode()
        assert "no-store" in refused["Cache-Control"]
    other = client.get(status.format(mine.code), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


@pytest.mark.parametrize(
    "typed",
    [
        "PA-2025-000001' OR '1'='1",
        "'; DROP TABLE feedback_feedbackreport; --",
        unicodedata.normalize("NFD", "PÀ-2026-000001"),
        "PA-" + "9" * 5000,
        "PA-ĐĐĐĐ-2222",
        "PA-2222-2222\x00",
    ],
)
def test_row_5_odd_codes_are_refused_never_a_server_error(client, ward, typed):
    response = client.get("/phan-anh-kien-nghi/tra-cuu/", {"ma": typed})
    assert response.status_code == 400
    # A control character is refused before the view, by the portal's shared check.
    shared = "\x00" in typed
    assert ("quay lại trang trước" if shared else "Mã") in response.content.decode()
    expected = 400 if shared else 404
    assert client.get(f"/phan-anh-kien-nghi/tra-cuu/{typed}/").status_code == expected
    assert FeedbackReport.objects.count() == 0


def test_behind_the_reverse_proxy_each_citizen_has_their_own_limit(client, ward, settings):
    """Row 38 of section (b) of the reliability checklist."""
    settings.FEEDBACK_RATE_LIMIT = 1
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    first = client.post(FORM_URL, form_data(), HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    second = client.post(FORM_URL, form_data(), HTTP_X_FORWARDED_FOR="203.0.113.6", **proxy)
    assert first.status_code == second.status_code == 302
    # A forged first hop does not give a new identity: the proxy appends the real address.
    forged = client.post(
        FORM_URL, form_data(), HTTP_X_FORWARDED_FOR="10.9.9.9, 203.0.113.5", **proxy
    )
    assert forged.status_code == 429
    # A client that is not a trusted proxy cannot choose its address at all.
    direct = {"REMOTE_ADDR": "198.51.100.7"}
    assert (
        client.post(FORM_URL, form_data(), HTTP_X_FORWARDED_FOR="1.1.1.1", **direct).status_code
        == 302
    )
    assert (
        client.post(FORM_URL, form_data(), HTTP_X_FORWARDED_FOR="2.2.2.2", **direct).status_code
        == 429
    )

"""The citizen's report form: what it stores, what it refuses (in Vietnamese, storing
nothing), double submission, rate limit and honeypot, and the pages that follow."""

import io
import re
import tracemalloc
import unicodedata

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from PIL import Image

from feedback.models import CodeCounter, FeedbackPhoto, FeedbackReport, Status, new_code
from feedback.photos import clean_photo
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
    """Row 15 of section (b) of the reliability checklist (11 MB, six photos: refused before
    any decoding, nothing stored), and rows 1, 16, 17 and 22 in part."""
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


OVERSIZED = {
    # Django's own limits (DATA_UPLOAD_MAX_NUMBER_FIELDS, _NUMBER_FILES, _MAX_MEMORY_SIZE)
    # refuse these while the body is read, before any view: the shared Vietnamese 400 page.
    "1001 fields": lambda data: data.update({f"o{i}": "x" for i in range(1001)}),
    "101 files": lambda data: data.update(
        {"photos": [upload(b"\xff\xd8\xff", f"{i}.jpg") for i in range(101)]}
    ),
    "11 MB of text": lambda data: data.update({"description": "x" * (11 * 1024 * 1024)}),
}


@pytest.mark.parametrize("case", list(OVERSIZED))
def test_row_1_oversized_requests_are_refused_and_nothing_is_saved(client, ward, photo_root, case):
    """Row 1 of section (b) of the reliability checklist (with the 3 MB of text of
    test_bad_input_is_refused_in_vietnamese_and_nothing_is_stored, refused by the form, and
    a body larger than five photos, refused with 413 before it is read)."""
    feedback_helpers.make_report(ward)
    data = form_data()
    OVERSIZED[case](data)
    response = client.post(FORM_URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Yêu cầu không hợp lệ" in html and "quá lớn" in html
    assert FeedbackReport.objects.count() == 1
    assert FeedbackPhoto.objects.count() == 0
    assert stored_files(photo_root) == []


def test_row_1_a_body_larger_than_five_photos_is_refused_before_it_is_read(
    client, ward, photo_root
):
    """Row 1 of section (b) of the reliability checklist: the declared length alone."""
    response = client.generic(
        "POST",
        FORM_URL,
        b"x" * 1024,
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(60 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "Dữ liệu gửi lên quá lớn" in response.content.decode()
    assert FeedbackReport.objects.count() == 0


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


def test_row_16_a_small_png_declaring_20000_by_20000_pixels_is_refused_without_decoding(
    client, ward, photo_root
):
    """Row 16 of section (b) of the reliability checklist: a 100-byte PNG whose header
    declares 20,000 × 20,000 pixels (1.2 GB once decoded) is refused, and checking it never
    allocates more than a few megabytes."""
    bomb = png_bomb(20_000, 20_000)
    assert len(bomb) < 200
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError) as refused:
            clean_photo(upload(bomb, "bom.png", "image/png"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.code == "too_many_pixels"
    assert peak < 4 * 1024 * 1024, f"{peak / 1024 / 1024:.1f} MB allocated"
    response = client.post(FORM_URL, {**form_data(), "photos": [upload(bomb, "bom.png")]})
    assert response.status_code == 400
    assert "quá nhiều điểm ảnh" in response.content.decode()
    assert FeedbackReport.objects.count() == 0 and stored_files(photo_root) == []


FAKE_IMAGES = {
    # An HTML page behind a real PNG signature: Pillow opens nothing of it.
    "html with a png header": b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>",
    "fits renamed .jpg": b"SIMPLE  =                    T" + b" " * 50 + b"BITPIX  =    8",
    "gd renamed .jpg": b"gd2\x00\x00\x02\x00\x10\x00\x10" + b"\x00" * 64,
    "pdf renamed .jpg": b"%PDF-1.4\n1 0 obj<<>>endobj\n",
}


@pytest.mark.parametrize("case", list(FAKE_IMAGES))
def test_row_17_fake_images_are_refused_and_nothing_is_stored(client, ward, photo_root, case):
    """Row 17 of section (b) of the reliability checklist (with the HTML and SVG files of
    test_bad_input_is_refused_in_vietnamese_and_nothing_is_stored). Only JPEG, PNG and WebP
    are opened, and only when the file starts like one; what is kept is always re-encoded
    (test_stored_photo_is_a_clean_jpeg_under_a_generated_name) and served as image/jpeg
    with nosniff (tests/test_feedback_privacy.py)."""
    data = {**form_data(), "photos": [upload(FAKE_IMAGES[case], "anh.jpg")]}
    response = client.post(FORM_URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "không phải ảnh JPEG, PNG hoặc WebP" in html or "Không đọc được ảnh" in html
    assert "<script>alert(1)" not in html
    assert FeedbackReport.objects.count() == 0 and stored_files(photo_root) == []


def test_row_18_orientation_is_applied_before_the_exif_is_dropped(client, ward, photo_root):
    """Row 18 of section (b) of the reliability checklist (GPS: tests/test_feedback_privacy.py
    and test_stored_photo_is_a_clean_jpeg_under_a_generated_name). A phone's portrait photo is
    stored landscape with Orientation 6 ("turn 90° clockwise"); dropping the EXIF without
    turning it would show the citizen's photo on its side."""
    image = Image.new("RGB", (80, 40), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, 40, 40))  # left half red, right half blue
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation
    exif.get_ifd(0x8825)[2] = (21.0, 2.0, 30.0)  # and a GPS latitude
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes(), quality=95)
    response = client.post(FORM_URL, {**form_data(), "photos": [upload(out.getvalue())]})
    assert response.status_code == 302
    photo = FeedbackPhoto.objects.get()
    assert (photo.width, photo.height) == (40, 80)
    with Image.open(photo_root / photo.file.name) as stored:
        assert stored.size == (40, 80)
        assert dict(stored.getexif()) == {}
        top, bottom = stored.convert("RGB").getpixel((20, 10)), stored.getpixel((20, 70))
    # Turned clockwise, the left (red) half is on top.
    assert top[0] > 200 and top[2] < 60, top
    assert bottom[2] > 200 and bottom[0] < 60, bottom


def test_row_19_a_path_in_the_file_name_is_ignored(client, ward, photo_root, tmp_path):
    """Row 19 of section (b) of the reliability checklist (originals: tests/test_media.py,
    tests/test_front_stack.py): the name the browser sends is never used for storing."""
    names = ["../../x.html", "..\\..\\x.html", "/etc/passwd"]
    data = {**form_data(), "photos": [upload(jpeg_bytes(), name) for name in names]}
    assert client.post(FORM_URL, data).status_code == 302
    stored = stored_files(photo_root)
    assert len(stored) == 3
    for path in stored:
        assert path.resolve().is_relative_to(photo_root.resolve())
        assert re.fullmatch(
            r"[0-9]{4}/[0-9]{2}/[0-9a-f]{32}\.jpg", str(path.relative_to(photo_root))
        )
    assert not list(tmp_path.rglob("x.html"))
    assert not (photo_root.parent.parent / "x.html").exists()


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

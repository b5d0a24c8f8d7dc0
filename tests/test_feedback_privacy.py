"""A report with a sentinel name, phone, e-mail, address and words, and a photo carrying GPS
EXIF: after it is handled and its result published, a crawl of every public URL (links from
the home page on, the sitemap, the RSS feed, search, the report's own pages) finds none of
them, and the stored photo has no EXIF. A citizen's photo stays private until staff make it
public; staff see every photo through the admin's own, access-checked view."""

import re
from urllib.parse import urljoin, urlparse

import pytest
from django.urls import reverse
from PIL import Image
from wagtail.contrib.frontend_cache.backends import BaseBackend

from feedback.models import FeedbackPhoto, FeedbackReport, Status
from feedback.photos import clean_photo
from tests import feedback_helpers
from tests.factories import ward_site
from tests.feedback_helpers import FORM_URL, form_data, handler, jpeg_bytes, upload

photo_root = feedback_helpers.photo_root
ward = feedback_helpers.ward

SENTINELS = {
    "name": "Sentinel Qwzx Nguyễn",
    "phone": "0987650321",
    "email": "sentinel.qwzx@example.com",
    "address": "Số 77 ngõ Sentinelqwzx",
    "words": "Chuỗi riêng tư sentinelwords-qwzx",
}
LINK = re.compile(r"""(?:href|src)=["']([^"'#]+)""")
SKIP = ("/admin", "/static/", "/tai-lieu/", "/media/")
MAX_PAGES = 600


def crawl(client, starts):
    seen, queue, bodies = set(), list(starts), {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        parsed = urlparse(url)
        if parsed.netloc not in ("", "localhost", "testserver"):
            continue
        path = parsed.path + (f"?{parsed.query}" if parsed.query else "")
        if path in seen or path.startswith(SKIP):
            continue
        seen.add(path)
        response = client.get(path)
        if response.status_code in (301, 302):
            queue.append(response["Location"])
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        bodies[path] = body
        content_type = response.get("Content-Type", "")
        if "html" in content_type or "xml" in content_type:
            text = body.decode("utf-8", "replace")
            for link in LINK.findall(text) + re.findall(r"<loc>([^<]+)</loc>", text):
                queue.append(urljoin(path, link.replace("&amp;", "&")))
    return bodies


@pytest.mark.django_db
def test_personal_data_appears_nowhere_public_and_photos_lose_their_exif(
    client, photo_root, demo_ward, django_capture_on_commit_callbacks
):
    """Rows 18 and 20 of section (b) of the reliability checklist."""
    data = form_data(
        contact_name=SENTINELS["name"],
        contact_phone=SENTINELS["phone"],
        contact_email=SENTINELS["email"],
        address=SENTINELS["address"],
        description=f"Rác ở đầu ngõ. {SENTINELS['words']}",
    )
    data["photos"] = [upload(jpeg_bytes(size=(320, 240), gps=True), "gps.jpg")]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_URL, data)
    assert response.status_code == 302
    report = FeedbackReport.objects.get(contact_phone=SENTINELS["phone"])
    report.public_title = "Rác ở đầu ngõ"
    report.public_answer = "Phường đã thu gom."
    report.publish_result = True
    report.save()
    report.change_status(Status.RESOLVED, note="Đã thu gom.")
    report.photos.update(is_public=True)  # staff chose it as the "before" photo
    feedback = "/phan-anh-kien-nghi/"
    bodies = crawl(
        client,
        [
            "/",
            "/sitemap.xml",
            "/robots.txt",
            feedback,
            f"{feedback}gui/",
            f"{feedback}gui/?category={report.category_id}&place={report.place_id}",
            f"{feedback}ket-qua/",
            f"{feedback}ket-qua/rss/",
            f"{feedback}ket-qua/?category={report.category_id}",
            f"{feedback}tra-cuu/{report.code}/",
            f"{feedback}tra-cuu/?ma={report.code}",
            f"{feedback}da-gui/{report.code}/",
            # The search page repeats the query: ask for parts, so that only a leak can show
            # the whole sentinel.
            "/tim-kiem/?q=Qwzx",
            "/tim-kiem/?q=0987650",
            "/tim-kiem/?q=sentinel.qwzx",
            "/tim-kiem/?q=Sentinelqwzx",
            "/tim-kiem/?q=sentinelwords",
            f"/tim-kiem/?q={report.code}",
        ],
    )
    assert len(bodies) > 20  # the crawl reached the site, not just the start pages
    assert f"{feedback}tra-cuu/{report.code}/" in bodies
    assert "/tim-kiem/?q=Qwzx" in bodies  # the site search answered
    assert any(path.startswith(f"{feedback}anh/") for path in bodies)
    # No public page links an original image or a stored document file (row 19).
    links = {
        link for body in bodies.values() for link in LINK.findall(body.decode("utf-8", "replace"))
    }
    assert not [link for link in links if "/media/original_images/" in link]
    assert not [link for link in links if "/media/documents/" in link]
    leaks = [
        (path, label)
        for path, body in bodies.items()
        for label, secret in SENTINELS.items()
        if secret.encode() in body or secret.lower().encode() in body.lower()
    ]
    assert leaks == []

    photo = report.photos.get()
    raw = (photo_root / photo.file.name).read_bytes()
    assert b"Exif" not in raw
    with Image.open(photo_root / photo.file.name) as image:
        assert dict(image.getexif()) == {}
        assert image.getexif().get_ifd(0x8825) == {}
    served = client.get(f"{feedback}anh/{photo.name}")
    assert served["Content-Type"] == "image/jpeg"
    assert served["X-Content-Type-Options"] == "nosniff"


def test_row_20_a_citizens_photo_is_private_until_staff_make_it_public(client, photo_root, ward):
    data = form_data()
    data["photos"] = [upload(jpeg_bytes(size=(320, 240)), "nha-toi.jpg")]
    assert client.post(FORM_URL, data).status_code == 302
    report = FeedbackReport.objects.get()
    photo = report.photos.get()
    assert not photo.is_public
    # Its address is no secret here, and still nothing public serves it.
    public_url = f"/phan-anh-kien-nghi/anh/{photo.name}"
    assert client.get(public_url).status_code == 404
    status = client.get(f"/phan-anh-kien-nghi/tra-cuu/{report.code}/").content.decode()
    assert "/phan-anh-kien-nghi/anh/" not in status
    report.public_title, report.publish_result = "Rác đầu ngõ", True
    report.save()
    report.change_status(Status.RESOLVED, note="Đã thu gom.")
    results = client.get("/phan-anh-kien-nghi/ket-qua/").content.decode()
    assert "Rác đầu ngõ" in results and "/phan-anh-kien-nghi/anh/" not in results

    # Staff of the ward who handle reports see it in the admin, never cached.
    admin_url = reverse("feedback_report:photo", args=[photo.pk])
    assert client.get(admin_url).status_code == 302  # to the admin's login
    client.force_login(handler(ward))
    edit = client.get(reverse("feedback_report:edit", args=[report.pk])).content.decode()
    assert admin_url in edit
    seen = client.get(admin_url)
    assert seen.status_code == 200
    assert seen["Content-Type"] == "image/jpeg"
    assert "no-store" in seen["Cache-Control"]
    assert b"".join(seen.streaming_content).startswith(b"\xff\xd8")
    # Not a member of staff of another ward, nor one who only reads the queue.
    other = ward_site("Xã Khác", slug="xa-khac", hostname="xakhac.example")
    client.force_login(handler(other, username="canbo-khac", email="khac@example.gov.vn"))
    assert client.get(admin_url).status_code == 404
    reader = handler(ward, username="chi-xem", email="xem@example.gov.vn", personal=False)
    reader.groups.first().permissions.remove(
        *reader.groups.first().permissions.filter(codename="change_feedbackreport")
    )
    client.force_login(reader)
    refused = client.get(admin_url)
    assert refused.status_code in (302, 403) and refused.get("Content-Type") != "image/jpeg"


PURGED = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        PURGED.append(url)


def test_row_20_a_photo_made_private_is_purged_from_the_caching_front(
    client, photo_root, ward, settings, django_capture_on_commit_callbacks
):
    """The front keeps public answers for minutes: staff taking a photo back off the public
    pages purges the photo and the results pages at once."""
    settings.WAGTAILFRONTENDCACHE = {
        "rec": {"BACKEND": "tests.test_feedback_privacy.RecordingBackend"}
    }
    # Setting up commits too (purges of one transaction go out together, after it commits).
    with django_capture_on_commit_callbacks(execute=True):
        report = feedback_helpers.make_report(ward, publish_result=True, public_title="Đèn hỏng")
        report.change_status(Status.RESOLVED, note="Đã thay bóng.")
        encoded = clean_photo(upload(jpeg_bytes()))
        photo = FeedbackPhoto(
            report=report, is_public=True, width=encoded.width, height=encoded.height
        )
        photo.file.save("anh.jpg", encoded.content_file(), save=False)
        photo.save()
    PURGED.clear()
    client.force_login(handler(ward))
    edit = reverse("feedback_report:edit", args=[report.pk])
    data = {
        "category": report.category_id,
        "urgency": report.urgency,
        "place": report.place_id or "",
        "public_title": report.public_title,
        "public_answer": report.public_answer,
        "publish_result": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(edit, data).status_code == 302
    photo.refresh_from_db()
    assert not photo.is_public
    assert any(url.endswith(f"/phan-anh-kien-nghi/anh/{photo.name}") for url in PURGED)
    assert any(url.endswith("/phan-anh-kien-nghi/ket-qua/*") for url in PURGED)

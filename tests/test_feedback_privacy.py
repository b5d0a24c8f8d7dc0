"""A report with a sentinel name, phone, e-mail, address and words, and a photo carrying GPS
EXIF: after it is handled and its result published, a crawl of every public URL (links from
the home page on, the sitemap, the RSS feed, search, the report's own pages) finds none of
them, and the stored photo has no EXIF."""

import re
from urllib.parse import urljoin, urlparse

import pytest
from PIL import Image

from feedback.models import FeedbackReport, Status
from tests import feedback_helpers
from tests.feedback_helpers import FORM_URL, form_data, jpeg_bytes, upload

photo_root = feedback_helpers.photo_root

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

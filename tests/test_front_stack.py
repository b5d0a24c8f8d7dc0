"""The real caching front (issue 17): `bin/stack.py start` (what `make stack` runs) on free loopback
ports, against this test's database, read through nginx as a visitor and an editor would.

Checks what the citizens depend on: a second visitor gets the cached copy, a signed-in request
and a POST never do, static files come compressed and immutable, uploads other than image
renditions are not served from disk, a citizen's photo only while staff keep it public, and an
editor's publish reaches the next anonymous visitor at once (the purge). `make stack-stop`
(``stop``) leaves nothing running.
"""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image as PILImage

from .test_startup import PRODUCTION_ENV
from .test_web_server import database_url, free_port

ROOT = Path(__file__).resolve().parent.parent
HOST = "localhost"  # the demo ward's site

pytestmark = [
    pytest.mark.skipif(
        not settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
        or not settings.REDIS_URL,
        reason="the production stack runs only on PostgreSQL and Redis",
    ),
]


def fetch(url, method="GET", data=None, **headers):
    request = urllib.request.Request(
        url, method=method, data=data, headers={"Host": HOST, **headers}
    )
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def stack(transactional_db, demo_ward, tmp_path):
    port, purge_port = free_port(), free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV
        and k not in ("DEBUG", "PYTEST_XDIST_WORKER", "PORTAL_REQUIRE_SERVICES")
    }
    env.update(PRODUCTION_ENV)
    env.update(
        {
            "DATABASE_URL": database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "ALLOWED_HOSTS": HOST,
            "PORT": str(port),
            "STACK_WEB_BIND": f"127.0.0.1:{free_port()}",
            "FRONT_PURGE_LISTEN": f"127.0.0.1:{purge_port}",
            "STACK_VAR": str(tmp_path / "var"),
            "FEEDBACK_PHOTO_ROOT": str(tmp_path / "feedback"),
            "WEB_CONCURRENCY": "1",
            "CELERY_CONCURRENCY": "1",
        }
    )
    env.pop("DJANGO_SETTINGS_MODULE")  # the stack chooses production itself

    def stack_py(action, timeout=240):
        return subprocess.run(
            [sys.executable, "bin/stack.py", action],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    started = stack_py("start")
    assert started.returncode == 0, started.stdout + started.stderr
    try:
        yield {
            "url": f"http://127.0.0.1:{port}",
            "purge": f"http://127.0.0.1:{purge_port}/_purge",
            "var": tmp_path / "var",
            "photos": tmp_path / "feedback",
        }
    finally:
        stopped = stack_py("stop", timeout=120)
        assert stopped.returncode == 0, stopped.stderr
        for name in ("web", "worker", "beat", "front"):
            assert not (tmp_path / "var" / "run" / f"{name}.pid").exists()
        assert stack_py("status").returncode == 1  # nothing of it is running


def test_the_front_caches_anonymous_pages_and_passes_the_rest_through(stack, settings):
    url = stack["url"]
    status, headers, body = fetch(f"{url}/thu-tuc-hanh-chinh/", **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["X-Cache"] in ("MISS", "EXPIRED")
    assert headers["Content-Encoding"] == "gzip"
    assert "Set-Cookie" not in headers
    status, headers, _ = fetch(f"{url}/thu-tuc-hanh-chinh/")
    assert (status, headers["X-Cache"]) == (200, "HIT")
    # Tracking parameters share the copy; a real query gets its own.
    assert fetch(f"{url}/thu-tuc-hanh-chinh/?utm_source=zalo")[1]["X-Cache"] == "HIT"
    assert fetch(f"{url}/thu-tuc-hanh-chinh/?q=dat")[1]["X-Cache"] == "MISS"
    # Signed in (the session cookie): never from the cache, never kept.
    status, headers, _ = fetch(f"{url}/thu-tuc-hanh-chinh/", Cookie="sessionid=x")
    assert headers["X-Cache"] == "BYPASS"
    assert "no-store" in headers["Cache-Control"]
    # The admin and QR short links are never kept.
    for path in ("/admin/login/", "/q/khong-co/"):
        fetch(f"{url}{path}")
        assert fetch(f"{url}{path}")[1]["X-Cache"] != "HIT", path
    # Static files: from disk, compressed, immutable.
    page = fetch(f"{url}/")[2].decode()
    css = page.split('href="/static/', 1)[1].split('"', 1)[0]
    status, headers, _ = fetch(f"{url}/static/{css}", **{"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    # Uploads other than image renditions are not served from disk (documents go through
    # Wagtail's serve view, which checks privacy).
    (stack["var"] / "media" / "documents").mkdir(parents=True, exist_ok=True)
    (stack["var"] / "media" / "documents" / "x.pdf").write_bytes(b"%PDF-1.4")
    assert fetch(f"{url}/media/documents/x.pdf")[0] == 404
    assert fetch(f"{url}/media/original_images/x.jpg")[0] == 404
    # Purges: on their own, unpublished port only; the key is rebuilt from Host and path.
    assert fetch(f"{url}/_purge/thu-tuc-hanh-chinh/")[0] == 404
    assert fetch(f"{url}/thu-tuc-hanh-chinh/")[1]["X-Cache"] == "HIT"
    assert fetch(f"{stack['purge']}/thu-tuc-hanh-chinh/")[0] == 200
    assert fetch(f"{url}/thu-tuc-hanh-chinh/")[1]["X-Cache"] == "MISS"


def test_an_editors_publish_reaches_the_next_visitor_through_the_front(stack, settings):
    from content.models import HomePage

    settings.WAGTAILFRONTENDCACHE = {
        "front": {
            "BACKEND": "content.front_purge.NginxFrontBackend",
            "LOCATION": stack["purge"],
            "CACHE_DIR": str(stack["var"] / "stack" / "cache"),
        }
    }
    url = stack["url"]
    home = HomePage.objects.get(depth=2)
    pillar = home.get_children().live().first().specific
    path = pillar.url_path[len(home.url_path) - 1 :]
    for target in (f"{url}/", f"{url}{path}", f"{url}{path}?trang=2"):
        fetch(target)
        assert fetch(target)[1]["X-Cache"] == "HIT", target
    pillar.title = "Tiêu đề vừa sửa"
    pillar.save_revision().publish()
    status, headers, body = fetch(f"{url}{path}")
    assert headers["X-Cache"] == "MISS"
    assert "Tiêu đề vừa sửa" in body.decode()
    assert fetch(f"{url}/")[1]["X-Cache"] == "MISS"  # the home page lists the pillars
    assert fetch(f"{url}{path}?trang=2")[1]["X-Cache"] == "MISS"  # a sub-path: the wildcard


def test_every_search_is_counted_also_when_the_front_answers_from_its_cache(stack):
    from django.utils import timezone

    from sitesearch.models import SearchQueryDay

    def today():
        return SearchQueryDay.objects.filter(query="khai sinh", day=timezone.localdate()).first()

    def counted():
        return today().count if today() else 0

    before = counted()  # the demo's own search log
    url = stack["url"]
    search = f"{url}/tim-kiem/?q=khai+sinh"
    answers = [fetch(search)[1]["X-Cache"] for _ in range(3)]
    assert answers[0] == "MISS" and answers[1:] == ["HIT", "HIT"]
    # The copy nginx sends the counter is answered while the visitor already has the page.
    for _ in range(50):
        if counted() == before + 3:
            break
        time.sleep(0.1)
    assert counted() == before + 3
    assert today().results > 0
    # The counter itself cannot be called from outside.
    assert fetch(f"{url}/tim-kiem/dem/?q=khai+sinh")[0] == 404
    time.sleep(0.5)
    assert counted() == before + 3


def front_purges_to(stack, settings):
    settings.WAGTAILFRONTENDCACHE = {
        "front": {
            "BACKEND": "content.front_purge.NginxFrontBackend",
            "LOCATION": stack["purge"],
            "CACHE_DIR": str(stack["var"] / "stack" / "cache"),
        }
    }


def test_row_19_the_front_serves_no_original_no_document_and_no_private_photo(
    stack, settings, client
):
    from feedback.models import FeedbackPhoto, FeedbackReport
    from feedback.photos import reencode
    from tests.test_feedback_admin import edit_data
    from tests.workflow_helpers import user

    url = stack["url"]
    media = stack["var"] / "media"
    for folder, name in (("original_images", "goc.jpg"), ("documents", "noi-bo.pdf")):
        (media / folder).mkdir(parents=True, exist_ok=True)
        (media / folder / name).write_bytes(b"%PDF-1.4 noi bo")
        for path in (
            f"/media/{folder}/{name}",
            f"/media/images/../{folder}/{name}",
            f"/media/images/%2e%2e/{folder}/{name}",
            f"/media//{folder}/{name}",
        ):
            assert fetch(f"{url}{path}")[0] == 404, path

    # A citizen's photo, on disk outside the media folder, reachable by no address while
    # private; public, then private again through the admin: the front forgets it at once.
    settings.FEEDBACK_PHOTO_ROOT = stack["photos"]
    front_purges_to(stack, settings)
    report = FeedbackReport.objects.filter(source="portal", publish_result=True).first()
    encoded = reencode(PILImage.new("RGB", (64, 48), (200, 50, 50)))
    photo = FeedbackPhoto(report=report, width=encoded.width, height=encoded.height)
    photo.file.save("anh.jpg", encoded.content_file(), save=False)
    photo.save()
    assert (stack["photos"] / photo.file.name).is_file()
    public = f"{url}/phan-anh-kien-nghi/anh/{photo.name}"
    for path in (public, f"{url}/media/../feedback/{photo.file.name}"):
        assert fetch(path)[0] == 404, path
    client.force_login(user("vanphong"))
    edit = reverse("feedback_report:edit", args=[report.pk])
    chosen = [p.pk for p in report.photos.all() if p.is_public] + [photo.pk]
    assert client.post(edit, edit_data(report, public_photos=chosen)).status_code == 302
    status, headers, body = fetch(public)
    assert (status, headers["Content-Type"]) == (200, "image/jpeg")
    assert fetch(public)[1]["X-Cache"] == "HIT"
    chosen.remove(photo.pk)
    assert client.post(edit, edit_data(report, public_photos=chosen)).status_code == 302
    status, headers, _ = fetch(public)
    assert status == 404
    assert headers.get("X-Cache") != "HIT"

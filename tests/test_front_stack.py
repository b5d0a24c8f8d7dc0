"""The real caching front (issue 17): `bin/stack.py start` (what `make stack` runs) on free loopback
ports, against this test's database, read through nginx as a visitor and an editor would.

Checks what the citizens depend on: a second visitor gets the cached copy, a signed-in request
and a POST never do, static files come compressed and immutable, uploads other than image
renditions are not served from disk, a citizen's photo only while staff keep it public, and an
editor's publish reaches the next anonymous visitor at once (the purge). `make stack-stop`
(``stop``) leaves nothing running.
"""

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
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


@contextlib.contextmanager
def running_stack(tmp_path, **extra):
    """The stack of `make stack` on free loopback ports, against this test's database."""
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
            **extra,
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


@pytest.fixture
def stack(transactional_db, demo_ward, tmp_path):
    with running_stack(tmp_path) as running:
        yield running


class DatabaseLine:
    """A TCP relay between the stack and PostgreSQL that the test can cut: the database then
    refuses every connection, as when its server is stopped (the test keeps its own)."""

    def __init__(self, target):
        self.target = target
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets = []
        self.open = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.open:
                client.close()
                return
            server = socket.create_connection(self.target)
            self.sockets += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def cut(self):
        self.open = False
        # Closing alone would not wake a thread blocked in accept(): shut it down first.
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()
        for end in self.sockets:
            with contextlib.suppress(OSError):
                end.shutdown(socket.SHUT_RDWR)
                end.close()


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

    front_purges_to(stack, settings)
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
    visitors = today().visitors if today() else 0
    url = stack["url"]
    search = f"{url}/tim-kiem/?q=khai+sinh"
    answers = [fetch(search, **{"User-Agent": "Phone A"})[1]["X-Cache"] for _ in range(3)]
    assert answers[0] == "MISS" and answers[1:] == ["HIT", "HIT"]
    assert fetch(search, **{"User-Agent": "Phone B"})[1]["X-Cache"] == "HIT"
    # The copy nginx sends the counter is answered while the visitor already has the page.
    for _ in range(50):
        if counted() == before + 4:
            break
        time.sleep(0.1)
    assert counted() == before + 4
    assert today().results > 0
    # Two phones: the copies carry the visitor's address and browser, each counted once.
    assert today().visitors == visitors + 2
    # The counter itself cannot be called from outside.
    assert fetch(f"{url}/tim-kiem/dem/?q=khai+sinh")[0] == 404
    time.sleep(0.5)
    assert counted() == before + 4


def test_a_record_changed_in_the_admin_reaches_the_next_visitor_through_the_worker(
    stack, settings, demo_ward
):
    """A health event is not a page: its change is purged by the stack's Celery worker."""
    from portal.celery import app
    from society.models import HealthEvent, HealthPage

    front_purges_to(stack, settings)
    url = stack["url"] + HealthPage.objects.live().first().url
    fetch(url)
    assert fetch(url)[1]["X-Cache"] == "HIT"
    event = HealthEvent.objects.upcoming(demo_ward).first()
    event.title = "Tiêm vắc xin sởi – đổi sang buổi chiều"
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False  # sent to the stack's worker, as in production
    try:
        event.save()
    finally:
        app.conf.task_always_eager = eager
    for _ in range(100):
        status, headers, body = fetch(url)
        if event.title in body.decode():
            break
        time.sleep(0.1)
    assert event.title in body.decode()


def test_row29_with_the_database_down_cached_pages_stay_up_and_a_report_is_kept(
    transactional_db, demo_ward, tmp_path, settings
):
    """Issue 23: with the database down every page was a 500 and a citizen's report was lost.
    Now the front serves its last copy of a page (proxy_cache_use_stale), a page it has none
    of is a Vietnamese 503, /healthz says 503, and a report sent is kept and later written."""
    from django.db import connection

    from feedback.forms import new_token
    from feedback.models import FeedbackCategory, FeedbackReport
    from feedback.spool import write_spooled

    db = connection.settings_dict
    line = DatabaseLine((db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432)))
    spool = tmp_path / "spool"
    through_line = database_url().replace(
        f"@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/", f"@127.0.0.1:{line.port}/"
    )
    form = {
        "category": str(FeedbackCategory.objects.filter(is_active=True).first().pk),
        "urgency": "thuong",
        "description": "Đèn đường hỏng từ tuần trước.",
        "contact_name": "Người Thử",
        "consent": "on",
        "website": "",
        "token": new_token(),
    }
    with running_stack(
        tmp_path,
        DATABASE_URL=through_line,
        FRONT_CACHE_S_MAXAGE="1",
        FRONT_CACHE_MAX_AGE="1",
        FEEDBACK_SPOOL_ROOT=str(spool),
    ) as stack:
        url = stack["url"]
        for path in ("/", "/phan-anh-kien-nghi/gui/"):
            assert fetch(f"{url}{path}")[0] == 200
        line.cut()
        time.sleep(2)  # both copies have expired
        for _ in range(3):
            for path in ("/", "/phan-anh-kien-nghi/gui/"):
                status, headers, body = fetch(f"{url}{path}")
                assert status == 200, (path, status)
                assert "<main" in body.decode()
                if path != "/":  # the home page renders from the kept parts, no query
                    assert headers["X-Cache"] in ("STALE", "UPDATING"), (path, headers["X-Cache"])
        status, headers, body = fetch(f"{url}/dieu-hanh-cong-khai/")  # never cached
        assert status == 503 and "Hệ thống tạm thời gián đoạn" in body.decode()
        assert fetch(f"{url}/healthz")[0] == 503
        status, _, body = fetch(
            f"{url}/phan-anh-kien-nghi/gui/",
            method="POST",
            data=urllib.parse.urlencode(form).encode(),
            Origin=f"http://{HOST}",
            **{"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert status == 202, body.decode()[:500]
        assert "Phản ánh của ông/bà đã được lưu lại" in body.decode()
    # The database is back (the test's own line never went down): written once.
    settings.FEEDBACK_SPOOL_ROOT = spool
    assert write_spooled() == {"written": 1, "refused": 0}
    assert FeedbackReport.objects.filter(description=form["description"]).count() == 1


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

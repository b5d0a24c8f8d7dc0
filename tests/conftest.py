"""Shared fixtures. In CI (PORTAL_REQUIRE_SERVICES=1) the suite refuses to run unless it is
on PostgreSQL and Redis, so that nothing silently falls back to SQLite or local memory."""

import io
import os

import pytest
from django.core.cache import cache
from django.core.management import call_command


def pytest_sessionstart(session):
    if os.environ.get("PORTAL_REQUIRE_SERVICES") != "1":
        return
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if engine != "django.db.backends.postgresql":
        pytest.exit(f"PORTAL_REQUIRE_SERVICES=1 but the database engine is {engine}", 1)
    from django.core.cache.backends.redis import RedisCache
    from django.utils.module_loading import import_string

    backend = settings.CACHES["default"]["BACKEND"]
    if not issubclass(import_string(backend), RedisCache):
        pytest.exit(f"PORTAL_REQUIRE_SERVICES=1 but the cache backend is {backend}", 1)
    import redis

    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        pytest.exit(f"Redis at {settings.REDIS_URL} is not reachable: {exc}", 1)


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (Wagtail caches site root paths there)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Each test stores uploads (images, forms) in its own folder, so file names never clash
    with what an earlier test left behind."""
    settings.MEDIA_ROOT = tmp_path / "media"
    # Feedback photos live outside MEDIA_ROOT (docs/feedback.md); the demo ward stores some.
    settings.FEEDBACK_PHOTO_ROOT = tmp_path / "feedback-photos"


@pytest.fixture
def demo_ward(db):
    """The demo ward of `seed_demo`: its Wagtail site, with settings, pillars and places, but
    empty procedures, governance and business pillars (their demo content takes seconds; see
    demo_procedures, demo_governance and demo_business)."""
    from wagtail.models import Site

    call_command(
        "seed_demo",
        "--without",
        "thu-tuc-hanh-chinh",
        "--without",
        "dieu-hanh-cong-khai",
        "--without",
        "doanh-nghiep",
        stdout=io.StringIO(),
    )
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def demo_procedures(demo_ward):
    """The demo ward with its procedures pillar filled (catalogue, guidance, FAQ, life events)."""
    from tthc.demo import seed
    from tthc.models import ProcedureIndexPage

    seed(ProcedureIndexPage.objects.get())
    return demo_ward


@pytest.fixture
def demo_governance(demo_ward):
    """The demo ward with its governance pillar filled (register, schedule, disclosures,
    announcements)."""
    from governance.demo import seed
    from governance.models import GovernancePage

    seed(GovernancePage.objects.get())
    return demo_ward


@pytest.fixture
def demo_business(demo_ward):
    """The demo ward with its five business guides (linked to the procedures and documents
    present: none, unless demo_procedures or demo_governance came first)."""
    from business.demo import seed
    from business.models import BusinessPage

    seed(BusinessPage.objects.get())
    return demo_ward

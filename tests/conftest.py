"""Shared fixtures. In CI (PORTAL_REQUIRE_SERVICES=1) the suite refuses to run unless it is
on PostgreSQL and Redis, so that nothing silently falls back to SQLite or local memory."""

import io
import os
import shutil

import pytest
from django.core.cache import cache
from django.core.management import call_command

from .db_states import database_state, state_of


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


# A test's uploads go here (under its tmp_path); a state's files are linked in (_db_state).
UPLOAD_SETTINGS = {"MEDIA_ROOT": "media", "FEEDBACK_PHOTO_ROOT": "feedback-photos"}
# The demo's parts that take seconds to seed and that most tests do without: the demo ward's
# state leaves them out, and each has a state of its own on top of it (its pillar's demo).
DEMO_PARTS = {
    "thu-tuc-hanh-chinh": ("tthc.demo.seed", "tthc.ProcedureIndexPage"),
    "dieu-hanh-cong-khai": ("governance.demo.seed", "governance.GovernancePage"),
    "doanh-nghiep": ("business.demo.seed", "business.BusinessPage"),
}


def _seed_part(slug):
    from django.apps import apps
    from django.utils.module_loading import import_string

    dotted, pillar = DEMO_PARTS[slug]
    import_string(dotted)(apps.get_model(pillar).objects.get())


@database_state()
def ward_state():
    """The demo ward without its procedures, governance and business demos."""
    without = [arg for slug in DEMO_PARTS for arg in ("--without", slug)]
    call_command("seed_demo", *without, stdout=io.StringIO())


@database_state(parent="ward_state")
def procedures_state():
    """The demo ward with its procedures pillar."""
    _seed_part("thu-tuc-hanh-chinh")


@database_state(parent="ward_state")
def governance_state():
    """The demo ward with its governance pillar."""
    _seed_part("dieu-hanh-cong-khai")


@database_state(parent="ward_state")
def business_state():
    """The demo ward with its business guides (and no procedures or documents to link)."""
    _seed_part("doanh-nghiep")


@database_state(parent="ward_state")
def two_wards_state():
    """The demo ward and a second ward beside it (tests/second_ward.py)."""
    from .second_ward import build_second_ward

    build_second_ward()


@database_state()
def full_state():
    """Everything `seed_demo` makes, run as the command runs."""
    call_command("seed_demo", stdout=io.StringIO())


def _shared_folder(config):
    """A folder every process of the run sees: pytest's base temporary folder (each
    pytest-xdist worker's own is inside the controller's)."""
    base = config._tmp_path_factory.getbasetemp()
    return base.parent if hasattr(config, "workerinput") else base


@pytest.fixture(scope="session")
def _state_files(request):
    """Each state's uploads, written once, when the state was built."""
    root = _shared_folder(request.config) / "state-files"
    return lambda state: {name: root / state / folder for name, folder in UPLOAD_SETTINGS.items()}


def pytest_sessionfinish(session):
    """The controller (or the only process) drops the run's pristine databases, last."""
    if hasattr(session.config, "workerinput") or not hasattr(session.config, "_tmp_path_factory"):
        return
    from pytest_django.plugin import blocking_manager_key

    from .db_states import drop_pristine_copies

    with session.config.stash[blocking_manager_key].unblock():
        drop_pristine_copies(_shared_folder(session.config))


@pytest.fixture(scope="session")
def django_db_setup(request, django_db_setup, django_db_blocker, _state_files):
    """pytest-django's test database is the ``empty`` state; the other states are made beside
    it the first time a test asks for one (tests/db_states.py)."""
    from django.db import connection
    from django.test.utils import override_settings

    from .db_states import STATES, State, StateSwitch

    def with_files(name, recipe):
        """The state's recipe, run with uploads in a folder of the state's own, which starts
        as a copy of its parent's."""

        def build():
            files = _state_files(name)
            for setting, folder in _state_files(recipe.parent).items():
                if folder.exists():
                    shutil.copytree(folder, files[setting], copy_function=os.link)
            with override_settings(**files):
                recipe.build()

        return State(recipe.parent, build)

    with django_db_blocker.unblock():
        states = {name: with_files(name, recipe) for name, recipe in STATES.items()}
        switch = StateSwitch(_shared_folder(request.config), states)
        # A test that committed gets its state copied back from the pristine copy
        # (StateSwitch.use), not restored from serialized contents: Django's serialized
        # rollback has nothing to load, and the flush after such a test skips post_migrate.
        connection._test_serialized_contents = "[]"
    yield switch
    with django_db_blocker.unblock():
        switch.close()


@pytest.fixture
def _db_state(request, django_db_setup, django_db_blocker, tmp_path, _state_files):
    """Points the connection at the test's state before its transaction begins, and links the
    state's uploads into the test's own upload folders."""
    state = state_of(request.fixturenames)
    with django_db_blocker.unblock():
        django_db_setup.use(state)
    if state != "empty":
        for name, source in _state_files(state).items():
            if source.exists():
                shutil.copytree(source, tmp_path / UPLOAD_SETTINGS[name], copy_function=os.link)
    return state


@pytest.fixture
def _django_db_helper(_db_state, django_db_setup, request, _django_db_helper):
    """pytest-django's per-test database set-up (a transaction rolled back, or a flush for
    transactional tests), run on the state ``_db_state`` chose. Overridden here because every
    way a test reaches the database (``db``, ``transactional_db``, the ``django_db`` mark, the
    live server) goes through it; pytest-django's own code runs unchanged."""
    yield
    marker = request.node.get_closest_marker("django_db")
    committed = (
        "transactional_db" in request.fixturenames
        or "live_server" in request.fixturenames
        or (marker is not None and bool(marker.kwargs.get("transaction")))
    )
    if committed:
        django_db_setup.mark_dirty()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (Wagtail caches site root paths there)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Each test stores uploads (images, forms) in its own folder, so file names never clash
    with what an earlier test left behind; a demo state's files are linked in (``_db_state``).
    Feedback photos live outside MEDIA_ROOT (docs/feedback.md); the demo ward stores some."""
    for name, folder in UPLOAD_SETTINGS.items():
        setattr(settings, name, tmp_path / folder)


@pytest.fixture
def demo_ward(ward_state):
    """The demo ward of `seed_demo` on the default site: settings, pillars, places, accounts,
    workflows, pages at every step, feedback, society and dashboard demos, but empty
    procedures, governance and business pillars (``demo_procedures``, ``demo_governance`` and
    ``demo_business`` fill one of them; ``demo_full`` is everything). Built once per run; each
    test's changes are rolled back."""
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def second_ward(two_wards_state, demo_ward):
    """A second ward beside the demo ward (which stays the default site): its site at
    phuong-b.localhost, pillars, places, groups and one account per role ("b-chuyenmon" …),
    and the city's read-only account "thanhpho" (tests/second_ward.py)."""
    from wagtail.models import Site

    from .second_ward import HOSTNAME

    return Site.objects.get(hostname=HOSTNAME)


@pytest.fixture
def demo_procedures(procedures_state, demo_ward):
    """The demo ward with its procedures pillar filled (catalogue, guidance, FAQ, life events)."""
    return demo_ward


@pytest.fixture
def demo_governance(governance_state, demo_ward):
    """The demo ward with its governance pillar filled (register, schedule, disclosures,
    announcements)."""
    return demo_ward


@pytest.fixture
def demo_business(business_state, demo_ward):
    """The demo ward with its five business guides (linked to no procedure or document: the
    procedures and governance pillars are empty in this state)."""
    return demo_ward


@pytest.fixture
def demo_full(full_state):
    """Everything `seed_demo` makes, run as the command runs (the demo `make run` serves)."""
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)

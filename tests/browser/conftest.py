"""Browser fixtures: Debian's chromium driven by Playwright's sync API against the live server.

One browser for all the browser tests; a fresh context and page for every test. Playwright never
downloads a browser here: the chromium binary comes from the system (env ``CHROMIUM``, default
``/usr/bin/chromium``), and a missing binary fails the tests instead of skipping them.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A mid-range Android phone, the device most citizens reach the portal with.
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "vi-VN",
}
# WCAG 1.4.10 (reflow): a 1280 px wide desktop window zoomed to 400 % is 320 CSS px wide.
REFLOW = {
    "viewport": {"width": 320, "height": 256},
    "device_scale_factor": 1,
    "locale": "vi-VN",
}
TIMEOUT_MS = 10_000
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "var" / "screenshots"


def chromium_problem():
    """Why the configured chromium cannot be used, or None when it looks usable."""
    path = shutil.which(CHROMIUM)
    if path is None:
        return (
            f"Chromium not found at {CHROMIUM!r}. Install Debian's package (`make chromium` "
            "or `apt-get install chromium`) or point the CHROMIUM environment variable at a "
            "chromium binary. The browser tests never download one (no `playwright install`)."
        )
    return None


@pytest.fixture(scope="package")
def browser():
    """The browser, for the tests of this package only.

    Playwright's sync API keeps an asyncio event loop running in the main thread while it is
    started, so Django takes the thread for an async one: it refuses ORM calls (the seeding in
    fixtures) unless DJANGO_ALLOW_ASYNC_UNSAFE is set, and keeps its connections in a separate
    store. Both last only as long as this fixture: the variable must not leak into the rest of
    the session (``manage.py check --deploy`` in tests/test_startup.py warns about it).
    """
    problem = chromium_problem()
    if problem:
        pytest.fail(problem, pytrace=False)
    from django.db import connections
    from playwright.sync_api import Error, sync_playwright

    opened = connections.all()
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            # Hand the connections opened so far over to the "async" store: pytest-django
            # keeps state on them (the test database's name, the contents that serialized
            # rollback restores).
            for connection in opened:
                connections[connection.alias] = connection
            try:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
                )
            except Error as exc:
                pytest.fail(f"Chromium at {CHROMIUM!r} did not start: {exc}", pytrace=False)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture
def site_url(transactional_db, django_db_serialized_rollback, live_server, demo_ward):
    """The live server's URL, serving the seeded demo ward.

    The live server answers from another thread, so the test runs on a transactional database:
    what it writes is committed, and the demo state is copied back from its pristine copy
    before the next test uses it (tests/db_states.py). Serialized rollback is asked for only
    because it spares the flush after the test Django's post_migrate work; the suite gives it
    nothing to load. The demo site is the default site, so the live server's address, whatever
    its port, reaches it.
    """
    return live_server.url


def _context(browser, site_url, **options):
    context = browser.new_context(base_url=site_url, **options)
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def phone_context(browser, site_url):
    """A phone-sized browser context, for tests that open a fresh page per URL."""
    context = _context(browser, site_url, **PHONE)
    yield context
    context.close()


@pytest.fixture
def phone_page(phone_context):
    """A page in a phone-sized browser context."""
    return phone_context.new_page()


@pytest.fixture
def phone_page_without_js(browser, site_url):
    """A page in a phone-sized browser context with JavaScript switched off."""
    context = _context(browser, site_url, java_script_enabled=False, **PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture
def reflow_page(browser, site_url):
    """A page 320 CSS px wide: a desktop browser window zoomed to 400 %."""
    context = _context(browser, site_url, **REFLOW)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def screenshot_dir():
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR

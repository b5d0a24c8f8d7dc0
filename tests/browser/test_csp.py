"""The Content-Security-Policy in a real browser: chromium reports no violation, on one page of
each public page type of the full demo (the hot spot map included) nor on the admin pages a
portal admin works in (dashboard, explorer, the edit view of each page type, a chooser and the
live preview). Violations are caught both as ``securitypolicyviolation`` events and as
console messages (portal/csp.py; docs/operations.md, "Security headers").

Row 14 of section (b) of the reliability checklist (an enforced CSP), walked in a browser.
"""

import pytest
from wagtail.models import Page, Site

from tests import test_query_budget

from .conftest import _context
from .test_health_pages import offline_tiles

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("demo_full")]

LISTEN = """
document.addEventListener("securitypolicyviolation", (e) => {
    (window.__csp = window.__csp || []).push(
        `${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`
    );
});
"""
PASSWORD = "csp-browser-password-1"


@pytest.fixture
def full_site_url(transactional_db, django_db_serialized_rollback, live_server, demo_full):
    """The live server serving the full demo (every pillar), on the default site."""
    return live_server.url


@pytest.fixture
def watched(browser, full_site_url):
    """A desktop-sized context whose pages record every CSP violation and console report."""
    context = _context(browser, full_site_url, viewport={"width": 1280, "height": 900})
    offline_tiles(context)
    context.add_init_script(LISTEN)
    console = []

    def new_page():
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                console.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        return page

    yield new_page, console
    context.close()


def violations(page, console):
    found = page.evaluate("window.__csp || []") + console
    console.clear()
    return found


def visit(page, path):
    response = page.goto(path, wait_until="networkidle")
    assert response is not None and response.status in (200, 404), (path, response)


def test_public_pages_raise_no_csp_violation(watched):
    new_page, console = watched
    site = Site.objects.get(is_default_site=True)
    named = test_query_budget.urls(site)
    html = {
        name: url
        for name, url in named.items()
        if not url.endswith(("rss/", "ical/", "csv/", ".xml"))
    }
    html["404"] = "/khong-co-trang-nay/"
    page = new_page()
    problems = {}
    for name, url in html.items():
        visit(page, url)
        if name == "HotSpotPage":
            page.wait_for_selector("#hotspot-map[data-ready=true]")
        found = violations(page, console)
        if found:
            problems[url] = found
    assert not problems, problems
    assert "HotSpotPage" in html


def test_the_admin_raises_no_csp_violation(watched, django_user_model):
    new_page, console = watched
    django_user_model.objects.create_superuser("csp-browser", password=PASSWORD)
    page = new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", "csp-browser")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    paths = ["/admin/", "/admin/pages/", "/admin/images/", "/admin/documents/", "/admin/users/"]
    edited = {}
    for each in Page.objects.live().specific().order_by("depth", "path"):
        edited.setdefault(type(each).__name__, each.pk)
    paths += [f"/admin/pages/{pk}/edit/" for pk in edited.values()]
    paths += [f"/admin/pages/{pk}/" for pk in list(edited.values())[:5]]
    problems = {}
    for path in paths:
        visit(page, path)
        found = violations(page, console)
        if found:
            problems[path] = found
    # A chooser modal (its markup arrives later, by fetch) and the live preview panel.
    visit(page, f"/admin/pages/{edited['StandardPage']}/edit/")
    page.locator("[role=tab]").nth(2).click()
    page.locator("button[data-chooser-action-choose]:visible").first.click()
    page.wait_for_selector(".modal-content")
    page.wait_for_load_state("networkidle")
    page.locator(".modal [data-dismiss='modal']").first.click()
    page.wait_for_selector(".modal-content", state="detached")
    page.locator("[data-side-panel-toggle='preview']").first.click()
    page.wait_for_selector("iframe#w-preview-iframe, .w-preview__iframe")
    page.wait_for_load_state("networkidle")
    found = violations(page, console)
    if found:
        problems["chooser and preview"] = found
    assert not problems, problems
    assert len(edited) > 25

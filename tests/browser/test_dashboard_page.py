"""The dashboard in a real browser: at a phone's size with the baseline of seed 000 it passes
the checks of every public page (axe-core, one h1, skip link, no sideways scrolling), and the
period selector works without JavaScript."""

import pytest

from tests.dashboard_helpers import load_baseline

from .conftest import PHONE, _context
from .test_public_pages import check_public_page, open_page

pytestmark = pytest.mark.browser


@pytest.fixture
def baseline(demo_ward):
    load_baseline(demo_ward)
    return demo_ward


def test_the_dashboard_on_a_phone_passes_the_public_page_checks(
    browser, site_url, baseline, screenshot_dir
):
    context = _context(browser, site_url, **PHONE)
    page = context.new_page()
    try:
        check_public_page(
            page, "/so-lieu/?tu=2025-07&den=2025-11", "vi", screenshot_dir, "so-lieu-360.png"
        )
    finally:
        context.close()


def test_the_period_selector_works_without_javascript(browser, site_url, baseline):
    context = _context(browser, site_url, java_script_enabled=False, **PHONE)
    page = context.new_page()
    try:
        open_page(page, "/so-lieu/")
        assert "Tháng 11/2025" in page.locator(".dashboard__period").inner_text()
        page.get_by_label("Từ tháng").select_option(value="2025-07")
        page.get_by_label("Đến tháng").select_option(value="2025-11")
        page.get_by_role("button", name="Xem số liệu").click()
        assert "tu=2025-07" in page.url and "den=2025-11" in page.url
        assert "Tháng 7–11/2025" in page.locator(".dashboard__period").inner_text()
        online = page.locator(".kpi-card", has_text="Tỷ lệ hồ sơ nộp trực tuyến")
        assert "65,77 %" in online.inner_text()
    finally:
        context.close()

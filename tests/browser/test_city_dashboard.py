"""The city's dashboard in a real browser: at a phone's size it passes the checks of every
public page (axe-core, one h1, skip link, no sideways scrolling), the wards' table sorts and
the spread's KPI is chosen without JavaScript; screenshots at 360 px and 1280 px."""

import pytest
from wagtail.models import Site

from content.demo.wards import name_of
from dashboard.demo import seed_light
from dashboard.models import Reading
from tests.city_helpers import CITY_HOST, bare_ward, make_city

from .conftest import PHONE, _context
from .test_public_pages import check_public_page, open_page

pytestmark = pytest.mark.browser

# Twelve light wards: the demo's ten names, then its numbered ones.
WARDS = 12


@pytest.fixture
def city_url(site_url):
    """The live server's address on the city's host (chromium sends *.localhost to the
    loopback), with the city and twelve light wards of the demo beside the demo ward."""
    Reading.objects.all().delete()
    make_city()
    for number in range(1, WARDS + 1):
        seed_light(bare_ward(number, f"Phường {name_of(number)}"), number)
    port = site_url.rsplit(":", 1)[1]
    assert Site.objects.filter(hostname=CITY_HOST).exists()
    return f"http://{CITY_HOST}:{port}"


def test_the_city_dashboard_on_a_phone_passes_the_public_page_checks(
    browser, city_url, screenshot_dir
):
    context = _context(browser, city_url, **PHONE)
    page = context.new_page()
    try:
        check_public_page(page, "/so-lieu/", "vi", screenshot_dir, "so-lieu-thanh-pho-360.png")
    finally:
        context.close()


def test_the_table_sorts_and_the_spread_changes_without_javascript(
    browser, city_url, screenshot_dir
):
    context = _context(
        browser, city_url, java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        open_page(page, "/so-lieu/")
        page.screenshot(path=screenshot_dir / "so-lieu-thanh-pho-1280.png", full_page=True)
        page.locator("#bang-phuong-xa").scroll_into_view_if_needed()
        header = page.locator(".city-table thead a", has_text="Tỷ lệ hồ sơ nộp trực tuyến")
        header.click()
        assert "sap-xep=-online_rate" in page.url
        cells = page.locator(".city-table tbody tr td:nth-of-type(2)").all_inner_texts()
        # The online rates, highest first; the demo ward (no figures here) goes last.
        rates = [
            float(text.split("%")[0].strip().replace(",", ".")) for text in cells if "%" in text
        ]
        assert len(rates) == WARDS and rates == sorted(rates, reverse=True)
        assert cells[-1] == "—"
        page.locator(".city-table thead a", has_text="Tỷ lệ hồ sơ nộp trực tuyến").click()
        assert "sap-xep=online_rate" in page.url
        page.locator("select[name=chi-so]").select_option(value="satisfaction_rate")
        page.get_by_role("button", name="Xem", exact=True).click()
        assert "chi-so=satisfaction_rate" in page.url
        assert "Tỷ lệ người dân hài lòng" in page.locator("#spread-title + form + p").inner_text()
    finally:
        context.close()

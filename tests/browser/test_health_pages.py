"""The health pages in a real browser at phone width, with the demo content: the schedule of a
residential group and the hot spots pass the checks of every public page (axe-core, one h1,
skip link, no sideways scrolling); the place form and the hot spot list work without
JavaScript; with JavaScript the map starts while the list stays. Tile requests never leave the
machine (they are answered with an empty image), so the map shows its markers on a blank
background. Screenshots are left in var/screenshots/."""

import base64

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, _context
from .test_public_pages import check_public_page, open_page

pytestmark = pytest.mark.browser

SCHEDULE = "/van-hoa-xa-hoi/y-te/"
HOT_SPOTS = "/van-hoa-xa-hoi/y-te/diem-dich/"
TILES = "https://tile.openstreetmap.org/**"
# A 1×1 transparent PNG, served for every map tile.
BLANK_TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


def offline_tiles(context):
    context.route(
        TILES, lambda route: route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)
    )


@pytest.fixture
def phone(browser, site_url):
    context = _context(browser, site_url, **PHONE)
    offline_tiles(context)
    yield context
    context.close()


@pytest.fixture
def phone_without_js(browser, site_url):
    context = _context(browser, site_url, java_script_enabled=False, **PHONE)
    yield context
    context.close()


def test_health_pages_on_a_phone(phone, screenshot_dir, subtests):
    pages = [
        (f"{SCHEDULE}?to-dan-pho=tdp-12", "y-te-lich-360.png"),
        (SCHEDULE, None),
        (HOT_SPOTS, "y-te-diem-dich-360.png"),
    ]
    for path, screenshot in pages:
        with subtests.test(path=path):
            page = phone.new_page()
            try:
                if path == HOT_SPOTS:
                    # The screenshot waits for the map to draw.
                    open_page(page, path)
                    expect(page.locator("#hotspot-map[data-ready=true]")).to_be_visible()
                    page.screenshot(path=screenshot_dir / screenshot, full_page=True)
                    screenshot = None
                check_public_page(page, path, "vi", screenshot_dir, screenshot)
            finally:
                page.close()


def test_the_schedule_of_my_group_without_javascript(phone_without_js):
    page = phone_without_js.new_page()
    open_page(page, SCHEDULE)
    page.get_by_label("Tổ dân phố của bạn").select_option(value="tdp-12")
    page.get_by_role("button", name="Xem lịch").click()
    page.wait_for_url("**/y-te/?to-dan-pho=tdp-12")
    expect(page.get_by_role("heading", level=2, name="Tổ dân phố số 12")).to_be_visible()
    expect(
        page.get_by_text("Phun thuốc diệt muỗi đợt 2 khu vực ổ dịch sốt xuất huyết")
    ).to_be_visible()
    expect(page.get_by_text("Khám sức khỏe định kỳ cho người cao tuổi")).to_have_count(0)
    # The way to the hot spots, and their list, need no script either.
    page.get_by_role("link", name="Xem các điểm dịch và khuyến cáo").click()
    page.wait_for_url(f"**{HOT_SPOTS}")
    expect(page.locator(".hotspot")).to_have_count(2)
    expect(page.locator(".hotspot").first).to_contain_text("Sốt xuất huyết")
    expect(page.locator("#hotspot-map")).to_be_hidden()


def test_the_map_starts_with_javascript_and_the_list_stays(phone):
    page = phone.new_page()
    open_page(page, HOT_SPOTS)
    hot_map = page.locator("#hotspot-map")
    expect(hot_map).to_have_attribute("data-ready", "true")
    expect(hot_map).to_be_visible()
    expect(hot_map.locator(".leaflet-interactive")).to_have_count(2)
    expect(hot_map.locator(".leaflet-control-attribution")).to_contain_text("OpenStreetMap")
    expect(page.locator(".hotspot")).to_have_count(2)
    # A marker's popup links to its entry in the list.
    hot_map.locator(".leaflet-interactive").first.click(force=True)
    link = hot_map.locator(".leaflet-popup-content a")
    expect(link).to_have_attribute("href", "#" + page.locator(".hotspot").first.get_attribute("id"))

"""The governance pillar in a real browser at the size of a citizen's phone, with the demo
content: the register, a document, the schedule, the disclosures and a beneficiary list pass
the checks of every public page (axe-core, one h1, skip link, no sideways scrolling); the
register's filters work without JavaScript. Screenshots are left in var/screenshots/."""

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, _context
from .test_public_pages import check_public_page, open_page

pytestmark = pytest.mark.browser

PAGES = [
    ("/dieu-hanh-cong-khai/", "dieu-hanh-360.png"),
    ("/dieu-hanh-cong-khai/van-ban/", "van-ban-360.png"),
    ("/dieu-hanh-cong-khai/van-ban/?loai=quyet-dinh&tinh-trang=bi-thay-the", None),
    ("/dieu-hanh-cong-khai/van-ban/01-2025-qd-ubnd/", "van-ban-bi-thay-the-360.png"),
    ("/dieu-hanh-cong-khai/lich-cong-tac/", "lich-cong-tac-360.png"),
    ("/dieu-hanh-cong-khai/cong-khai/", "cong-khai-360.png"),
    (
        "/dieu-hanh-cong-khai/cong-khai/danh-sach-tro-cap-xa-hoi-thang-12-2026/",
        "danh-sach-thu-huong-360.png",
    ),
    ("/dieu-hanh-cong-khai/cong-khai/lay-y-kien-quy-hoach-vuon-hoa-to-9/", None),
    ("/dieu-hanh-cong-khai/thong-bao-ke-hoach/", "thong-bao-360.png"),
    ("/dieu-hanh-cong-khai/thong-bao-ke-hoach/ke-hoach-tong-ve-sinh-moi-truong-thang-12/", None),
]


@pytest.fixture
def phone(browser, site_url, demo_governance):
    context = _context(browser, site_url, **PHONE)
    yield context
    context.close()


def test_governance_pages_on_a_phone(phone, screenshot_dir, subtests):
    for path, screenshot in PAGES:
        with subtests.test(path=path):
            page = phone.new_page()
            try:
                check_public_page(page, path, "vi", screenshot_dir, screenshot)
            finally:
                page.close()


def test_register_filters_and_number_search_work_without_javascript(
    browser, site_url, demo_governance
):
    context = _context(browser, site_url, java_script_enabled=False, **PHONE)
    page = context.new_page()
    open_page(page, "/dieu-hanh-cong-khai/van-ban/")
    # The filters other than the number fold away on a phone, open with a tap (no script).
    expect(page.locator("#filter-type")).to_be_hidden()
    page.get_by_text("Lọc theo loại, năm, cơ quan ban hành, tình trạng").click()
    page.locator("#filter-type").select_option(value="ke-hoach")
    page.locator("#filter-year").select_option(value="2026")
    page.get_by_role("button", name="Tìm văn bản").click()
    assert "loai=ke-hoach" in page.url and "nam=2026" in page.url
    expect(page.locator(".filters__summary")).to_have_text("2 văn bản khớp điều kiện tìm.")
    expect(page.locator(".register__item")).to_have_count(2)
    expect(page.locator("#filter-type")).to_be_visible()  # open again, showing the choices

    page.locator("#filter-number").fill("08/2026/QD-UBND")
    page.locator("#filter-type").select_option(value="")
    page.locator("#filter-year").select_option(value="")
    page.get_by_role("button", name="Tìm văn bản").click()
    assert page.url.endswith("/dieu-hanh-cong-khai/van-ban/08-2026-qd-ubnd/")
    expect(page.locator(".page-header__kicker")).to_have_text("Quyết định số 08/2026/QĐ-UBND")
    context.close()

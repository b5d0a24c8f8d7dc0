"""Education and welfare pages in a real browser at the size of a citizen's phone, with the
demo content: they pass the checks of every public page (axe-core, one h1, skip link, no
sideways scrolling), and the school look-up works with JavaScript turned off. Screenshots are
left in var/screenshots/."""

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, _context
from .test_public_pages import check_public_page, open_page

pytestmark = pytest.mark.browser

PAGES = [
    ("/van-hoa-xa-hoi/giao-duc/", "giao-duc-360.png"),
    ("/van-hoa-xa-hoi/giao-duc/?to-dan-pho=tdp-40", None),
    ("/van-hoa-xa-hoi/giao-duc/?to-dan-pho=khong-co", None),
    ("/van-hoa-xa-hoi/chinh-sach-xa-hoi/", "chinh-sach-xa-hoi-360.png"),
    ("/van-hoa-xa-hoi/chinh-sach-xa-hoi/tro-cap-huu-tri-xa-hoi/", None),
]


def test_society_pages_on_a_phone(phone_context, screenshot_dir, subtests):
    for path, screenshot in PAGES:
        with subtests.test(path=path):
            page = phone_context.new_page()
            try:
                check_public_page(page, path, "vi", screenshot_dir, screenshot)
            finally:
                page.close()


def test_the_school_look_up_works_without_javascript(browser, site_url, screenshot_dir):
    context = _context(browser, site_url, java_script_enabled=False, **PHONE)
    page = context.new_page()
    open_page(page, "/van-hoa-xa-hoi/giao-duc/")
    page.locator("#lookup-place").select_option(value="tdp-40")
    page.get_by_role("button", name="Xem trường").click()
    assert "to-dan-pho=tdp-40" in page.url
    answer = page.locator("#ket-qua")
    expect(answer).to_contain_text("Tổ dân phố số 40")
    expect(answer).to_contain_text("Trường Mầm non Mỹ Đình")
    expect(answer).to_contain_text("Trường Tiểu học Mỹ Đình")
    expect(answer).to_contain_text("Trường THCS Mỹ Đình")
    expect(answer).to_be_in_viewport()  # the form's #ket-qua anchor brings the answer into view
    page.screenshot(path=screenshot_dir / "tra-cuu-truong-hoc-360.png")
    context.close()

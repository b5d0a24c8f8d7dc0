"""The procedures pillar in a real browser, at the size of a citizen's phone, with the demo
catalogue: the index, a procedure, the FAQ library and a life event pass the checks of every
public page (axe-core, one h1, skip link, no sideways scrolling), and a procedure answers
time, fee, where and online before the citizen scrolls. Screenshots are left in
var/screenshots/ for a human to look at."""

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, _context
from .test_public_pages import check_public_page, open_page

pytestmark = pytest.mark.browser

BIRTH = "/thu-tuc-hanh-chinh/ma/1.001193/"
PAGES = [
    ("/thu-tuc-hanh-chinh/", "thu-tuc-index-360.png"),
    ("/thu-tuc-hanh-chinh/?linh-vuc=ho-tich&muc-do=toan-trinh", None),
    (BIRTH, "thu-tuc-khai-sinh-360.png"),
    ("/thu-tuc-hanh-chinh/cau-hoi-thuong-gap/", "hoi-dap-360.png"),
    ("/thu-tuc-hanh-chinh/su-kien-cuoc-doi/sinh-con/", "su-kien-sinh-con-360.png"),
    ("/thu-tuc-hanh-chinh/nop-ho-so-truc-tuyen/", "nop-truc-tuyen-360.png"),
    # Site search over the same content (tests/test_search.py holds its logic).
    ("/tim-kiem/?q=dang+ky+khai+sinh", "tim-kiem-360.png"),
    ("/tim-kiem/?q=dang+ky&loai=thu-tuc&linh-vuc=ho-tich", None),
    ("/tim-kiem/?q=m%C3%A1y+bay+tr%E1%BB%B1c+th%C4%83ng", "tim-kiem-khong-co-ket-qua-360.png"),
]


@pytest.fixture
def phone(browser, site_url, demo_procedures):
    context = _context(browser, site_url, **PHONE)
    yield context
    context.close()


def test_procedure_pages_on_a_phone(phone, screenshot_dir, subtests):
    for path, screenshot in PAGES:
        with subtests.test(path=path):
            page = phone.new_page()
            try:
                check_public_page(page, path, "vi", screenshot_dir, screenshot)
            finally:
                page.close()


def test_the_glance_box_answers_before_scrolling(phone):
    page = phone.new_page()
    open_page(page, BIRTH)
    viewport = PHONE["viewport"]["height"]
    glance = page.locator(".glance")
    for label, value in [
        ("Thời gian", "Trong ngày"),
        ("Lệ phí", "Miễn phí"),
        ("Nộp ở đâu", "Bộ phận Một cửa"),
        ("Trực tuyến", "Trực tuyến toàn trình"),
    ]:
        item = glance.locator(".glance__item").filter(has=page.get_by_text(label, exact=True))
        expect(item.locator(".glance__value")).to_contain_text(value)
        assert item.bounding_box()["y"] + item.bounding_box()["height"] <= viewport, label
    button = glance.get_by_role("link", name="Nộp hồ sơ trực tuyến")
    expect(button).to_have_attribute(
        "href",
        "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193",
    )
    box = button.bounding_box()
    assert box["y"] + box["height"] <= viewport, "the online filing button is below the fold"
    assert box["height"] >= 44, "the button is too small a target for a thumb"


def test_forms_open_blank_and_filled_in(phone):
    page = phone.new_page()
    open_page(page, BIRTH)
    forms = page.locator("#bieu-mau")
    blank = forms.get_by_role("link", name="Mẫu trắng").first
    sample = forms.get_by_role("link", name="Mẫu đã điền sẵn").first
    for link in (blank, sample):
        response = page.request.get(link.get_attribute("href"))
        assert response.status == 200
        assert response.body().startswith(b"%PDF")


def test_index_filters_work_without_javascript(browser, site_url, demo_procedures):
    context = _context(browser, site_url, java_script_enabled=False, **PHONE)
    page = context.new_page()
    open_page(page, "/thu-tuc-hanh-chinh/")
    field = page.locator("#filter-field")
    option = field.locator("option", has_text="Chứng thực").first
    count = int(option.inner_text().rsplit("(", 1)[1].rstrip(")"))
    field.select_option(value=option.get_attribute("value"))
    page.get_by_role("button", name="Lọc").click()
    assert "linh-vuc=chung-thuc" in page.url
    expect(page.locator(".filters__summary")).to_have_text(
        f"{count} thủ tục thuộc lĩnh vực Chứng thực."
    )
    expect(page.locator(".proc-list .proc-list__item")).to_have_count(count)
    context.close()


def test_search_suggests_while_typing_and_works_without_javascript(
    browser, site_url, demo_procedures
):
    phone = _context(browser, site_url, **PHONE)
    page = phone.new_page()
    open_page(page, "/")
    box = page.get_by_label("Tìm thủ tục, biểu mẫu, văn bản, câu hỏi")
    box.press_sequentially("khai si", delay=30)
    suggestion = page.locator(".search-suggest__list a").first
    expect(suggestion).to_contain_text("Làm giấy khai sinh cho con")
    expect(page.locator(".search-suggest__status")).to_contain_text("gợi ý")
    suggestion.click()
    expect(page).to_have_url(site_url + "/thu-tuc-hanh-chinh/thu-tuc-dang-ky-khai-sinh/")
    phone.close()

    no_js = _context(browser, site_url, java_script_enabled=False, **PHONE)
    page = no_js.new_page()
    open_page(page, "/")
    page.get_by_label("Tìm thủ tục, biểu mẫu, văn bản, câu hỏi").fill("DANG KI KET HON")
    page.get_by_role("button", name="Tìm").click()
    expect(page.locator("h1")).to_have_text("Tìm kiếm")
    expect(page.locator(".search-results a").first).to_contain_text("Đăng ký kết hôn")
    page.get_by_role("link", name="Hỏi – đáp").click()
    assert "loai=hoi-dap" in page.url
    expect(page.locator(".search-result__kind").first).to_contain_text("Hỏi – đáp")
    no_js.close()

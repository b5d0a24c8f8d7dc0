"""The feedback pillar in a real browser on a phone, JavaScript off: a citizen fills in the
form, ticks the consent, sends, keeps the tracking code and looks it up. The form, the
confirmation, the status page and the results pass the checks of every public page;
screenshots go to var/screenshots/."""

import re

import pytest
from playwright.sync_api import expect

from tests import feedback_helpers

from .conftest import PHONE, _context
from .test_public_pages import check_public_page

pytestmark = pytest.mark.browser
photo_root = feedback_helpers.photo_root


@pytest.fixture
def phone_without_js(photo_root, browser, site_url):
    context = _context(browser, site_url, java_script_enabled=False, **PHONE)
    yield context
    context.close()


@pytest.fixture
def phone(photo_root, browser, site_url):
    context = _context(browser, site_url, **PHONE)
    yield context
    context.close()


def test_a_citizen_reports_without_javascript_and_follows_the_report(
    phone_without_js, screenshot_dir
):
    page = phone_without_js.new_page()
    page.goto("/phan-anh-kien-nghi/gui/")
    form = page.locator("form.fb-form")
    form.get_by_label("Lĩnh vực").select_option(label="Vệ sinh môi trường")
    form.get_by_label("Tổ dân phố / thôn").select_option(index=1)
    form.get_by_label("Nội dung phản ánh").fill("Rác thải dồn ứ ở đầu ngõ 5 từ ba ngày nay.")
    page.get_by_role("button", name="Gửi phản ánh").click()
    # Without the consent the report is not sent, and the page says why.
    expect(page.get_by_role("alert")).to_contain_text("đánh dấu ô đồng ý")
    consent = page.get_by_label(re.compile("Tôi đồng ý"))
    expect(consent).not_to_be_checked()
    consent.check()
    page.get_by_role("button", name="Gửi phản ánh").click()
    alert = page.get_by_role("alert")
    assert alert.count() == 0, alert.inner_text()
    expect(page.locator("h1")).to_have_text("Phường đã nhận phản ánh của bạn")
    code = page.locator(".fb-code__value").inner_text().strip()
    assert re.fullmatch(r"PA-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", code)
    page.get_by_role("link", name="Xem tình trạng phản ánh").click()
    expect(page.locator("h1")).to_contain_text(code)
    expect(page.locator(".fb-history")).to_contain_text("Đã tiếp nhận")


PAGES = [
    ("/phan-anh-kien-nghi/gui/", "phan-anh-form-360.png"),
    ("/phan-anh-kien-nghi/tra-cuu/", None),
    ("/phan-anh-kien-nghi/ket-qua/", "phan-anh-ket-qua-360.png"),
]


def test_feedback_pages_on_a_phone(phone, screenshot_dir, subtests):
    from feedback.models import FeedbackReport

    published = FeedbackReport.objects.filter(publish_result=True).first()
    sent = FeedbackReport.objects.filter(source="portal").order_by("-received_at").first()
    pages = PAGES + [
        (f"/phan-anh-kien-nghi/tra-cuu/{published.code}/", "phan-anh-trang-thai-360.png"),
        (f"/phan-anh-kien-nghi/da-gui/{sent.code}/", "phan-anh-da-gui-360.png"),
    ]
    for path, screenshot in pages:
        with subtests.test(path=path):
            page = phone.new_page()
            try:
                check_public_page(page, path, "vi", screenshot_dir, screenshot)
            finally:
                page.close()


def test_the_channel_choice_and_the_reopen_form_on_a_phone_without_javascript(
    phone_without_js, screenshot_dir
):
    """Issue 21: the form's choice of channels (none ticked) and reopening a report closed as
    fixed from its status page, at 360 px with JavaScript off."""
    from django.utils import timezone
    from wagtail.models import Site

    from content.models import WardSettings
    from feedback.models import FeedbackReport, Status

    row = WardSettings.for_site(Site.objects.get(is_default_site=True))
    row.sms_gateway_url = "http://127.0.0.1:9/sms"
    row.zalo_gateway_url = "http://127.0.0.1:9/zns"
    row.zalo_template_id = "248571"
    row.save()
    page = phone_without_js.new_page()
    page.goto("/phan-anh-kien-nghi/gui/")
    group = page.locator("#id_notify")
    for label in ("Thư điện tử", "Tin nhắn SMS", re.compile("Zalo")):
        expect(group.get_by_label(label)).not_to_be_checked()
    group.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "phan-anh-kenh-nhan-tin-360.png"))
    group.get_by_label("Tin nhắn SMS").check()
    form = page.locator("form.fb-form")
    form.get_by_label("Lĩnh vực").select_option(label="Vệ sinh môi trường")
    form.get_by_label("Nội dung phản ánh").fill("Rác thải dồn ứ ở đầu ngõ 5 từ ba ngày nay.")
    page.get_by_label(re.compile("Tôi đồng ý")).check()
    page.get_by_role("button", name="Gửi phản ánh").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Để nhận tin báo qua Tin nhắn SMS, vui lòng nhập số điện thoại."
    )

    report = FeedbackReport.objects.filter(status=Status.RESOLVED, source="portal").first()
    FeedbackReport.objects.filter(pk=report.pk).update(closed_at=timezone.now())
    page.goto(f"/phan-anh-kien-nghi/tra-cuu/{report.code}/")
    section = page.locator(".fb-reopen")
    expect(section).to_contain_text("Sự việc vẫn chưa được khắc phục?")
    section.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "phan-anh-mo-lai-360.png"))
    section.get_by_label("Mã phản ánh").fill(report.code.lower())
    section.get_by_label("Vì sao chưa được khắc phục?").fill("Rác lại dồn ứ từ sáng nay.")
    section.get_by_role("button", name="Mở lại phản ánh").click()
    expect(page.get_by_text("Phản ánh đã được mở lại")).to_be_visible()
    expect(page.locator(".fb-history")).to_contain_text("Người dân mở lại")
    report.refresh_from_db()
    assert report.status == Status.REOPENED and report.reopen_count == 1

"""Two-factor sign-in walked in chromium: a leader enrols an authenticator app by scanning the
QR code on the screen (decoded from a screenshot, as a phone's camera would), signs in again
with a code computed from the scanned secret, as the app computes it; and the lockout after
repeated wrong passwords. Screenshots of the Vietnamese screens are left in var/screenshots/
(copies in docs/screenshots/)."""

import io
import re
import time
from urllib.parse import parse_qs, unquote, urlparse

import pytest
import zxingcpp
from django.conf import settings as django_settings
from PIL import Image

from tests.signin_helpers import PASSWORD, staff_member, totp

from .conftest import _context

pytestmark = pytest.mark.browser

DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "vi-VN"}
STEP = 30


@pytest.fixture
def desktop(browser, site_url):
    context = _context(browser, site_url, **DESKTOP)
    yield context
    context.close()


def sign_in(page, username, password=PASSWORD):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Đăng nhập").click()


def scan(locator):
    """What a phone's camera reads from the QR code on the screen."""
    [code] = zxingcpp.read_barcodes(Image.open(io.BytesIO(locator.screenshot())))
    return code.text


def test_a_leader_enrols_an_authenticator_app_and_signs_in_with_it(
    desktop, settings, screenshot_dir
):
    settings.STAFF_2FA_REQUIRED = True
    settings.STAFF_2FA_GRACE_DAYS = 0
    staff_member("lanhdao")
    page = desktop.new_page()

    sign_in(page, "lanhdao")
    page.wait_for_url(re.compile(r"/admin/xac-thuc/cai-dat/\?next="))
    assert page.locator("h1").inner_text() == "Bật xác thực hai bước"
    page.screenshot(path=screenshot_dir / "xac-thuc-bat.png", full_page=True, animations="disabled")

    uri = urlparse(scan(page.locator(".staffauth__qr svg")))
    assert (uri.scheme, uri.netloc) == ("otpauth", "totp")
    assert unquote(uri.path) == f"/{django_settings.OTP_TOTP_ISSUER}:lanhdao"
    query = parse_qs(uri.query)
    assert query["digits"] == ["6"] and query["period"] == [str(STEP)]
    secret = query["secret"][0]
    # The key shown for typing by hand is the same secret.
    typed = page.locator(".staffauth__secret").inner_text().replace(" ", "")
    assert typed == secret

    page.fill("#id_code", totp(secret))
    enrolled_at = time.time()
    page.get_by_role("button", name="Xác nhận và bật").click()
    page.wait_for_url(re.compile(r"/admin/xac-thuc/ma-khoi-phuc/\?next="))
    codes = page.locator(".staffauth__codes code").all_inner_texts()
    assert len(codes) == 10 and all(len(code) == 9 for code in codes)
    page.screenshot(
        path=screenshot_dir / "xac-thuc-ma-khoi-phuc.png", full_page=True, animations="disabled"
    )
    page.get_by_role("link", name="Tôi đã cất mã, vào trang quản trị").click()
    page.wait_for_url("**/admin/")
    page.locator("main h1").first.wait_for()

    page.goto("/admin/account/#tab-security")
    page.get_by_text("Còn 10 mã khôi phục chưa dùng").wait_for()
    page.screenshot(
        path=screenshot_dir / "xac-thuc-tai-khoan.png", full_page=True, animations="disabled"
    )

    # Another day, another browser: the password, then the second step.
    desktop.clear_cookies()
    sign_in(page, "lanhdao")
    page.wait_for_url(re.compile(r"/admin/xac-thuc/\?next="))
    assert page.locator("h1").inner_text() == "Xác thực hai bước"
    page.fill("#id_code", f"{(int(totp(secret)) + 1) % 1_000_000:06d}")
    page.get_by_role("button", name="Xác nhận").click()
    page.get_by_role("status").get_by_text("Mã không đúng hoặc đã hết hạn").wait_for()
    page.screenshot(
        path=screenshot_dir / "xac-thuc-nhap-ma.png", full_page=True, animations="disabled"
    )

    # The code of the enrolment was used: the app's next code, as it shows it.
    while time.time() // STEP <= enrolled_at // STEP:
        time.sleep(0.5)
    time.sleep(1)  # the wrong code above throttles for a second
    page.fill("#id_code", totp(secret))
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_url("**/admin/")
    page.locator("main h1").first.wait_for()
    assert "/admin/login/" not in page.url


def test_five_wrong_passwords_lock_the_sign_in_with_a_vietnamese_message(
    desktop, settings, screenshot_dir
):
    settings.AXES_FAILURE_LIMIT = 5
    staff_member("lanhdao")
    page = desktop.new_page()
    for _ in range(4):
        sign_in(page, "lanhdao", "sai-mat-khau")
        page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng").wait_for()
    sign_in(page, "lanhdao", "sai-mat-khau")
    page.get_by_role("heading", name="Tạm khóa đăng nhập").wait_for()
    page.screenshot(
        path=screenshot_dir / "dang-nhap-tam-khoa.png", full_page=True, animations="disabled"
    )
    sign_in(page, "lanhdao")  # the right password, too soon
    page.get_by_role("heading", name="Tạm khóa đăng nhập").wait_for()

"""Two-factor sign-in to the admin (staffauth): the second step on every admin URL, codes,
recovery codes, enrolment and a superuser's reset, as a browser posts them. Checklist row 11
(«2FA is required in the admin»)."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from content.models import SectionPage, StandardPage
from staffauth import devices
from staffauth.middleware import ENROL_URL_NAMES, OPEN_URL_NAMES
from staffauth.models import EnrolmentDeadline
from tests.admin_urls import admin_url_names
from tests.signin_helpers import Browser, enrolled, secret_of, staff_member, totp
from tests.test_admin_matrix import make_objects, url_for
from tests.workflow_helpers import user

VERIFY = "/admin/xac-thuc/"
SETUP = "/admin/xac-thuc/cai-dat/"


@pytest.fixture
def required(settings):
    settings.STAFF_2FA_REQUIRED = True
    settings.STAFF_2FA_GRACE_DAYS = 7
    return settings


def every_admin_url(member):
    """Every admin URL of the resolver, called on the demo's objects (as the role matrix
    does), except those reached before the second step."""
    section = SectionPage.objects.get(slug="van-hoa-xa-hoi")
    page = StandardPage.objects.get(slug="lich-tiem-chung-mo-rong")
    objects = make_objects(section, page, member)
    names = set(admin_url_names()) - {"wagtailadmin_error_test"}
    return {name: url_for(name, page, section, objects) for name in sorted(names)}


def asked_for(response, step):
    return response.status_code == 302 and response.url.startswith(step + "?next=")


def test_a_user_with_a_device_reaches_no_admin_url_before_the_second_step(demo_ward):
    leader = staff_member("lanhdao")
    enrolled(leader)
    browser = Browser()
    signed_in = browser.sign_in("lanhdao")
    assert signed_in.status_code == 302 and signed_in.url == "/admin/"
    browser.get(VERIFY)  # a token of the signed-in session, for the POSTs
    let_through = []
    for name, url in every_admin_url(leader).items():
        if name in OPEN_URL_NAMES:
            continue
        for method in (browser.get, lambda u: browser.post(u, {})):
            response = method(url)
            if not asked_for(response, VERIFY):
                let_through.append(f"{name} {url}: {response.status_code}")
    assert let_through == []
    # Two factors were not even required: who enrolled is always asked.
    assert browser.get("/admin/").url == f"{VERIFY}?next=/admin/"


def test_without_a_device_every_admin_url_leads_to_enrolment_once_the_grace_is_over(
    demo_ward, required
):
    leader = staff_member("lanhdao")
    EnrolmentDeadline.objects.create(user=leader, due=timezone.now())
    browser = Browser()
    browser.sign_in("lanhdao")
    browser.get(SETUP)
    let_through = []
    for name, url in every_admin_url(leader).items():
        if name in OPEN_URL_NAMES | ENROL_URL_NAMES:
            continue
        for method in (browser.get, lambda u: browser.post(u, {})):
            response = method(url)
            if not asked_for(response, SETUP):
                let_through.append(f"{name} {url}: {response.status_code}")
    assert let_through == []


def test_during_the_grace_period_the_admin_opens_with_a_reminder(demo_ward, required):
    staff_member("lanhdao")
    browser = Browser()
    browser.sign_in("lanhdao")
    home = browser.get("/admin/")
    assert home.status_code == 200
    assert "cần bật xác thực hai bước trước" in home.content.decode()
    due = EnrolmentDeadline.objects.get(user__username="lanhdao").due
    assert abs((due - timezone.now()).days - 7) <= 1
    # Reminded once per session, not on every page.
    assert "cần bật xác thực hai bước trước" not in browser.get("/admin/").content.decode()


def test_a_wrong_code_is_refused_and_the_right_one_opens_the_admin(demo_ward):
    secret = enrolled(staff_member("lanhdao"))
    browser = Browser()
    browser.sign_in("lanhdao")
    right = totp(secret)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    refused = browser.second_step(wrong)
    assert refused.status_code == 400
    assert "Mã không đúng hoặc đã hết hạn" in refused.content.decode()
    assert asked_for(browser.get("/admin/"), VERIFY)
    # Wrong codes slow the device down (django-otp throttling): the right code waits a second.
    time.sleep(1.1)
    passed = browser.second_step(right)
    assert passed.status_code == 302 and passed.url == "/admin/"
    assert browser.get("/admin/").status_code == 200


def test_after_repeated_wrong_codes_even_the_right_code_must_wait(demo_ward):
    secret = enrolled(staff_member("lanhdao"))
    browser = Browser()
    browser.sign_in("lanhdao")
    for _ in range(4):
        browser.second_step("000000" if totp(secret) != "000000" else "111111")
    waiting = browser.second_step(totp(secret))
    assert waiting.status_code == 400
    assert "đợi" in waiting.content.decode()


def test_a_code_is_used_once(demo_ward):
    secret = enrolled(staff_member("lanhdao"))
    code = totp(secret)
    first = Browser()
    first.sign_in("lanhdao")
    assert first.second_step(code).status_code == 302
    second = Browser()
    second.sign_in("lanhdao")
    assert second.second_step(code).status_code == 400


def test_a_recovery_code_works_once(demo_ward):
    leader = staff_member("lanhdao")
    enrolled(leader)
    codes = devices.new_recovery_codes(leader)
    assert len(codes) == 10 and len(set(codes)) == 10
    browser = Browser()
    browser.sign_in("lanhdao")
    # As printed: in two groups, in capitals.
    typed = f"{codes[0][:4]}-{codes[0][4:]}".upper()
    passed = browser.second_step(typed)
    assert passed.status_code == 302 and passed.url == "/admin/"
    assert "còn 9 mã" in browser.get("/admin/").content.decode()
    assert ModelLogEntry.objects.filter(action=devices.CODE_USED_ACTION).count() == 1
    browser.sign_out()

    again = Browser()
    again.sign_in("lanhdao")
    assert again.second_step(codes[0]).status_code == 400
    assert asked_for(again.get("/admin/"), VERIFY)
    time.sleep(1.1)  # the failure above throttles the codes for a second
    assert again.second_step(codes[1]).status_code == 302
    assert StaticToken.objects.filter(device__user=leader).count() == 8


def test_enrolment_shows_a_qr_code_and_is_confirmed_by_a_code_of_the_app(demo_ward, required):
    leader = staff_member("lanhdao")
    EnrolmentDeadline.objects.create(user=leader, due=timezone.now())
    browser = Browser()
    signed_in = browser.sign_in("lanhdao")
    assert asked_for(browser.get(signed_in.url), SETUP)
    page = browser.get(f"{SETUP}?next=/admin/")
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "Bật xác thực hai bước" in html
    device = TOTPDevice.objects.get(user=leader, confirmed=False)
    secret = secret_of(device)
    assert f'data-secret="{secret}"' in html
    # A reload shows the same key: a code already scanned stays good.
    assert f'data-secret="{secret}"' in browser.get(SETUP).content.decode()

    wrong = f"{(int(totp(secret)) + 1) % 1_000_000:06d}"
    refused = browser.post(SETUP, {"code": wrong, "next": "/admin/"})
    assert refused.status_code == 400 and "Mã không đúng" in refused.content.decode()
    time.sleep(1.1)
    confirmed = browser.post(SETUP, {"code": totp(secret), "next": "/admin/"})
    assert confirmed.status_code == 302
    assert confirmed.url.startswith("/admin/xac-thuc/ma-khoi-phuc/")
    codes_page = browser.get(confirmed.url).content.decode()
    assert codes_page.count("<code>") == 10 and "Mỗi mã chỉ dùng được một lần" in codes_page
    # Shown once: the codes are not on the page again.
    assert "<code>" not in browser.get("/admin/xac-thuc/ma-khoi-phuc/").content.decode()
    assert browser.get("/admin/").status_code == 200
    assert ModelLogEntry.objects.filter(action=devices.ENROL_ACTION).count() == 1
    assert not EnrolmentDeadline.objects.filter(user=leader).exists()

    browser.sign_out()
    again = Browser()
    assert again.sign_in("lanhdao").url == "/admin/"
    assert asked_for(again.get("/admin/"), VERIFY)
    assert again.second_step(totp(secret, at=time.time() + 30)).status_code == 302


def test_a_superuser_resets_a_lost_device_and_the_reset_is_logged(demo_ward, required):
    leader = staff_member("lanhdao")
    secret = enrolled(leader)
    devices.new_recovery_codes(leader)
    leaders_browser = Browser()
    leaders_browser.sign_in("lanhdao")
    leaders_browser.second_step(totp(secret))
    assert leaders_browser.get("/admin/").status_code == 200

    admin = get_user_model().objects.create_superuser("it", password="mat-khau-it-4821")
    admin_secret = enrolled(admin)
    browser = Browser("203.0.113.20")
    browser.sign_in("it", password="mat-khau-it-4821")
    browser.second_step(totp(admin_secret))
    users = browser.get("/admin/users/").content.decode()
    assert f"/admin/xac-thuc/dat-lai/{leader.pk}/" in users
    confirm = browser.get(f"/admin/xac-thuc/dat-lai/{leader.pk}/")
    assert confirm.status_code == 200 and "Đặt lại xác thực hai bước" in confirm.content.decode()
    done = browser.post(f"/admin/xac-thuc/dat-lai/{leader.pk}/", {})
    assert done.status_code == 302

    assert not TOTPDevice.objects.filter(user=leader).exists()
    assert not StaticDevice.objects.filter(user=leader).exists()
    entry = ModelLogEntry.objects.get(action=devices.RESET_ACTION)
    assert entry.user_id == admin.pk and entry.object_id == str(leader.pk)
    # The session on the lost phone's owner's side is gone, and the next sign-in enrols.
    assert leaders_browser.get("/admin/").url.startswith("/admin/login/")
    fresh = Browser()
    fresh.sign_in("lanhdao")
    assert asked_for(fresh.get("/admin/"), SETUP)


def test_only_a_superuser_may_reset_devices(demo_ward):
    leader = staff_member("lanhdao")
    enrolled(leader)
    staff_member("quantri")
    browser = Browser()
    browser.sign_in("quantri")
    browser.get("/admin/")
    # Wagtail's answer to a refusal: back to the dashboard, with its message.
    for send in (browser.get, lambda url: browser.post(url, {})):
        refused = send(f"/admin/xac-thuc/dat-lai/{leader.pk}/")
        assert refused.status_code == 302 and refused.url == "/admin/"
    assert TOTPDevice.objects.filter(user=leader).exists()
    assert "Đặt lại xác thực hai bước" not in browser.get("/admin/users/").content.decode()


def test_the_server_operator_can_reset_the_last_superuser(demo_ward, capsys):
    admin = get_user_model().objects.create_superuser("it", password="mat-khau-it-4821")
    enrolled(admin)
    call_command("reset_two_factor", "it")
    assert "reset for it" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=admin).exists()
    assert ModelLogEntry.objects.get(action=devices.RESET_ACTION).user_id is None


def test_the_account_page_shows_the_second_factor(demo_ward):
    leader = staff_member("lanhdao")
    secret = enrolled(leader)
    devices.new_recovery_codes(leader)
    browser = Browser()
    browser.sign_in("lanhdao")
    browser.second_step(totp(secret))
    account = browser.get("/admin/account/").content.decode()
    assert "Xác thực hai bước" in account and "Còn <strong>10</strong> mã khôi phục" in account
    assert "Chuyển sang điện thoại khác" in account


def test_force_login_reaches_the_admin_while_two_factors_are_off(client, demo_ward, settings):
    """The rest of the suite signs in with force_login and no device (2FA off in the test
    settings); turned on, the same client is sent to the second step."""
    client.force_login(user("lanhdao"))
    assert client.get("/admin/").status_code == 200
    settings.STAFF_2FA_REQUIRED = True
    settings.STAFF_2FA_GRACE_DAYS = 0
    assert client.get("/admin/").url == f"{SETUP}?next=/admin/"


def test_production_requires_two_factors_and_the_deploy_check_refuses_them_off():
    from tests.test_startup import PRODUCTION_ENV, manage

    on = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; print(s.STAFF_2FA_REQUIRED)",
        **PRODUCTION_ENV,
    )
    assert on.returncode == 0 and on.stdout.strip().splitlines()[-1] == "True", on.stderr
    off = manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV, STAFF_2FA_REQUIRED="0"
    )
    assert off.returncode == 1 and "staffauth.W001" in off.stderr


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)"],
)
def test_row_5_a_next_address_off_the_site_is_never_followed(demo_ward, next_url):
    """Row 5 of section (b) of the reliability checklist (the redirect half): after the
    password and after the second step, ``?next=`` pointing off the site leads to the admin
    home instead."""
    secret = enrolled(staff_member("lanhdao"))
    browser = Browser()
    signed = browser.sign_in("lanhdao", next_url=next_url)
    assert signed.status_code == 302 and "evil" not in signed.url and "javascript" not in signed.url
    passed = browser.second_step(totp(secret), next_url=next_url)
    assert passed.status_code == 302
    assert passed.url == "/admin/"

"""Throttled sign-in (django-axes) and no account enumeration, as a browser behind the caching
front posts the forms. Checklist row 10 («Login lockout works»): N failures lock, the cool-off
expires, a forged X-Forwarded-For neither resets nor shifts the count; and one person's
mistakes never lock out the ward office behind its one address."""

import logging
import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail

from tests.signin_helpers import PASSWORD, Browser, staff_member

LIMIT = 5
OFFICE = "203.0.113.10"  # the ward office's one public address


@pytest.fixture
def accounts(demo_ward, settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)
    return {name: staff_member(name) for name in ("lanhdao", "vanphong")}


def fail(browser, username="lanhdao", times=1, **where):
    return [browser.sign_in(username, password="sai-mat-khau-0000", **where) for _ in range(times)]


def signed_in(response):
    return response.status_code == 302 and response.url == "/admin/"


def locked(response):
    return response.status_code == 429 and "Tạm khóa đăng nhập" in response.content.decode()


def test_the_fifth_wrong_password_locks_and_then_the_right_one_is_refused(accounts):
    browser = Browser(OFFICE)
    answers = fail(browser, times=LIMIT)
    for answer in answers[:-1]:
        assert answer.status_code == 200
        assert "Tên đăng nhập hoặc mật khẩu không đúng" in answer.content.decode()
    assert locked(answers[-1])
    page = answers[-1].content.decode()
    assert f"nhập sai {LIMIT} lần" in page and "15 phút" in page
    right = browser.sign_in("lanhdao")
    assert locked(right)
    assert browser.get("/admin/").url.startswith("/admin/login/")


def test_the_lockout_ends_after_the_cool_off(accounts):
    browser = Browser(OFFICE)
    fail(browser, times=LIMIT)
    assert locked(browser.sign_in("lanhdao"))
    # Fifteen minutes and a second later:
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= timedelta(minutes=15, seconds=1)
        attempt.save()
    assert signed_in(browser.sign_in("lanhdao"))
    # A success wipes the count: five new mistakes are needed to lock again.
    browser.sign_out()
    fail(browser, times=LIMIT - 1)
    assert signed_in(browser.sign_in("lanhdao"))


def test_one_persons_mistakes_do_not_lock_out_the_office_behind_the_same_address(accounts):
    fail(Browser(OFFICE), "lanhdao", times=LIMIT)
    # A colleague at the next desk, same public address:
    assert signed_in(Browser(OFFICE).sign_in("vanphong"))
    # and the leader from elsewhere (the phone's network) is not locked out either.
    assert signed_in(Browser("198.51.100.77").sign_in("lanhdao"))
    assert locked(Browser(OFFICE).sign_in("lanhdao"))


def test_a_forged_forwarded_for_neither_shifts_nor_resets_the_count(accounts):
    attacker = Browser("198.51.100.20")
    # Each try claims another address in X-Forwarded-For: the count goes on all the same.
    answers = [
        attacker.sign_in("lanhdao", password="sai-mat-khau", forged=f"10.0.0.{n}")
        for n in range(LIMIT)
    ]
    assert [a.status_code for a in answers] == [200] * (LIMIT - 1) + [429]
    # Claiming the office's address (not locked) does not unlock the attacker's.
    assert locked(attacker.sign_in("lanhdao", forged=OFFICE))
    # The count is the attacker's alone: the office is not locked by the attacker's tries.
    assert signed_in(Browser(OFFICE).sign_in("lanhdao"))
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.20"}


def test_straight_to_gunicorn_the_forwarded_for_header_is_ignored(accounts):
    attacker = Browser("198.51.100.21")
    answers = [
        attacker.sign_in("lanhdao", password="sai", forged=f"10.1.0.{n}", direct=True)
        for n in range(LIMIT)
    ]
    assert answers[-1].status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.21"}


def without_token(html):
    """A page without its CSRF tokens (the form's, and the one in Wagtail's config)."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'"CSRF_TOKEN": "[^"]+"', "", html)


def test_sign_in_answers_the_same_for_an_unknown_name(accounts):
    """No enumeration through sign-in: a wrong password and a name that is nobody's get one
    answer, and so does the lockout."""
    known = fail(Browser(OFFICE), "lanhdao", times=LIMIT)
    unknown = fail(Browser(OFFICE), "khong-ai-ca", times=LIMIT)
    for mine, nobodys in zip(known, unknown, strict=True):
        assert mine.status_code == nobodys.status_code
        assert without_token(mine.content.decode()).replace("lanhdao", "khong-ai-ca") == (
            without_token(nobodys.content.decode())
        )


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(
    accounts, django_capture_on_commit_callbacks
):
    """No enumeration through password reset: the same redirect and page whatever the
    address; the message goes out from the queue, after the answer, only to an account."""
    accounts["lanhdao"].email = "lanhdao@phuong.example.gov.vn"
    accounts["lanhdao"].save()
    answers = []
    for email in ("lanhdao@phuong.example.gov.vn", "khong-ai@phuong.example.gov.vn"):
        browser = Browser(OFFICE)
        browser.get("/admin/password_reset/")
        sent = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            answer = browser.post("/admin/password_reset/", {"email": email})
        assert len(mail.outbox) == sent  # nothing is sent while the person waits
        for callback in callbacks:
            callback()
        answers.append((answer.status_code, answer.url, browser.get(answer.url)))
    (status_a, url_a, done_a), (status_b, url_b, done_b) = answers
    assert (status_a, url_a) == (status_b, url_b) == (302, "/admin/password_reset/done/")
    assert without_token(done_a.content.decode()) == without_token(done_b.content.decode())
    assert [m.to for m in mail.outbox] == [["lanhdao@phuong.example.gov.vn"]]
    assert "/admin/password_reset/confirm/" in mail.outbox[0].body


def test_password_reset_is_rate_limited_without_saying_so(
    accounts, settings, django_capture_on_commit_callbacks
):
    settings.PASSWORD_RESET_RATE_LIMIT = 2
    accounts["lanhdao"].email = "lanhdao@phuong.example.gov.vn"
    accounts["lanhdao"].save()
    browser = Browser(OFFICE)
    browser.get("/admin/password_reset/")
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(4):
            answer = browser.post(
                "/admin/password_reset/", {"email": "lanhdao@phuong.example.gov.vn"}
            )
            assert answer.status_code == 302 and answer.url == "/admin/password_reset/done/"
    assert len(mail.outbox) == 2


def test_sign_ins_are_logged_without_passwords_or_addresses(accounts, caplog):
    caplog.set_level(logging.INFO, logger="staffauth")
    browser = Browser(OFFICE)
    fail(browser, "lanhdao", times=1)
    # People type their password into the name field: an unknown name is not logged.
    browser.sign_in(PASSWORD, password="x")
    assert signed_in(browser.sign_in("lanhdao"))
    records = [r for r in caplog.records if r.name == "staffauth"]
    assert [r.getMessage() for r in records] == ["sign-in failed", "sign-in failed", "sign-in"]
    assert [r.username for r in records] == ["lanhdao", None, "lanhdao"]
    assert records[1].unknown_account is True
    # The same address gives the same client hash.
    assert len({r.client for r in records}) == 1
    everything = " ".join(str(vars(r)) for r in caplog.records)
    for secret in ("sai-mat-khau-0000", PASSWORD, OFFICE):
        assert secret not in everything

"""Staff sessions end after a working day and after an idle period (STAFF_SESSION_MAX_AGE,
STAFF_SESSION_IDLE), and the session itself is handled safely (checklist row 12)."""

import time

from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse

from staffauth.middleware import SESSION_SEEN, SESSION_STARTED
from tests.signin_helpers import Browser, staff_member


def shift(browser, **seconds_ago):
    """Move the session's sign-in and last activity back in time."""
    session = browser.client.session
    for key, name in ((SESSION_STARTED, "started"), (SESSION_SEEN, "seen")):
        if name in seconds_ago:
            session[key] = int(time.time()) - seconds_ago[name]
    session.save()


def signed_out(response):
    return response.status_code == 302 and response.url.startswith("/admin/login/?next=")


def test_a_session_ends_after_the_idle_period(demo_ward):
    staff_member("vanphong")
    browser = Browser()
    browser.sign_in("vanphong")
    shift(browser, seen=settings.STAFF_SESSION_IDLE - 60)
    assert browser.get("/admin/").status_code == 200  # still within it; counts as activity
    shift(browser, seen=settings.STAFF_SESSION_IDLE + 1)
    ended = browser.get("/admin/pages/")
    assert signed_out(ended) and "next=/admin/pages/" in ended.url
    login = browser.get(ended.url).content.decode()
    assert "Phiên làm việc đã hết hạn sau 30 phút không thao tác" in login


def test_a_session_ends_after_a_working_day_however_active(demo_ward):
    staff_member("vanphong")
    browser = Browser()
    browser.sign_in("vanphong")
    shift(browser, started=settings.STAFF_SESSION_MAX_AGE - 60, seen=60)
    assert browser.get("/admin/").status_code == 200
    shift(browser, started=settings.STAFF_SESSION_MAX_AGE + 1, seen=0)
    ended = browser.get("/admin/")
    assert signed_out(ended)
    assert "sau một ngày làm việc" in browser.get(ended.url).content.decode()
    # The cookie itself lasts no longer than the working day.
    assert settings.SESSION_COOKIE_AGE == settings.STAFF_SESSION_MAX_AGE <= 10 * 3600


def test_an_open_editor_keeps_the_session_only_while_it_holds_unsaved_changes(demo_ward):
    from wagtail.models import Page

    staff_member("quantri")
    browser = Browser()
    browser.sign_in("quantri")
    page = Page.objects.get(depth=2)
    ping = reverse(
        "wagtailadmin_editing_sessions:ping",
        args=["wagtailcore", "page", page.pk, 0],
    )
    shift(browser, seen=600)
    assert browser.post(ping, {}).status_code == 200
    assert time.time() - browser.client.session[SESSION_SEEN] >= 600  # an idle open tab
    assert browser.post(ping, {"is_editing": "1"}).status_code == 200
    assert time.time() - browser.client.session[SESSION_SEEN] < 5  # unsaved work in hand


def test_public_pages_are_served_to_an_expired_session_as_to_anyone(demo_ward):
    staff_member("vanphong")
    browser = Browser()
    browser.sign_in("vanphong")
    shift(browser, seen=settings.STAFF_SESSION_IDLE + 1)
    assert browser.get("/").status_code == 200
    assert signed_out(browser.get("/admin/"))


def test_the_session_key_changes_at_sign_in_and_sign_out_ends_it(demo_ward):
    staff_member("vanphong")
    browser = Browser()
    browser.get("/admin/login/")
    browser.client.session.save()
    before = browser.client.session.session_key
    browser.sign_in("vanphong")
    after = browser.client.session.session_key
    assert before != after and Session.objects.filter(session_key=after).exists()
    cookie = browser.client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    browser.sign_out()
    assert not Session.objects.filter(session_key=after).exists()
    assert signed_out(browser.get("/admin/"))

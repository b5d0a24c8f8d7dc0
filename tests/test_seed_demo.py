"""`seed_demo` builds the demo ward once and is safe to run again."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Page

from content.models import HomePage, Place, SectionPage, WardSettings
from content.roles import ROLE_GROUPS

# The procedures and governance pillars' demos take most of the seeding time. The tests of a
# second run start from a demo state, which the suite seeds once per process (tests/conftest.py);
# only the idempotence test, which must cover them, runs them again, on the whole demo.
QUICK = ("--without", "thu-tuc-hanh-chinh", "--without", "dieu-hanh-cong-khai")


def seed(*args, full=False):
    out = io.StringIO()
    call_command("seed_demo", *args, *(() if full else QUICK), stdout=out)
    return out.getvalue()


def snapshot():
    return (
        Page.objects.count(),
        Place.objects.count(),
        WardSettings.objects.count(),
        sorted(Page.objects.values_list("url_path", flat=True)),
    )


@pytest.mark.xdist_group("demo_full")
def test_seeding_twice_changes_nothing(demo_full):
    first = snapshot()
    seed(full=True)
    assert snapshot() == first
    assert first[1] == 79  # 76 residential groups, the desk, two cultural houses
    assert SectionPage.objects.live().filter(depth=3).count() == 6


def test_if_empty_does_not_reseed_a_ward_that_exists(demo_ward):
    HomePage.objects.get().get_children().get(slug="so-lieu").delete()
    output = seed("--if-empty")
    assert "not seeding" in output
    assert not SectionPage.objects.filter(slug="so-lieu").exists()


def test_wagtails_welcome_page_is_replaced_by_the_ward_home(demo_ward):
    assert not Page.objects.filter(depth=2).exclude(pk__in=HomePage.objects.values("pk")).exists()


def test_one_demo_account_per_role_group(demo_ward):
    for name in ROLE_GROUPS:
        group = Group.objects.get(name=name)
        assert group.user_set.count() == 1, name
        assert group.permissions.filter(codename="access_admin").exists()


def test_passwords_are_printed_only_when_debug_is_on(db, settings, client):
    settings.DEBUG = False
    quiet = seed()
    assert "passwords are shown only when DEBUG is on" in quiet

    settings.DEBUG = True
    loud = seed("--reset-passwords")
    line = next(line for line in loud.splitlines() if " lanhdao " in line)
    password = line.split()[-1]
    # Through the sign-in form, as a browser: django-axes checks every sign-in's request.
    signed_in = client.post("/admin/login/", {"username": "lanhdao", "password": password})
    assert signed_in.status_code == 302 and signed_in.url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_demo_accounts_keep_their_passwords_on_a_second_run(demo_ward, settings):
    settings.DEBUG = True
    assert "Demo accounts" not in seed()


def test_light_demo_wards_beside_the_demo_ward(demo_ward, client):
    """`seed_demo --wards 2`: two light wards at phuong-N.localhost, each with its own name,
    residential groups, pages and reports; a second run adds nothing."""
    from wagtail.models import Site

    from feedback.models import FeedbackReport

    output = seed("--wards", "2")
    assert "http://phuong-2.localhost:8000/" in output
    counts = {}
    for number in (1, 2):
        site = Site.objects.get(hostname=f"phuong-{number}.localhost")
        ward = WardSettings.objects.get(site=site)
        assert ward.is_demo and ward.ward_name != WardSettings.objects.get(site=demo_ward).ward_name
        assert Place.objects.filter(site=site).count() == 5
        assert FeedbackReport.objects.filter(site=site).count() == 3
        for url in ("/", "/thu-tuc-hanh-chinh/", "/phan-anh-kien-nghi/gui/", "/so-lieu/"):
            assert client.get(url, HTTP_HOST=f"phuong-{number}.localhost:8000").status_code == 200
        home = client.get("/", HTTP_HOST=f"phuong-{number}.localhost:8000").content.decode()
        assert ward.ward_name in home
        counts[number] = Page.objects.descendant_of(site.root_page).count()
    assert counts[1] == counts[2]
    assert Site.objects.get(is_default_site=True) == demo_ward
    before = snapshot(), FeedbackReport.objects.count()
    seed("--wards", "2")
    assert (snapshot(), FeedbackReport.objects.count()) == before


def test_the_development_settings_let_phuong_n_localhost_in():
    import os
    import subprocess
    import sys

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    env.pop("ALLOWED_HOSTS", None)
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "from django.http.request import validate_host; "
        "print(validate_host('phuong-7.localhost', settings.ALLOWED_HOSTS), "
        "validate_host('phuong-7.example.com', settings.ALLOWED_HOSTS))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "False"]

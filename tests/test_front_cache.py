"""The caching rules (portal/caching.py, docs/operations.md "Caching"): what the front may keep,
what nobody may keep, no cookie on anonymous pages, forms that work from a cached copy, and the
emergency banner bounding how long a copy lives."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from wagtail.models import Page

from content.models import ShortLink
from feedback.models import FeedbackReport, PageUsefulness
from tests import feedback_helpers
from tests.feedback_helpers import FORM_URL, form_data
from tests.test_society_emergency import notice

ward = feedback_helpers.ward
photo_root = feedback_helpers.photo_root

pytestmark = pytest.mark.django_db
ORIGIN = {"HTTP_ORIGIN": "http://testserver"}


def s_maxage(response):
    match = re.search(r"s-maxage=(\d+)", response.get("Cache-Control", ""))
    return int(match[1]) if match else None


def assert_shared(response, path):
    assert response.status_code == 200, path
    assert "public" in response["Cache-Control"], path
    assert s_maxage(response) is None or s_maxage(response) > 0, path
    assert not response.cookies, (path, list(response.cookies))
    assert "cookie" not in response.get("Vary", "").lower(), path


def assert_never(response, path):
    value = response.get("Cache-Control", "")
    assert "no-store" in value and "private" in value and "public" not in value, (path, value)


@pytest.mark.xdist_group("demo_full")
def test_every_public_page_type_is_cached_by_the_front_and_sets_no_cookie(demo_full):
    client = Client()
    one_per_type = {}
    for page in Page.objects.live().public().descendant_of(demo_full.root_page, inclusive=True):
        one_per_type.setdefault(page.content_type_id, page)
    assert len(one_per_type) > 20
    for page in one_per_type.values():
        path = page.get_url()
        response = client.get(path)
        if response.status_code in (301, 302):  # a page that forwards to its content
            continue
        assert_shared(response, path)
    for path in ("/tim-kiem/?q=khai+sinh", "/sitemap.xml", "/robots.txt"):
        assert_shared(client.get(path), path)
    assert not client.cookies


@pytest.mark.xdist_group("demo_full")
def test_admin_signed_in_users_posts_and_short_links_are_never_cached(demo_full):
    """Row 25 of section (b) of the reliability checklist."""
    anonymous = Client()
    for path in ("/admin/login/", "/admin/", "/healthz"):
        assert_never(anonymous.get(path), path)
    short = anonymous.get("/q/" + ShortLink.objects.filter(page__live=True).first().code)
    assert short.status_code == 302
    assert_never(short, "/q/…")
    staff = Client()
    staff.force_login(get_user_model().objects.create_superuser("quantri-thu", password="x" * 12))
    for path in ("/", "/thu-tuc-hanh-chinh/", "/admin/pages/"):
        assert_never(staff.get(path), path)
    answer = anonymous.post("/y-kien-trang/", {"page": demo_full.root_page_id, "useful": "co"})
    assert answer.status_code == 302
    assert_never(answer, "POST /y-kien-trang/")


def test_a_cached_report_form_works_for_two_visitors_without_javascript(ward):
    """Row 36 of section (b) of the reliability checklist."""
    first = Client(enforce_csrf_checks=True)
    page = first.get(FORM_URL)
    assert_shared(page, FORM_URL)
    html = page.content.decode()
    assert "csrfmiddlewaretoken" not in html
    token = re.search(r'name="token" value="([0-9a-f]{32})"', html)[1]
    # Both visitors got the same cached copy, hence the same hidden token.
    one = form_data(token=token, description="Đèn đường ngõ 5 bị hỏng.")
    two = form_data(token=token, description="Cống thoát nước ngõ 9 bị tắc.")
    sent_one = first.post(FORM_URL, one, **ORIGIN)
    sent_two = Client(enforce_csrf_checks=True).post(FORM_URL, two, **ORIGIN)
    assert sent_one.status_code == sent_two.status_code == 302
    assert sent_one["Location"] != sent_two["Location"]
    assert_never(sent_one, "POST " + FORM_URL)
    # A double tap by the first visitor is still one report.
    assert first.post(FORM_URL, one, **ORIGIN)["Location"] == sent_one["Location"]
    assert FeedbackReport.objects.count() == 2


def test_an_anonymous_form_posted_from_another_site_is_refused(ward):
    strict = Client(enforce_csrf_checks=True)
    for headers in (
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/form"},
        {},
    ):
        assert strict.post(FORM_URL, form_data(), **headers).status_code == 403, headers
    # An old browser that sends only the Referer of this site is accepted.
    referer = {"HTTP_REFERER": "http://testserver" + FORM_URL}
    assert strict.post(FORM_URL, form_data(), **referer).status_code == 302
    assert FeedbackReport.objects.count() == 1


def test_the_usefulness_form_of_a_cached_page_counts_two_visitors(ward):
    home = Client().get("/")
    assert_shared(home, "/")
    page_id = re.search(r'name="page" value="(\d+)"', home.content.decode())[1]
    for _visitor in range(2):
        answer = Client(enforce_csrf_checks=True).post(
            "/y-kien-trang/", {"page": page_id, "useful": "co"}, **ORIGIN
        )
        assert answer.status_code == 302
    assert PageUsefulness.objects.count() == 2


def test_a_coming_emergency_notice_bounds_how_long_pages_are_kept(client, demo_ward):
    assert s_maxage(client.get("/")) == 600
    notice(starts_in=40, lasts=3600)
    kept = s_maxage(client.get("/"))
    assert 0 < kept <= 40
    assert int(re.search(r"max-age=(\d+)", client.get("/")["Cache-Control"])[1]) <= 30


def test_a_live_emergency_notice_bounds_the_copies_by_its_end(client, demo_ward):
    notice(starts_in=-60, lasts=90)
    response = client.get("/van-hoa-xa-hoi/")
    assert 'class="emergency-banner' in response.content.decode()
    assert 0 < s_maxage(response) <= 30

"""«Trang này có hữu ích không?» at the foot of every page: yes/no and an optional comment,
no personal data, no cookie, no JavaScript; staff read the answers of their own ward."""

import pytest
from django.urls import reverse

from content.models import StandardPage
from feedback.models import PageUsefulness
from tests import feedback_helpers
from tests.factories import ward_site
from tests.feedback_helpers import handler

ward = feedback_helpers.ward
photo_root = feedback_helpers.photo_root

pytestmark = pytest.mark.django_db
URL = "/y-kien-trang/"


@pytest.fixture
def article(ward):
    home = ward.root_page
    page = home.add_child(
        instance=StandardPage(title="Lịch tiêm chủng", slug="lich-tiem-chung", intro="Lịch.")
    )
    page.save_revision().publish()
    return page


def test_every_page_asks_without_setting_a_cookie(client, ward, article):
    for path in ("/", "/lich-tiem-chung/", "/phan-anh-kien-nghi/"):
        response = client.get(path)
        html = response.content.decode()
        assert "Trang này có hữu ích không?" in html, path
        assert 'action="/y-kien-trang/"' in html
        assert "csrftoken" not in response.cookies, path


def test_an_answer_is_stored_and_the_citizen_returns_to_the_page(client, ward, article):
    response = client.post(
        URL, {"page": article.pk, "useful": "khong", "comment": "Thiếu giờ tiêm."}
    )
    assert response.status_code == 302
    assert response["Location"] == "/lich-tiem-chung/?y-kien-cam-on=1#y-kien-trang"
    answer = PageUsefulness.objects.get()
    assert (answer.page_id, answer.useful, answer.comment) == (article.pk, False, "Thiếu giờ tiêm.")
    assert answer.site == ward
    thanks = client.get(response["Location"]).content.decode()
    assert "Cảm ơn bạn đã góp ý." in thanks


@pytest.mark.parametrize(
    "data",
    [
        {"page": "999999", "useful": "co"},
        {"page": "abc", "useful": "co"},
        {"useful": "co"},
    ],
)
def test_unknown_pages_are_refused(client, ward, data):
    assert client.post(URL, data).status_code == 404
    assert PageUsefulness.objects.count() == 0


def test_pages_of_another_ward_and_drafts_are_refused(client, ward, article):
    other_home = ward_site("Khác", hostname="khac.example").root_page
    assert client.post(URL, {"page": other_home.pk, "useful": "co"}).status_code == 404
    article.unpublish()
    assert client.post(URL, {"page": article.pk, "useful": "co"}).status_code == 404
    assert PageUsefulness.objects.count() == 0


def test_robots_and_bad_answers_store_nothing(client, ward, article):
    client.post(URL, {"page": article.pk, "useful": "co", "website": "http://spam"})
    client.post(URL, {"page": article.pk, "useful": "maybe"})
    assert PageUsefulness.objects.count() == 0


def test_too_many_answers_from_one_client_are_refused_with_a_message(client, ward, article):
    for _ in range(30):
        client.post(URL, {"page": article.pk, "useful": "co"})
    response = client.post(URL, {"page": article.pk, "useful": "co"})
    assert "y-kien-nhieu" in response["Location"]
    assert PageUsefulness.objects.count() == 30
    assert "xin thử lại sau" in client.get(response["Location"]).content.decode()


def test_staff_read_the_answers_of_their_ward(client, ward, article):
    PageUsefulness.objects.create(site=ward, page=article, useful=False, comment="Chữ nhỏ quá")
    staff = handler(ward)
    from django.contrib.auth.models import Permission

    staff.groups.first().permissions.add(Permission.objects.get(codename="view_pageusefulness"))
    client.force_login(staff)
    html = client.get(reverse("feedback_usefulness:index")).content.decode()
    assert "Chữ nhỏ quá" in html

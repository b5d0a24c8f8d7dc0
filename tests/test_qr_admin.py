"""QR codes in the admin: the list with scans, one code's page with scans per place, A4/A5
posters (also tagged with a place), the bulk sheet of one poster per residential group, and the
page editor's link to all of it."""

import re

import pytest
from django.urls import reverse

from content.models import Place, SatisfactionPage, ShortLink, StandardPage
from tests.workflow_helpers import user

PAGE_SLUG = "lich-tiem-chung-mo-rong"


@pytest.fixture
def page(demo_ward):
    return StandardPage.objects.get(slug=PAGE_SLUG)


@pytest.fixture
def link(page):
    return ShortLink.objects.get(page=page)


def test_staff_see_codes_with_their_page_and_scans(client, link, page):
    for _ in range(3):
        client.get(f"/q/{link.code}/tdp-03")
    client.get(f"/q/{link.code}")
    client.force_login(user("chuyenmon"))
    html = client.get(reverse("content_shortlink:index")).content.decode()
    row = re.search(rf"/q/{link.code}.*?</tr>", html, re.S).group(0)
    assert page.title in row
    cells = re.findall(r"<td[^>]*>\s*(\d+)\s*</td>", row)
    assert cells == ["4", "4", "1"]  # total, last 30 days, places with scans


def test_one_code_shows_scans_per_place_and_poster_links(client, link):
    client.get(f"/q/{link.code}/tdp-03")
    client.get(f"/q/{link.code}/mot-cua")
    client.get(f"/q/{link.code}/mot-cua")
    client.force_login(user("lanhdao"))
    html = client.get(reverse("content_shortlink:inspect", args=[link.pk])).content.decode()
    assert re.search(r"Bộ phận Một cửa \(mot-cua\)</td><td>2</td><td>2</td>", html)
    assert re.search(r"Tổ dân phố số 3 \(tdp-03\)</td><td>1</td><td>1</td>", html)
    poster_url = reverse("content_shortlink:poster", args=[link.code])
    assert f'href="{poster_url}?size=a4"' in html and f'href="{poster_url}?size=a5"' in html
    sheet_url = reverse("content_shortlink:poster_sheet", args=[link.code])
    assert f'href="{sheet_url}?size=a4"' in html


@pytest.mark.parametrize("size", ["a4", "a5"])
def test_a_poster_has_the_ward_the_title_one_instruction_the_qr_and_the_typed_link(
    client, link, page, size
):
    client.force_login(user("vanphong"))
    url = reverse("content_shortlink:poster", args=[link.code])
    html = client.get(f"{url}?size={size}&place=tdp-12").content.decode()
    assert "Ủy ban nhân dân phường" in html or "UBND" in html
    assert f'<h1 class="poster__title">{page.title}</h1>' in html
    assert "Mở camera điện thoại, hướng vào mã QR" in html
    assert html.count("<svg") == 1
    assert f"localhost/q/{link.code}/tdp-12" in html
    assert "Tổ dân phố số 12" in html
    assert f"sheet--{size}" in html and "@page { size:" in html
    assert client.get(f"{url}?size=a3").status_code == 404
    assert client.get(f"{url}?place=tdp-999").status_code == 404


def test_the_bulk_sheet_has_one_tagged_poster_per_residential_group(
    client, link, demo_ward, django_assert_max_num_queries
):
    Place.objects.filter(code="tdp-76").update(is_active=False)
    client.force_login(user("quantri"))
    url = reverse("content_shortlink:poster_sheet", args=[link.code])
    with django_assert_max_num_queries(15):
        html = client.get(url).content.decode()
    tags = re.findall(rf"localhost/q/{link.code}/([a-z0-9-]+)<", html)
    assert tags == [f"tdp-{n:02d}" for n in range(1, 76)]  # 75 active groups, in order
    assert html.count('class="poster"') == 75 and html.count("<svg") == 75


def test_the_desk_poster_invites_a_satisfaction_vote(client, demo_ward):
    vote = ShortLink.objects.get(page=SatisfactionPage.objects.get())
    client.force_login(user("vanphong"))
    url = reverse("content_shortlink:poster", args=[vote.code])
    html = client.get(f"{url}?place=mot-cua").content.decode()
    assert "quét mã QR để đánh giá mức độ hài lòng" in html
    assert f"localhost/q/{vote.code}/mot-cua" in html


def test_the_page_editor_links_to_the_qr_code_and_posters(client, link, page):
    client.force_login(user("chuyenmon"))
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert reverse("content_shortlink:inspect", args=[link.pk]) in html
    assert "Mã QR và áp phích" in html


def test_posters_need_a_staff_login(client, link):
    url = reverse("content_shortlink:poster", args=[link.code])
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_a_place_with_scans_cannot_be_deleted_from_the_admin(client, link):
    client.get(f"/q/{link.code}/tdp-07")
    place = Place.objects.get(code="tdp-07")
    client.force_login(user("quantri"))
    url = reverse("wagtailsnippets_content_place:delete", args=[place.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "Không thể xóa Tổ dân phố số 7" in response.content.decode()
    assert Place.objects.filter(pk=place.pk).exists()
    # A place nobody scanned yet can still be deleted.
    unused = Place.objects.get(code="tdp-08")
    client.post(reverse("wagtailsnippets_content_place:delete", args=[unused.pk]))
    assert not Place.objects.filter(pk=unused.pk).exists()

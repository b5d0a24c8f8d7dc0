"""The public pages a citizen lands on: home, the six pillars, the English page."""

import unicodedata

import pytest

from content.models import SectionPage, StandardPage, WardSettings
from tests.factories import SectionPageFactory, ward_site
from tests.site_map import PILLAR_SLUGS


def test_home_page_links_the_six_pillars_in_content_and_navigation(client, demo_ward):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for slug in PILLAR_SLUGS:
        # Once in the main navigation and once in the pillar cards.
        assert html.count(f'href="/{slug}/"') == 2, slug
    assert '<html lang="vi">' in html
    assert "Ủy ban nhân dân phường Từ Liêm" in html


@pytest.mark.parametrize("slug", PILLAR_SLUGS)
def test_each_pillar_page_is_served_with_navigation_marking_it_current(client, demo_ward, slug):
    response = client.get(f"/{slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="/{slug}/" aria-current="page"' in html
    assert html.count("<h1") == 1


def test_footer_shows_the_wards_contact_points_from_site_settings(client, demo_ward):
    ward = WardSettings.for_site(demo_ward)
    ward.hotline = "0243 111 2222"
    ward.address = "Số 9 phố Thử Nghiệm"
    ward.save()
    html = client.get("/").content.decode()
    assert 'href="tel:02431112222"' in html
    assert "Số 9 phố Thử Nghiệm" in html
    assert ward.email in html


def test_english_page_declares_its_language_and_is_linked_from_the_footer(client, demo_ward):
    response = client.get("/en/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
    assert 'href="/en/" lang="en" hreflang="en"' in client.get("/").content.decode()


def test_a_second_ward_is_a_second_site_with_its_own_settings(client, demo_ward):
    other = ward_site("Xã Minh Phú", slug="xa-minh-phu", hostname="minhphu.example.gov.vn")
    SectionPageFactory(
        parent=other.root_page, title="Thủ tục hành chính", slug="thu-tuc-hanh-chinh"
    )
    WardSettings.objects.create(
        site=other, ward_name="Xã Minh Phú", authority_name="Ủy ban nhân dân xã Minh Phú"
    )

    html = client.get("/", headers={"host": "minhphu.example.gov.vn"}).content.decode()
    assert "Ủy ban nhân dân xã Minh Phú" in html
    assert "phường Từ Liêm" not in html
    # Only this ward's sections are in its menu.
    assert html.count('href="/thu-tuc-hanh-chinh/"') == 2
    assert 'href="/so-lieu/"' not in html
    assert "Ủy ban nhân dân phường Từ Liêm" in client.get("/").content.decode()


@pytest.mark.parametrize("path", ["/", "/thu-tuc-hanh-chinh/", "/gioi-thieu/"])
def test_public_pages_render_with_a_bounded_number_of_queries(
    client, demo_ward, django_assert_max_num_queries, path
):
    client.get(path)  # warm the per-process caches (site root paths)
    with django_assert_max_num_queries(15):
        assert client.get(path).status_code == 200


def test_section_listing_query_count_does_not_grow_with_its_pages(
    client, demo_ward, django_assert_max_num_queries
):
    section = SectionPage.objects.get(slug="van-hoa-xa-hoi")
    client.get(section.url)
    # The pillar lists children of several page types (education, health, welfare,
    # emergency, articles): specific() costs one query per type, never one per page.
    with django_assert_max_num_queries(18) as few:
        client.get(section.url)
    count = len(few.captured_queries)
    for number in range(15):
        section.add_child(
            instance=StandardPage(title=f"Thông báo số {number}", slug=f"thong-bao-{number}")
        ).save_revision().publish()
    client.get(section.url)  # the first request after a publication reads the menu again
    with django_assert_max_num_queries(count):
        html = client.get(section.url).content.decode()
    assert "Thông báo số 14" in html


def test_unknown_address_answers_404_in_vietnamese_with_a_way_home(client, demo_ward):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy trang" in html
    assert 'href="/"' in html


def test_sitemap_lists_every_pillar_and_robots_points_to_it(client, demo_ward):
    sitemap = client.get("/sitemap.xml").content.decode()
    for slug in PILLAR_SLUGS:
        assert f"/{slug}/</loc>" in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots
    assert "Sitemap: http://testserver/sitemap.xml" in robots


def test_page_titles_are_stored_in_nfc(demo_ward):
    section = SectionPage.objects.get(slug="so-lieu").specific
    section.title = unicodedata.normalize("NFD", "Số liệu thống kê")
    assert section.title != "Số liệu thống kê"
    section.save_revision().publish()
    section.refresh_from_db()
    assert section.title == "Số liệu thống kê"

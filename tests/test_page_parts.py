"""What every page repeats, kept between requests (content.page_parts), and routing a URL in
two queries whatever its depth (content.routing): fewer queries, and the same answers."""

import socket

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from content.models import SectionPage, StandardPage, WardSettings

pytestmark = pytest.mark.django_db


def warm_queries(client, url):
    """The SQL of a request to ``url`` after one that filled the shared cache."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [query["sql"] for query in captured]


def tables(queries, name):
    return [sql for sql in queries if f'"{name}"' in sql]


def article(parent, slug, **fields):
    page = parent.add_child(instance=StandardPage(title=fields.pop("title", slug), slug=slug))
    page.save_revision().publish()
    return page


def test_a_warm_page_reads_no_menu_settings_or_restrictions(client, demo_ward):
    response, queries = warm_queries(client, "/van-hoa-xa-hoi/")
    assert response.status_code == 200
    assert not tables(queries, "content_wardsettings")
    assert not tables(queries, "wagtailcore_pageviewrestriction")
    assert not [sql for sql in queries if 'AND "wagtailcore_page"."show_in_menus"' in sql]
    html = response.content.decode()
    assert "Thủ tục hành chính" in html  # the menu is there all the same
    assert WardSettings.for_site(demo_ward).authority_name in html


def test_the_menu_follows_publication(client, demo_ward):
    home = demo_ward.root_page
    section = home.add_child(
        instance=SectionPage(title="Chuyển đổi số", slug="chuyen-doi-so", show_in_menus=True)
    )
    client.get("/")
    section.save_revision().publish()
    assert 'href="/chuyen-doi-so/"' in client.get("/").content.decode()
    section.unpublish()
    assert 'href="/chuyen-doi-so/"' not in client.get("/").content.decode()


def test_new_ward_settings_show_on_the_next_page(client, demo_ward):
    client.get("/")
    ward = WardSettings.for_site(demo_ward)
    ward.hotline = "024 3999 8888"
    ward.save()
    assert "024 3999 8888" in client.get("/").content.decode()


def test_a_restriction_added_later_is_enforced_and_hides_the_section(client, demo_ward):
    section = SectionPage.objects.get(slug="doanh-nghiep")
    child = article(section, "ke-hoach-noi-bo", title="Kế hoạch nội bộ")
    assert client.get(child.url).status_code == 200
    assert 'href="/doanh-nghiep/"' in client.get("/").content.decode()
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    response = client.get(child.url)
    assert (
        response.status_code == 302
        and "next=/doanh-nghiep/ke-hoach-noi-bo/" in response["Location"]
    )
    assert 'href="/doanh-nghiep/"' not in client.get("/van-hoa-xa-hoi/").content.decode()
    PageViewRestriction.objects.filter(page=section).delete()
    assert client.get(child.url).status_code == 200


def route_queries(site, path):
    request = RequestFactory().get(path, HTTP_HOST=site.hostname)
    with CaptureQueriesContext(connection) as captured:
        page = Page.find_for_request(request, path)
    return page, len(captured)


def test_routing_costs_the_same_at_every_depth(demo_ward):
    home = demo_ward.root_page.specific
    section = SectionPage.objects.get(slug="van-hoa-xa-hoi")
    topic = section.add_child(instance=SectionPage(title="Thể thao", slug="the-thao"))
    topic.save_revision().publish()
    deep = article(topic, "giai-chay")
    shallow, shallow_cost = route_queries(demo_ward, section.url)
    found, deep_cost = route_queries(demo_ward, deep.url)
    assert shallow.pk == section.pk and found.pk == deep.pk
    assert type(found) is StandardPage  # the specific page, as Wagtail routes it
    assert deep_cost == shallow_cost <= 4
    assert [page.pk for page in found.route_ancestors] == [home.pk, section.pk, topic.pk]


def test_routing_answers_as_wagtail_does(client, demo_ward):
    section = SectionPage.objects.get(slug="van-hoa-xa-hoi")
    draft = section.add_child(instance=StandardPage(title="Bản nháp", slug="ban-nhap", live=False))
    moved = article(section, "tin-cu")
    assert client.get(draft.url or "/van-hoa-xa-hoi/ban-nhap/").status_code == 404
    assert client.get("/van-hoa-xa-hoi/khong-co/").status_code == 404
    assert client.get("/van-hoa-xa-hoi/tin-cu/them/").status_code == 404
    moved.move(SectionPage.objects.get(slug="doanh-nghiep"), pos="last-child")
    old = client.get("/van-hoa-xa-hoi/tin-cu/")
    assert old.status_code == 301 and old["Location"].endswith("/doanh-nghiep/tin-cu/")
    response = client.get("/doanh-nghiep/tin-cu/")
    assert response.status_code == 200
    html = response.content.decode()
    # Breadcrumbs from the pages the route walked: home, then the new parent.
    assert 'href="/">Trang chủ</a>' in html and 'href="/doanh-nghiep/">' in html


def test_with_the_cache_down_pages_show_current_settings_not_what_memory_kept(
    client, demo_ward, settings
):
    client.get("/")  # the parts are now kept in this process's memory
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens there once closed
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache.FailSoftRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    assert client.get("/").status_code == 200
    # Another process changes the settings: this one's memory hears nothing of it.
    WardSettings.objects.filter(site=demo_ward).update(hotline="024 3777 6666")
    response = client.get("/")
    assert response.status_code == 200
    assert "024 3777 6666" in response.content.decode()


def test_a_warm_page_finds_its_ward_and_home_page_without_a_query(client, demo_ward):
    _, queries = warm_queries(client, "/van-hoa-xa-hoi/")
    assert not tables(queries, "wagtailcore_site")
    assert not tables(queries, "content_homepage")


def test_each_host_gets_its_own_ward_and_a_new_ward_is_found_at_once(client, demo_ward, settings):
    """One install, many wards: the site kept for one host never answers another."""
    from wagtail.models import Site

    from content.models import HomePage

    settings.ALLOWED_HOSTS = ["*"]
    client.get("/", HTTP_HOST="localhost")
    # A host no ward has falls back to the default site, as in Wagtail.
    assert client.get("/", HTTP_HOST="xa-moi.example").status_code == 200
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Xã Mới", slug="xa-moi"))
    home.save_revision().publish()
    Site.objects.create(hostname="xa-moi.example", port=80, root_page=home, site_name="Xã Mới")
    other = client.get("/", HTTP_HOST="xa-moi.example")
    assert "Xã Mới" in other.content.decode()
    assert demo_ward.root_page.title in client.get("/", HTTP_HOST="localhost").content.decode()
    assert client.get("/van-hoa-xa-hoi/", HTTP_HOST="xa-moi.example").status_code == 404


def test_an_unknown_host_is_refused_before_anything_is_kept(client, demo_ward, settings):
    from content import page_parts

    settings.ALLOWED_HOSTS = ["localhost"]
    assert client.get("/", HTTP_HOST="ke-gian.example").status_code == 400
    assert not [name for name in page_parts._local if "ke-gian" in name]

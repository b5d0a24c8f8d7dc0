"""Short links for QR codes (/q/<code>): a code printed on a notice board keeps leading to its
page when the page moves or is renamed, and to a helpful page (never a 404) once it is gone.
The QR images are read back with a real decoder (zxing-cpp)."""

import io

import pytest
import zxingcpp
from PIL import Image

from content.models import Place, SectionPage, ShortLink, ShortLinkScan, StandardPage
from content.models.short_links import ALPHABET, CODE_LENGTH

PAGE_SLUG = "lich-tiem-chung-mo-rong"


@pytest.fixture
def page(demo_ward):
    return StandardPage.objects.get(slug=PAGE_SLUG)


def decode_png(client, link):
    response = client.get(f"/q/{link.code}.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(response.content)))
    assert len(results) == 1, "the PNG does not hold exactly one readable QR code"
    return results[0].text


def scan(client, link):
    """What a phone does: decode the printed code, open the URL it holds."""
    url = decode_png(client, link)
    assert url == f"http://testserver/q/{link.code}"
    return client.get(url.removeprefix("http://testserver"))


def test_every_published_page_has_a_short_printable_code(page):
    link = ShortLink.objects.get(page=page)
    assert len(link.code) == CODE_LENGTH and set(link.code) <= set(ALPHABET)
    page.save_revision().publish(skip_permission_checks=True)
    assert ShortLink.objects.get(page=page).code == link.code
    assert not ShortLink.objects.filter(page__live=True).exclude(code__regex=r"^[2-9a-z]+$")


def test_the_qr_code_leads_to_the_page_and_follows_it_when_it_moves(client, page):
    link = ShortLink.objects.get(page=page)
    response = scan(client, link)
    assert response.status_code == 302 and response.url == page.url

    governance = SectionPage.objects.get(slug="dieu-hanh-cong-khai")
    page.move(governance, pos="last-child")
    page = StandardPage.objects.get(pk=page.pk)
    page.slug = "lich-tiem-chung-thang-12"
    page.save_revision().publish(skip_permission_checks=True)
    response = scan(client, link)
    assert response.status_code == 302
    assert response.url == "/dieu-hanh-cong-khai/lich-tiem-chung-thang-12/"
    assert client.get(response.url).status_code == 200
    # A code typed from the poster in capitals works too.
    assert client.get(f"/q/{link.code.upper()}").status_code == 302


def test_a_retired_page_leads_to_a_helpful_page_never_a_404(client, page):
    link = ShortLink.objects.get(page=page)
    section = page.get_parent()
    page.unpublish()
    response = scan(client, link)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trang này không còn đăng" in html and page.title in html
    assert f'href="{section.url}"' in html

    page.delete()
    response = client.get(f"/q/{link.code}")
    assert response.status_code == 200
    assert f'href="{section.url}"' in response.content.decode()


def test_scans_are_counted_per_day_without_personal_data(client, page):
    link = ShortLink.objects.get(page=page)
    for _ in range(3):
        client.get(f"/q/{link.code}")
    assert list(ShortLinkScan.objects.values_list("link_id", "count")) == [(link.pk, 3)]
    fields = {f.name for f in ShortLinkScan._meta.get_fields()}
    assert fields == {"id", "link", "place", "day", "count"}
    # Downloading the QR image is not a scan.
    client.get(f"/q/{link.code}.png")
    assert ShortLinkScan.objects.get().count == 3


def test_qr_images_come_in_svg_and_chosen_sizes_and_levels(client, page):
    link = ShortLink.objects.get(page=page)
    svg = client.get(f"/q/{link.code}.svg")
    assert svg["Content-Type"] == "image/svg+xml"
    assert svg.content.startswith(b"<svg") or b"<svg" in svg.content[:200]
    small = client.get(f"/q/{link.code}.png?px=200&ec=H")
    large = client.get(f"/q/{link.code}.png?px=1200&ec=H")
    assert Image.open(io.BytesIO(small.content)).width <= 200
    assert Image.open(io.BytesIO(large.content)).width > 1000
    assert client.get(f"/q/{link.code}.png?ec=X").status_code == 404
    assert client.get("/q/zzzzzz").status_code == 404


def test_the_procedure_page_shows_its_qr_code(client, demo_procedures):
    from tthc.models import ProcedurePage

    birth = ProcedurePage.objects.get(procedure__code="1.001193")
    link = ShortLink.objects.get(page=birth)
    html = client.get(birth.url).content.decode()
    assert f'src="/q/{link.code}.svg"' in html
    assert f"testserver/q/{link.code}" in html
    assert client.get(f"/q/{link.code}").url == birth.url


def test_a_place_tagged_code_leads_to_the_page_and_counts_per_place(client, page):
    """The poster on group 12's notice board carries /q/<code>/tdp-12: the same page, and its
    scans are counted for group 12, apart from the desk's and from the untagged code's."""
    link = ShortLink.objects.get(page=page)
    board = Place.objects.get(site=page.get_site(), code="tdp-12")
    desk = Place.objects.get(site=page.get_site(), code="mot-cua")

    response = client.get(f"/q/{link.code}.png?place=tdp-12&px=400")
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(response.content)))[0].text
    assert decoded == f"http://testserver/q/{link.code}/tdp-12"
    for _ in range(2):
        landed = client.get(decoded.removeprefix("http://testserver"), follow=True)
        assert landed.status_code == 200 and landed.redirect_chain[-1][0] == page.url
    assert client.get(f"/q/{link.code}/mot-cua").url == page.url
    assert client.get(f"/q/{link.code.upper()}/TDP-12/").url == page.url  # typed by hand
    client.get(f"/q/{link.code}")

    counts = {scan.place_id: scan.count for scan in ShortLinkScan.objects.filter(link=link)}
    assert counts == {board.pk: 3, desk.pk: 1, None: 1}


def test_an_unknown_place_never_breaks_the_link(client, page):
    link = ShortLink.objects.get(page=page)
    response = client.get(f"/q/{link.code}/tdp-999")
    assert response.status_code == 302 and response.url == page.url
    assert list(ShortLinkScan.objects.values_list("place_id", "count")) == [(None, 1)]
    # Staff asking for the image of a place that does not exist are told so.
    assert client.get(f"/q/{link.code}.png?place=tdp-999").status_code == 404


def test_a_place_with_scans_is_retired_not_deleted(client, page):
    from django.db.models import ProtectedError

    link = ShortLink.objects.get(page=page)
    client.get(f"/q/{link.code}/tdp-12")
    place = Place.objects.get(code="tdp-12")
    with pytest.raises(ProtectedError):
        place.delete()


def test_a_tagged_scan_costs_two_reads_and_one_write(client, page, django_assert_max_num_queries):
    """The link (with its page), the place, one increment, and the request's site for the
    page's URL: the count never slows the redirect. (The day's first scan of a code and place
    inserts its row after the update finds none.)"""
    link = ShortLink.objects.get(page=page)
    client.get(f"/q/{link.code}/tdp-12")
    with django_assert_max_num_queries(4):
        assert client.get(f"/q/{link.code}/tdp-12").status_code == 302

"""QR posters as they come out of a printer: chromium prints the A4 poster to PDF (the same
engine as the browser's "Save as PDF"), poppler's pdftoppm renders the PDF to a PNG, and a real
QR decoder reads the code from that PNG and follows it to the page. The PNG is left in
var/screenshots/ for a human to look at (a copy is in docs/screenshots/). The desk's
satisfaction vote is then used on a phone without JavaScript."""

import shutil
import subprocess

import pytest
import zxingcpp
from django.conf import settings
from django.test import Client
from django.urls import reverse
from PIL import Image

from content.models import Place, SatisfactionPage, SatisfactionVote, ShortLink, StandardPage
from tests.workflow_helpers import user

from .conftest import _context
from .test_public_pages import check_public_page

pytestmark = pytest.mark.browser

PAGE_SLUG = "lich-tiem-chung-mo-rong"
MM_IN_POINTS = 72 / 25.4


def poppler(tool):
    path = shutil.which(tool)
    if path is None:
        pytest.fail(
            f"{tool} not found: install Debian's poppler-utils (`make chromium` does).",
            pytrace=False,
        )
    return path


@pytest.fixture
def staff(browser, site_url):
    """A browser context logged in to the admin as a member of the Office."""
    client = Client()
    client.force_login(user("vanphong"))
    context = _context(browser, site_url)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": site_url,
            }
        ]
    )
    yield context
    context.close()


def print_to_pdf(context, url, path):
    page = context.new_page()
    page.goto(url)
    page.emulate_media(media="print")
    page.pdf(path=path, prefer_css_page_size=True, print_background=True)
    page.close()
    info = subprocess.run(
        [poppler("pdfinfo"), str(path)], capture_output=True, text=True, check=True
    ).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    width, _, height = fields["Page size"].split()[:3]
    return int(fields["Pages"]), (
        round(float(width) / MM_IN_POINTS),
        round(float(height) / MM_IN_POINTS),
    )


def test_the_printed_a4_poster_scans_to_the_page(staff, site_url, screenshot_dir):
    page = StandardPage.objects.get(slug=PAGE_SLUG)
    link = ShortLink.objects.get(page=page)
    poster = reverse("content_shortlink:poster", args=[link.code]) + "?size=a4&place=tdp-12"
    pdf = screenshot_dir / "ap-phich-a4.pdf"
    pages, size = print_to_pdf(staff, site_url + poster, pdf)
    assert pages == 1, "the A4 poster spills onto a second sheet"
    assert size == (210, 297)  # A4, in millimetres

    # 150 dpi: what an office printer gives, and enough to read.
    subprocess.run(
        [poppler("pdftoppm"), "-png", "-r", "150", "-singlefile", str(pdf),
         str(screenshot_dir / "ap-phich-a4")],
        check=True,
    )  # fmt: skip
    image = Image.open(screenshot_dir / "ap-phich-a4.png")
    assert abs(image.width - 1240) <= 2 and abs(image.height - 1754) <= 2
    [code] = zxingcpp.read_barcodes(image)
    assert code.text == f"http://localhost/q/{link.code}/tdp-12"

    phone = staff.new_page()
    phone.goto(site_url + code.text.removeprefix("http://localhost"))
    assert phone.url == site_url + page.url
    assert phone.locator("h1").inner_text() == page.title
    board = Place.objects.get(code="tdp-12")
    assert link.scans.get(place=board).count == 1


def test_the_bulk_sheet_prints_one_a5_page_per_residential_group(staff, site_url, screenshot_dir):
    link = ShortLink.objects.get(page=StandardPage.objects.get(slug=PAGE_SLUG))
    sheet = reverse("content_shortlink:poster_sheet", args=[link.code]) + "?size=a5"
    pages, size = print_to_pdf(staff, site_url + sheet, screenshot_dir / "bo-ap-phich-a5.pdf")
    groups = Place.objects.filter(kind__in=Place.RESIDENTIAL_KINDS, is_active=True).count()
    assert pages == groups == 76
    assert size == (148, 210)  # A5, in millimetres


def test_the_desk_vote_passes_the_public_page_checks(phone_page, screenshot_dir):
    vote = SatisfactionPage.objects.get()
    check_public_page(phone_page, vote.url, "vi", screenshot_dir, "danh-gia-mot-cua-360.png")


def test_the_desk_vote_works_on_a_phone_without_javascript(phone_page_without_js):
    page = phone_page_without_js
    page.goto(SatisfactionPage.objects.get().url)
    page.get_by_label("Rất hài lòng").check()
    page.get_by_label("Ý kiến thêm (không bắt buộc)").fill("Cán bộ hướng dẫn rất tận tình.")
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.get_by_text("Đã nhận đánh giá").wait_for()
    assert SatisfactionVote.summary() == {"rated": 1, "satisfied": 1, "mean": 5.0}

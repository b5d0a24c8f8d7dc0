"""At most ten SQL queries on every kind of public page, at the demo's size and when the ward
has grown (issue 17): a page's cost must not depend on how many pages the ward has.

Counted on a warm request (the second of the same URL: the first fills the shared cache, as
the first visitor after a publication does), over one page of each page type in the full demo
and the public views that are not pages (search, the report form and look-ups, feeds,
calendars, exports, the site map)."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from content.models import SectionPage, StandardPage
from feedback.models import FeedbackReport
from governance.models import DocumentRegisterPage, OfficialDocumentPage
from tests.catalogue_items import many
from tests.test_tthc_pages import load

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo_full")]

BUDGET = 10
VIEWS = [
    "/tim-kiem/?q=khai+sinh",
    "/tim-kiem/?q=",
    "/tim-kiem/goi-y/?q=kha",
    "/thu-tuc-hanh-chinh/?linh-vuc=ho-tich",
    "/thu-tuc-hanh-chinh/?muc-do=toan-trinh",
    "/phan-anh-kien-nghi/gui/",
    "/phan-anh-kien-nghi/tra-cuu/",
    "/phan-anh-kien-nghi/ket-qua/",
    "/phan-anh-kien-nghi/ket-qua/rss/",
    "/dieu-hanh-cong-khai/van-ban/?loai=quyet-dinh",
    "/dieu-hanh-cong-khai/van-ban/rss/",
    "/dieu-hanh-cong-khai/thong-bao-ke-hoach/rss/",
    "/dieu-hanh-cong-khai/lich-cong-tac/ical/",
    "/van-hoa-xa-hoi/y-te/ical/",
    "/so-lieu/du-lieu-csv/",
    "/so-lieu/so-dem-csv/",
    "/sitemap.xml",
]


def urls(site):
    one_per_type = {}
    for page in Page.objects.live().public().descendant_of(site.root_page, inclusive=True):
        one_per_type.setdefault(page.specific_class.__name__, page.get_url())
    public_report = FeedbackReport.objects.filter(site=site).first()
    status = [f"/phan-anh-kien-nghi/tra-cuu/{public_report.code}/"] if public_report else []
    published = FeedbackReport.objects.filter(site=site, publish_result=True, status="da_xu_ly")
    result = [f"/phan-anh-kien-nghi/ket-qua/{r.pk}/" for r in published[:1]]
    return {**one_per_type, **{url: url for url in VIEWS + status + result}}


def costs(client, named):
    counts = {}
    for name, url in named.items():
        # Twice: a page's first view may create a row that moves the shared generation on
        # (its short link), and the next request reads the shared parts again.
        client.get(url)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, (name, url, response.status_code)
        counts[name] = len(captured)
    return counts


def grow(site, tmp_path):
    """Several pages' worth more of each list: procedures, articles and documents (the
    counts must not move; bench/growth.py prints them at 2,500 procedures)."""
    load(many(200), tmp_path)
    section = SectionPage.objects.get(slug="van-hoa-xa-hoi")
    for number in range(40):
        section.add_child(
            instance=StandardPage(title=f"Tin hoạt động số {number}", slug=f"tin-{number}")
        ).save_revision().publish()
    register = DocumentRegisterPage.objects.descendant_of(site.root_page).get()
    for number in range(45):
        register.add_child(
            instance=OfficialDocumentPage(
                title=f"Về việc triển khai nhiệm vụ số {number}",
                number=f"{900 + number}/QĐ-UBND",
                doc_type="quyet-dinh",
                issuer="UBND phường",
                signer_title="Chủ tịch UBND phường",
                issued_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=number),
                intro="Tóm tắt văn bản.",
            )
        ).save_revision().publish()


def test_every_public_page_type_stays_within_ten_queries_as_the_ward_grows(demo_full, tmp_path):
    client = Client()
    named = urls(demo_full)
    assert len(named) > 40
    demo = costs(client, named)
    over = {name: count for name, count in demo.items() if count > BUDGET}
    assert not over, f"over {BUDGET} queries at the demo's size: {over}"
    grow(demo_full, tmp_path)
    grown = costs(client, named)
    assert grown == demo

"""The official-document register: filters without JavaScript, statuses and "replaced by",
the address by number, the RSS feed and what the register costs to render."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.models import ShortLink
from governance.models import OfficialDocumentPage
from governance.models.documents import PER_PAGE, number_slug
from tests import governance_helpers as gh

pillar = gh.pillar
pytestmark = pytest.mark.django_db


def numbers_on(response):
    import re

    return re.findall(r'class="register__number">[^<]*số ([^<]+)</span>', gh.text_of(response))


@pytest.fixture
def register(pillar):
    pillar.document("01/2025/QĐ-UBND", doc_type="quyet-dinh", issued_on=datetime.date(2025, 7, 2))
    pillar.document(
        "05/NQ-HĐND",
        doc_type="nghi-quyet",
        issuer="HĐND phường",
        issued_on=datetime.date(2025, 12, 18),
    )
    pillar.document("18/KH-UBND", doc_type="ke-hoach", issued_on=datetime.date(2026, 1, 20))
    pillar.document(
        "45/KH-UBND",
        doc_type="ke-hoach",
        issued_on=datetime.date(2025, 7, 28),
        status="het-hieu-luc",
    )
    return pillar


def test_filters_by_type_year_issuer_and_status(client, register):
    url = register.register.url
    assert sorted(numbers_on(client.get(url))) == sorted(
        ["01/2025/QĐ-UBND", "05/NQ-HĐND", "18/KH-UBND", "45/KH-UBND"]
    )
    assert sorted(numbers_on(client.get(url + "?loai=ke-hoach"))) == ["18/KH-UBND", "45/KH-UBND"]
    assert numbers_on(client.get(url + "?loai=ke-hoach&nam=2026")) == ["18/KH-UBND"]
    assert numbers_on(client.get(url + "?co-quan=hdnd-phuong")) == ["05/NQ-HĐND"]
    assert numbers_on(client.get(url + "?tinh-trang=het-hieu-luc")) == ["45/KH-UBND"]
    assert numbers_on(client.get(url + "?tinh-trang=het-hieu-luc&nam=2026")) == []


def test_newest_first_and_the_form_keeps_the_choices(client, register):
    response = client.get(register.register.url + "?nam=2025&loai=ke-hoach")
    html = gh.text_of(response)
    assert '<option value="2025" selected>' in html
    assert '<option value="ke-hoach" selected>' in html
    assert "Bỏ lọc" in html
    assert numbers_on(client.get(register.register.url))[0] == "18/KH-UBND"


def test_unknown_filter_values_are_ignored(client, register):
    response = client.get(
        register.register.url + "?loai=<script>&nam=1900&co-quan=x&tinh-trang=zz&trang=abc"
    )
    assert response.status_code == 200
    assert len(numbers_on(response)) == 4
    assert "<script>" not in gh.text_of(response)


def test_a_number_typed_in_the_search_box_leads_to_the_document(client, register):
    page = OfficialDocumentPage.objects.get(number="01/2025/QĐ-UBND")
    assert page.slug == "01-2025-qd-ubnd"
    for typed in ("01/2025/QĐ-UBND", "01/2025/qd-ubnd", " 01/2025/QD-UBND "):
        response = client.get(register.register.url, {"so": typed})
        assert response.status_code == 302, typed
        assert response["Location"] == page.url
    response = client.get(register.register.url + "so/01-2025-QD-UBND/")
    assert response["Location"] == page.url
    # Part of a number filters the list instead.
    assert sorted(numbers_on(client.get(register.register.url, {"so": "KH-UBND"}))) == [
        "18/KH-UBND",
        "45/KH-UBND",
    ]
    assert "Không có văn bản nào khớp" in gh.text_of(
        client.get(register.register.url, {"so": "999/QĐ-UBND"})
    )


def test_number_slug():
    assert number_slug("15/2025/QĐ-UBND") == "15-2025-qd-ubnd"
    assert number_slug("1024/UBND-VP") == "1024-ubnd-vp"


def test_a_replaced_document_needs_its_replacement_and_links_to_it(client, pillar):
    old = pillar.document("01/2025/QĐ-UBND")
    new = pillar.document("08/2026/QĐ-UBND", title="Quy chế làm việc mới")
    old.status = "bi-thay-the"
    with pytest.raises(ValidationError) as error:
        old.full_clean()
    assert "status" in error.value.message_dict
    old.superseded_by = new
    old.save_revision().publish()

    old_html = gh.text_of(client.get(old.url))
    assert "Văn bản này đã hết hiệu lực" in old_html
    code = ShortLink.objects.get(page=old).code  # every published document gets a QR code
    assert f"/q/{code}" in old_html
    assert f'href="{new.url}"' in old_html
    new_html = gh.text_of(client.get(new.url))
    assert "Thay thế văn bản" in new_html and "01/2025/QĐ-UBND" in new_html
    listing = gh.text_of(client.get(pillar.register.url + "?tinh-trang=bi-thay-the"))
    assert "Thay thế bởi" in listing and "Quy chế làm việc mới" in listing


def test_an_amended_document_links_to_the_amending_one(client, pillar):
    base = pillar.document("03/2025/QĐ-UBND")
    amending = pillar.document("04/2026/QĐ-UBND")
    base.status = "da-sua-doi"
    with pytest.raises(ValidationError):
        base.full_clean()
    base.amended_by = amending
    base.save_revision().publish()
    assert "đã được sửa đổi, bổ sung bởi" in gh.text_of(client.get(base.url))
    assert "Sửa đổi, bổ sung" in gh.text_of(client.get(amending.url))


def test_dates_and_numbers_are_checked(pillar):
    page = pillar.document("02/2026/QĐ-UBND")
    page.effective_on = page.issued_on - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "effective_on" in error.value.message_dict
    with pytest.raises(ValidationError):
        pillar.document("02/2026/QĐ-UBND")  # the same number twice: the same address


def test_the_document_page_shows_the_register_fields_and_the_pdf(client, pillar):
    page = pillar.document(
        "15/2025/QĐ-UBND",
        signer_title="Phó Chủ tịch UBND phường",
        signer_name="Lê Thị Thử",
        effective_on=datetime.date(2026, 2, 1),
        file=pillar.pdf("Quyết định 15/2025/QĐ-UBND"),
    )
    html = gh.text_of(client.get(page.url))
    for text in (
        "Quyết định số 15/2025/QĐ-UBND",
        "Phó Chủ tịch UBND phường Lê Thị Thử",
        "01/02/2026",
        "Còn hiệu lực",
        "Tải văn bản (PDF",
    ):
        assert text in html, text
    pdf = client.get(page.file.url)
    assert b"".join(pdf.streaming_content if pdf.streaming else [pdf.content]).startswith(b"%PDF")


def test_search_hooks(pillar):
    page = pillar.document("15/2025/QĐ-UBND", issuer="UBND phường")
    assert page.search_kind == "van-ban"
    assert page.search_codes() == ["15/2025/QĐ-UBND"]
    text = page.search_text()
    assert "Quyết định" in text and "15/2025/QĐ-UBND" in text and "<" not in text


def test_rss_lists_public_documents_escaped(client, pillar):
    pillar.document(
        "07/TB-UBND", doc_type="thong-bao", title='Thông báo <script>alert("x")</script> & lịch'
    )
    hidden = pillar.document("08/TB-UBND", title="Bản nháp chưa đăng")
    hidden.unpublish()
    html = gh.text_of(client.get(pillar.register.url))
    assert (
        f'<link rel="alternate" type="application/rss+xml" title="Văn bản mới" href="{pillar.register.url}rss/">'
        in html
    )
    response = client.get(pillar.register.url + "rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert "<script>" not in body
    channel = ET.fromstring(response.content).find("channel")
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles == ['Thông báo số 07/TB-UBND: Thông báo <script>alert("x")</script> & lịch']
    assert channel.find("item").findtext("link").endswith("/van-ban/07-tb-ubnd/")


def test_query_counts_do_not_grow_with_the_register(client, pillar):
    for number in range(3):
        pillar.document(f"{number + 1}/QĐ-UBND", file=pillar.pdf())
    url = pillar.register.url
    few = gh.count_queries(client, url), gh.count_queries(client, url + "?loai=quyet-dinh&nam=2026")
    first = OfficialDocumentPage.objects.first()
    for number in range(3, PER_PAGE + 5):
        pillar.document(f"{number + 1}/QĐ-UBND", file=pillar.pdf(), superseded_by=None)
    first.status = "bi-thay-the"
    first.superseded_by = OfficialDocumentPage.objects.last()
    first.save()
    many = (
        gh.count_queries(client, url),
        gh.count_queries(client, url + "?loai=quyet-dinh&nam=2026"),
    )
    assert many == few
    assert max(many) <= 10, many
    second_page = client.get(url + "?trang=2")
    assert len(numbers_on(second_page)) == 5
    assert "Trang 2/2" in gh.text_of(second_page)
    assert gh.count_queries(client, OfficialDocumentPage.objects.first().url) <= 10


def test_the_pillar_lists_the_newest_documents_in_few_queries(client, pillar):
    pillar.document("1/QĐ-UBND", title="Văn bản cũ nhất", issued_on=datetime.date(2025, 7, 1))
    few = gh.count_queries(client, pillar.pillar.url)
    for number in range(2, 12):
        pillar.document(f"{number}/QĐ-UBND", issued_on=datetime.date(2026, 1, number))
    html = gh.text_of(client.get(pillar.pillar.url))
    assert "Văn bản mới ban hành" in html
    assert "11/QĐ-UBND" in html and "Văn bản cũ nhất" not in html
    assert gh.count_queries(client, pillar.pillar.url) == few
    assert few <= 10, few


def test_a_document_costs_the_same_however_many_it_replaces_or_amends(client, pillar):
    new = pillar.document("20/2026/QĐ-UBND", file=pillar.pdf())
    old = pillar.document("1/2025/QĐ-UBND", status="bi-thay-the", superseded_by=new)
    new.amended_by = pillar.document("21/2026/QĐ-UBND")
    new.status = "da-sua-doi"
    new.save()
    few = gh.count_queries(client, new.url), gh.count_queries(client, old.url)
    for number in range(2, 12):
        pillar.document(f"{number}/2025/QĐ-UBND", status="bi-thay-the", superseded_by=new)
        pillar.document(f"{number}/2024/QĐ-UBND", status="da-sua-doi", amended_by=new)
    html = gh.text_of(client.get(new.url))
    assert "11/2025/QĐ-UBND" in html and "11/2024/QĐ-UBND" in html
    assert "đã được sửa đổi, bổ sung bởi" in html
    assert (gh.count_queries(client, new.url), gh.count_queries(client, old.url)) == few
    assert max(few) <= 10, few
    assert gh.count_queries(client, pillar.register.url + "rss/") <= 10
    for url in ("so/20-2026-qd-ubnd/", "?so=20/2026/QĐ-UBND"):
        client.get(pillar.register.url + url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(pillar.register.url + url)["Location"] == new.url
        assert len(captured) <= 10, url


def test_a_replacement_that_is_not_live_or_not_a_document(client, pillar):
    new = pillar.document("08/2026/QĐ-UBND", title="Quy chế làm việc mới")
    old = pillar.document("01/2025/QĐ-UBND", status="bi-thay-the", superseded_by=new)
    new.unpublish()
    html = gh.text_of(client.get(old.url))
    assert "Văn bản này đã hết hiệu lực" in html and "Văn bản thay thế" not in html
    old.superseded_by = pillar.announcements
    old.save()
    html = gh.text_of(client.get(old.url))
    assert f'Văn bản thay thế: <a href="{pillar.announcements.url}">' in html

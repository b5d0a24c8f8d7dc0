"""Public pages of the procedures pillar: what a citizen sees, and what it costs to render."""

import pytest

from tests.catalogue_items import FIELDS, many
from tthc import sync
from tthc.models import ProcedureIndexPage, ProcedurePage
from tthc.models.pages import GROUP_PREVIEW, MOST_USED, PER_PAGE

pytestmark = pytest.mark.django_db


def load(items, tmp_path):
    import json

    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps({"items": items}, ensure_ascii=False), encoding="utf-8")
    # The test's whole catalogue, replacing any other (as a person who confirms it would).
    run = sync.sync_from_file(path, publish_new=True, confirm_withdrawals=True)
    assert run.status == "success", run.message


def queries(client, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the per-process caches (site root paths)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def pages_built(client, url):
    """How many procedure page objects one request builds."""
    from django.db.models.signals import post_init

    built = []

    def count(sender, instance, **kwargs):
        built.append(instance)

    post_init.connect(count, sender=ProcedurePage)
    try:
        assert client.get(url).status_code == 200
    finally:
        post_init.disconnect(count, sender=ProcedurePage)
    return len(built)


def costs(client, index, page, django_assert_max_num_queries):
    urls = {
        "index": index.url,
        "filtered": index.url + "?linh-vuc=ho-tich",
        "by level": index.url + "?muc-do=toan-trinh",
        "procedure": page.url,
    }
    counts = {
        name: queries(client, url, django_assert_max_num_queries) for name, url in urls.items()
    }
    built = {name: pages_built(client, url) for name, url in urls.items()}
    return counts, built


def test_query_counts_stay_the_same_from_40_to_240_procedures(
    client, demo_ward, tmp_path, django_assert_max_num_queries
):
    load(many(40), tmp_path)
    index = ProcedureIndexPage.objects.get()
    page = ProcedurePage.objects.get(procedure__code="1.000007")
    counts_40, built_40 = costs(client, index, page, django_assert_max_num_queries)
    load(many(240), tmp_path)  # six times as many: past every page size
    assert ProcedurePage.objects.live().count() == 240
    counts_240, built_240 = costs(client, index, page, django_assert_max_num_queries)
    assert counts_240 == counts_40
    assert max(counts_240.values()) <= 10, counts_240
    # Only what is shown is built: the most used, a few per field, one page of a filtered list.
    assert built_240["index"] == built_40["index"], (built_40, built_240)
    assert built_240["procedure"] == built_40["procedure"], (built_40, built_240)
    assert built_240["filtered"] <= PER_PAGE
    assert built_240["by level"] <= PER_PAGE
    assert built_240["index"] <= MOST_USED + GROUP_PREVIEW * len(FIELDS)
    response = client.get(index.url + "?linh-vuc=ho-tich")
    html = response.content.decode()
    on_hoa = ProcedurePage.objects.filter(catalogue__field__slug="ho-tich").count()
    assert f"{on_hoa} thủ tục thuộc lĩnh vực Hộ tịch" in html
    assert 'rel="next"' in html
    last = client.get(index.url + f"?linh-vuc=ho-tich&trang={-(-on_hoa // PER_PAGE)}")
    assert 'rel="next"' not in last.content.decode()
    assert 'rel="prev"' in last.content.decode()


def test_a_procedure_page_renders_documents_missing_optional_keys(client, demo_ward, tmp_path):
    """``documents`` is free JSON: an entry saved without ``copies`` or ``note`` still renders
    (it answered 500 with ``Unknown format code 'd'``)."""
    load(many(3), tmp_path)
    page = ProcedurePage.objects.get(procedure__code="1.000002")
    version = page.catalogue
    version.documents = [
        {"name": "Tờ khai theo mẫu"},
        {"name": "Giấy chứng sinh", "copies": "2"},
        {"name": "Căn cước", "copies": None, "note": "Bản chính để đối chiếu"},
        {"name": "Giấy tờ khác", "copies": "hai bản"},
        {"name": "Ảnh 4x6", "copies": 0},
    ]
    version.save()
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("Tờ khai theo mẫu", "Giấy chứng sinh", "Căn cước", "Giấy tờ khác", "Ảnh 4x6"):
        assert name in html
    assert "02 bản" in html
    assert "Xuất trình" in html
    assert "Bản chính để đối chiếu" in html
    assert "Không cần nộp" in html
    assert "hai bản" not in html  # an unreadable count says nothing rather than something wrong


def test_the_list_follows_every_publication(client, demo_ward, tmp_path):
    """The list's counts are cached; unpublishing, publishing and the catalogue sync show at
    once."""
    load(many(8), tmp_path)
    index = ProcedureIndexPage.objects.get()
    assert "Tra cứu 8 thủ tục" in client.get(index.url).content.decode()
    gone = ProcedurePage.objects.get(procedure__code="1.000003")
    gone.unpublish()
    html = client.get(index.url).content.decode()
    assert "Tra cứu 7 thủ tục" in html
    assert gone.title not in html
    popular = ProcedurePage.objects.get(procedure__code="1.000005")
    popular.cases_per_month = 10_000
    popular.save_revision().publish()
    html = client.get(index.url).content.decode()
    most_used = html[html.index("most-used-title") : html.index("browse-title")]
    first = most_used.split('class="proc-list__link"')[1]
    assert first.split("</a>")[0].endswith(popular.title)
    load(many(12), tmp_path)
    assert "Tra cứu 11 thủ tục" in client.get(index.url).content.decode()


@pytest.fixture
def birth(demo_ward, tmp_path):
    from tests.catalogue_items import item

    fees = [
        {"label": "Đăng ký khai sinh đúng hạn", "amount_vnd": 0, "note": None},
        {"label": "Đăng ký khai sinh quá hạn", "amount_vnd": 8000, "note": "Theo nghị quyết HĐND"},
    ]
    load(
        [
            item(fees=fees),
            item(
                code="1.000894", name="Thủ tục đăng ký kết hôn", level="truc_tiep", online_url=None
            ),
        ],
        tmp_path,
    )
    return ProcedurePage.objects.get(procedure__code="1.001193")


def test_procedure_page_answers_time_fee_place_and_online_link(client, birth):
    html = client.get(birth.url).content.decode()
    glance = html[html.index('class="glance"') : html.index('class="toc"')]
    assert "Trong ngày" in glance
    assert "Từ 8.000 đồng" in glance
    assert "Bộ phận Một cửa" in glance and 'href="#noi-nop"' in glance
    assert "Trực tuyến toàn trình" in glance
    assert "ma_thu_tuc=1.001193" in glance
    # The details below: documents with copies, numbered steps, fees, where, legal basis.
    assert "Giấy chứng sinh" in html and "01 bản" in html
    assert html.count('class="steps__item"') == 3
    assert "Theo nghị quyết HĐND" in html
    assert "Luật Hộ tịch số 60/2014/QH13" in html
    assert '"@type": "GovernmentService"' in html and '"identifier": "1.001193"' in html


def test_in_person_only_procedure_has_no_online_button(client, birth):
    page = ProcedurePage.objects.get(procedure__code="1.000894")
    html = client.get(page.url).content.decode()
    assert "Nộp hồ sơ trực tuyến" not in html
    assert "Nộp trực tiếp" in html


def test_a_printed_code_leads_to_its_procedure(client, birth):
    index = ProcedureIndexPage.objects.get()
    response = client.get(index.url + "ma/1.001193/")
    assert response.status_code == 302 and response["Location"] == birth.url
    assert client.get(index.url + "ma/9.999999/").status_code == 404


def test_index_browses_by_field_and_online_level_with_counts(client, demo_ward, tmp_path):
    load(many(12), tmp_path)
    index = ProcedureIndexPage.objects.get()
    html = client.get(index.url).content.decode()
    assert "Tra cứu 12 thủ tục" in html
    assert 'value="ho-tich">Hộ tịch (2)</option>' in html
    assert "Trực tuyến toàn trình (5)" in html and "Nộp trực tiếp (1)" in html
    filtered = client.get(index.url + "?linh-vuc=ho-tich&muc-do=mot-phan").content.decode()
    assert "1 thủ tục thuộc lĩnh vực Hộ tịch" in filtered
    assert "Thủ tục mẫu số 6 về hộ tịch" in filtered
    assert "Thủ tục mẫu số 12 về hộ tịch" not in filtered  # in person only
    # Unfiltered, each field shows its first procedures and links to the rest.
    load(many(40), tmp_path)
    html = client.get(index.url).content.decode()
    group = html[html.index('id="field-ho-tich"') :]
    group = group[: group.index("</section>")]
    assert group.count('class="proc-list__item"') == 5
    assert 'href="?linh-vuc=ho-tich">Xem cả 6 thủ tục Hộ tịch</a>' in group
    # An unknown filter value is ignored, never an error.
    assert client.get(index.url + "?linh-vuc=%3Cscript%3E&muc-do=x").status_code == 200


def test_most_used_procedures_come_first(client, demo_ward, tmp_path):
    load(many(10), tmp_path)
    ProcedurePage.objects.filter(procedure__code="1.000007").update(cases_per_month=400)
    ProcedurePage.objects.filter(procedure__code="1.000003").update(cases_per_month=90)
    html = client.get(ProcedureIndexPage.objects.get().url).content.decode()
    most_used = html[html.index("most-used-title") : html.index("browse-title")]
    assert most_used.index("Thủ tục mẫu số 7 ") < most_used.index("Thủ tục mẫu số 3 ")


def test_forms_download_with_their_names_and_types_and_are_counted(client, birth):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    from content.models import DocumentDownload
    from tthc.models import ProcedureFormItem

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    blank = Document(title="Tờ khai đăng ký khai sinh")
    blank.file.save("to-khai-dang-ky-khai-sinh.pdf", ContentFile(pdf), save=False)
    blank.save()
    sample = Document(title="Tờ khai đăng ký khai sinh (mẫu đã điền)")
    sample.file.save(
        "to-khai-dang-ky-khai-sinh-mau.docx", ContentFile(b"PK\x03\x04docx"), save=False
    )
    sample.save()
    page = birth.get_latest_revision_as_object()
    page.forms = [ProcedureFormItem(title="Tờ khai đăng ký khai sinh", blank=blank, sample=sample)]
    page.save_revision().publish(skip_permission_checks=True)

    html = client.get(birth.url).content.decode()
    assert f'href="{blank.url}"' in html and f'href="{sample.url}"' in html
    assert "Mẫu trắng" in html and "Mẫu đã điền sẵn" in html

    response = client.get(blank.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="to-khai-dang-ky-khai-sinh.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == pdf
    response = client.get(sample.url)
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"].startswith("attachment")
    client.get(blank.url)
    counts = dict(DocumentDownload.objects.values_list("document__title", "count"))
    assert counts == {
        "Tờ khai đăng ký khai sinh": 2,
        "Tờ khai đăng ký khai sinh (mẫu đã điền)": 1,
    }
    assert DocumentDownload.objects.filter(site=birth.get_site()).count() == 2


def test_the_demo_ward_has_a_real_catalogue_faq_and_life_events(client, demo_procedures):
    """What a demo must show a ward: 40+ commune-level procedures across 8+ fields, each with
    the ward's own guidance; 60+ desk questions answered and linked; 5+ life events."""
    import json

    from tthc.models import FaqPage, LifeEventPage, ProcedureFormItem

    pages = ProcedurePage.objects.live().select_related("catalogue__field")
    assert pages.count() >= 40
    assert len({page.catalogue.field_id for page in pages}) >= 8
    assert all(page.guidance and page.cases_per_month for page in pages)
    assert all(page.title != page.catalogue.name for page in pages), "plain titles"

    faqs = FaqPage.objects.live()
    assert faqs.count() >= 60
    assert all(faq.procedures.exists() and faq.field_id for faq in faqs)
    library = faqs.first().get_parent()
    html = client.get(library.url).content.decode()
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["@type"] == "FAQPage" and len(data["mainEntity"]) == faqs.count()

    assert LifeEventPage.objects.live().count() >= 5
    # Forms come blank and filled in, side by side.
    forms = ProcedureFormItem.objects.select_related("blank", "sample")
    assert forms.count() >= 6 and all(form.sample for form in forms)

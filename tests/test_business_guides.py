"""Business guides (docs/business.md): one per topic, linked to procedures and cited documents,
flagged «cần rà soát» when a cited document changes, and «Quy định mới» on the pillar."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from business.models import BusinessGuidePage, BusinessPage, GuideDocument, GuideReviewFlag
from content.models import Notification
from governance.models import DocumentRegisterPage, GovernancePage, OfficialDocumentPage

pytestmark = pytest.mark.django_db


def publish(page):
    page.save_revision().publish(skip_permission_checks=True)
    return page


class Register:
    """A register with documents in the demo ward (whose governance pillar is empty)."""

    def __init__(self):
        governance = GovernancePage.objects.get()
        self.page = governance.add_child(
            instance=DocumentRegisterPage(title="Hệ thống văn bản", slug="van-ban")
        )
        self.count = 0

    def document(self, number, **fields):
        self.count += 1
        values = {
            "title": f"Quy định thử số {self.count}",
            "doc_type": "quyet-dinh",
            "issuer": "UBND phường",
            "signer_title": "Chủ tịch UBND phường",
            "issued_on": timezone.localdate() - datetime.timedelta(days=40 - self.count),
        }
        values.update(fields)
        page = self.page.add_child(instance=OfficialDocumentPage(number=number, **values))
        return publish(page)


@pytest.fixture
def register(demo_business):
    return Register()


@pytest.fixture
def guide(demo_business, register):
    """The demo's food-safety guide, citing one document of the register."""
    guide = BusinessGuidePage.objects.get(slug="an-toan-thuc-pham")
    cited = register.document("03/2025/QĐ-UBND", title="Quy định về vỉa hè")
    guide.documents = [GuideDocument(document=cited)]
    publish(guide)
    guide = BusinessGuidePage.objects.get(pk=guide.pk)
    guide.cited = cited
    return guide


def amend(document, by):
    document = OfficialDocumentPage.objects.get(pk=document.pk)
    document.status = "da-sua-doi"
    document.amended_by = by
    return publish(document)


def test_the_pillar_lists_one_guide_per_topic_within_three_clicks(client, demo_business):
    pillar = BusinessPage.objects.get()
    html = client.get("/").content.decode()
    assert f'href="{pillar.url}"' in html  # click 1: home → pillar
    html = client.get(pillar.url).content.decode()
    assert "Hướng dẫn theo chủ đề" in html
    guides = BusinessGuidePage.objects.child_of(pillar).live()
    assert sorted(guides.values_list("topic", flat=True)) == sorted(
        [
            "dang-ky-kinh-doanh",
            "an-toan-thuc-pham",
            "phong-chay-chua-chay",
            "bien-quang-cao",
            "thue-ho-kinh-doanh",
        ]
    )
    for guide in guides:
        assert f'href="{guide.url}"' in html  # click 2: pillar → guide
    page = client.get("/doanh-nghiep/an-toan-thuc-pham/").content.decode()
    assert "Các việc cần làm" in page and "Tập huấn kiến thức an toàn thực phẩm" in page
    assert "0243 000 6120" in page  # the contact point


def test_guides_are_in_the_sitemap_and_found_without_diacritics(client, demo_business):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/doanh-nghiep/phong-chay-chua-chay/</loc>" in sitemap
    html = client.get("/tim-kiem/", {"q": "bien quang cao"}).content.decode()
    assert 'href="/doanh-nghiep/bien-hieu-quang-cao/"' in html
    assert "Hướng dẫn" in html


def test_a_guide_is_found_by_the_number_of_a_document_it_cites(client, guide):
    html = client.get("/tim-kiem/", {"q": "03/2025/QĐ-UBND"}).content.decode()
    assert f'href="{guide.url}"' in html


def test_amending_a_cited_document_flags_the_guide_and_tells_its_owner_group(
    client, guide, register
):
    assert not guide.needs_review
    specialist = get_user_model().objects.get(username="chuyenmon")
    specialist.groups.add(guide.owner_group)
    amendment = register.document("04/2026/QĐ-UBND", title="Sửa đổi quy định về vỉa hè")

    amend(guide.cited, amendment)

    flag = GuideReviewFlag.objects.get(guide=guide)
    assert (flag.document_id, flag.change, flag.changed_by_id) == (
        guide.cited.pk,
        "sua-doi",
        amendment.pk,
    )
    guide = BusinessGuidePage.objects.get(pk=guide.pk)
    assert guide.needs_review
    assert guide.review_by == timezone.localdate()
    note = Notification.objects.get(page=guide)
    assert "cần rà soát" in note.message and "04/2026/QĐ-UBND" in note.message
    assert note.recipient == specialist

    html = client.get(guide.url).content.decode()
    assert "Hướng dẫn này đang được rà soát" in html
    assert f'href="{amendment.url}"' in html
    pillar_html = client.get(BusinessPage.objects.get().url).content.decode()
    new_rules = pillar_html.split("Quy định mới", 1)[1]
    assert "Quyết định số 04/2026/QĐ-UBND" in new_rules
    assert f'href="{guide.url}"' in new_rules and "(đang rà soát)" in new_rules


def test_flagging_twice_keeps_one_open_flag(guide, register):
    amendment = register.document("04/2026/QĐ-UBND")
    get_user_model().objects.get(username="chuyenmon").groups.add(guide.owner_group)
    amend(guide.cited, amendment)
    amend(guide.cited, amendment)
    publish(OfficialDocumentPage.objects.get(pk=amendment.pk))
    assert GuideReviewFlag.objects.filter(guide=guide, resolved_at__isnull=True).count() == 1
    assert Notification.objects.filter(page=guide).count() == 1


def test_publishing_a_replacement_the_old_document_points_to_flags_the_guide(guide, register):
    replacement = register.document("09/2026/QĐ-UBND")
    replacement.unpublish()
    old = OfficialDocumentPage.objects.get(pk=guide.cited.pk)
    old.status, old.superseded_by = "bi-thay-the", replacement
    publish(old)  # the replacement is not live yet: flagged, without a link to it
    flag = GuideReviewFlag.objects.get(guide=guide)
    assert flag.change == "thay-the"

    publish(OfficialDocumentPage.objects.get(pk=replacement.pk))
    flag.refresh_from_db()
    assert flag.changed_by_id == replacement.pk
    assert GuideReviewFlag.objects.filter(guide=guide).count() == 1


def test_an_expired_document_flags_its_guides_and_others_are_left_alone(client, guide, register):
    other = register.document("12/CT-UBND", doc_type="chi-thi")
    publish(other)
    assert not GuideReviewFlag.objects.exists()  # a document no guide cites: nothing
    cited = OfficialDocumentPage.objects.get(pk=guide.cited.pk)
    cited.status = "het-hieu-luc"
    publish(cited)
    assert GuideReviewFlag.objects.get(guide=guide).change == "het-hieu-luc"
    new_rules = client.get(BusinessPage.objects.get().url).content.decode()
    assert "hết hiệu lực" in new_rules.split("Quy định mới", 1)[1]


def test_republishing_the_guide_is_its_review_and_the_new_rule_stays_listed(
    client, guide, register
):
    amendment = register.document("04/2026/QĐ-UBND")
    amend(guide.cited, amendment)
    guide = BusinessGuidePage.objects.get(pk=guide.pk)
    guide.change_note = "Cập nhật theo Quyết định số 04/2026/QĐ-UBND."
    publish(guide)
    guide = BusinessGuidePage.objects.get(pk=guide.pk)
    assert not guide.needs_review
    assert "đang được rà soát" not in client.get(guide.url).content.decode()
    new_rules = client.get(BusinessPage.objects.get().url).content.decode()
    new_rules = new_rules.split("Quy định mới", 1)[1]
    assert "04/2026/QĐ-UBND" in new_rules and "(đang rà soát)" not in new_rules


def test_an_unpublished_guide_is_not_listed_under_new_rules(client, guide, register):
    amend(guide.cited, register.document("04/2026/QĐ-UBND"))
    BusinessGuidePage.objects.get(pk=guide.pk).unpublish()
    assert "Quy định mới" not in client.get(BusinessPage.objects.get().url).content.decode()


def test_pillar_and_guide_pages_cost_few_queries_however_many_rules_changed(
    client, guide, register, django_assert_max_num_queries
):
    pillar = BusinessPage.objects.get()
    amend(guide.cited, register.document("04/2026/QĐ-UBND"))
    client.get(pillar.url)
    with django_assert_max_num_queries(10) as counted:
        client.get(pillar.url)
    # Counted now: the connection keeps only the last 9000 queries, and the slice moves on.
    few = len(counted.captured_queries)
    for number in range(6):
        cited = register.document(f"{20 + number}/2026/QĐ-UBND")
        other = BusinessGuidePage.objects.get(slug="thue-ho-kinh-doanh")
        other.documents = [*other.documents.all(), GuideDocument(document=cited)]
        publish(other)
        amend(cited, register.document(f"{40 + number}/2026/QĐ-UBND"))
    client.get(pillar.url)  # publishing emptied the shared page parts: a warm request again
    with django_assert_max_num_queries(few):
        html = client.get(pillar.url).content.decode()
    assert "45/2026/QĐ-UBND" in html
    client.get(guide.url)
    with django_assert_max_num_queries(10) as counted:
        assert client.get(guide.url).status_code == 200
    few = len(counted.captured_queries)
    guide_page = BusinessGuidePage.objects.get(pk=guide.pk)
    for number in range(3):
        cited = register.document(f"{60 + number}/2026/QĐ-UBND")
        guide_page.documents = [*guide_page.documents.all(), GuideDocument(document=cited)]
    publish(guide_page)
    client.get(guide.url)
    with django_assert_max_num_queries(few):
        assert "62/2026/QĐ-UBND" in client.get(guide.url).content.decode()


@pytest.mark.xdist_group("demo_full")
def test_full_demo_links_guides_to_procedures_and_documents(client, demo_full):
    registration = BusinessGuidePage.objects.get(slug="dang-ky-kinh-doanh")
    codes = [link.procedure.procedure.code for link in registration.procedures.all()]
    assert codes == ["1.001612", "1.001570", "1.001266"]
    html = client.get(registration.url).content.decode()
    assert "Thủ tục cần nộp" in html
    first = registration.procedures.first().procedure
    assert f'href="{first.url}"' in html
    assert "Căn cứ văn bản" in html and "Quyết định số 03/2025/QĐ-UBND" in html
    # The demo register's amended and expired documents left their guides to review.
    assert registration.needs_review
    pillar_html = client.get("/doanh-nghiep/").content.decode()
    assert "Quyết định số 04/2026/QĐ-UBND" in pillar_html.split("Quy định mới", 1)[1]
    # Seeding again adds nothing.
    call_command("seed_demo", stdout=io.StringIO())
    assert BusinessGuidePage.objects.count() == 5
    assert GuideReviewFlag.objects.count() == 3

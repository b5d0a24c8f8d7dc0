"""Disclosures by category: posting and comment periods shown, and personal data on published
lists limited to the allowed fields, names masked, gone after the posting period."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from governance.models import DisclosureCategory, DisclosurePage, ListedPerson
from governance.privacy import mask_name
from tests import governance_helpers as gh

pillar = gh.pillar
pytestmark = pytest.mark.django_db

PEOPLE = [
    ("Nguyễn Thị Hoa", 1941, "Tổ dân phố số 3", "Trợ cấp người cao tuổi", 500000),
    ("Trần Văn Bình", 1938, "Tổ dân phố số 7", "Trợ cấp người cao tuổi", 500000),
]


def disclosure(pillar, category, days_from=-3, days_until=4, **fields):
    today = gh.today()
    page = DisclosurePage(
        title=fields.pop("title", f"Công khai {category}"),
        category=category,
        posted_from=today + datetime.timedelta(days=days_from),
        posted_until=today + datetime.timedelta(days=days_until)
        if days_until is not None
        else None,
        intro="Công khai theo quy định.",
        **fields,
    )
    if category == DisclosureCategory.BENEFICIARIES:
        for order, (name, year, place, benefit, amount) in enumerate(PEOPLE):
            page.people.add(
                ListedPerson(
                    sort_order=order,
                    full_name=name,
                    birth_year=year,
                    place=place,
                    benefit=benefit,
                    amount_vnd=amount,
                )
            )
    pillar.disclosures.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_mask_name():
    assert mask_name("Nguyễn Thị Hoa") == "Nguyễn T. H."
    assert mask_name("  Bùi   Thị Ngọc Anh ") == "Bùi T. N. A."
    assert mask_name("Hoa") == "H."
    assert mask_name("") == ""


def test_a_published_list_carries_only_allowed_fields():
    fields = {f.name for f in ListedPerson._meta.get_fields()}
    assert fields == {
        "id",
        "sort_order",
        "page",
        "full_name",
        "birth_year",
        "place",
        "benefit",
        "amount_vnd",
    }


def test_beneficiary_names_are_masked_everywhere_public(client, pillar):
    page = disclosure(pillar, DisclosureCategory.BENEFICIARIES)
    html = gh.text_of(client.get(page.url))
    assert "Nguyễn T. H." in html and "Trần V. B." in html
    assert "1941" in html and "Tổ dân phố số 3" in html and "500.000 đồng" in html
    for url in (page.url, pillar.disclosures.url, "/sitemap.xml", pillar.pillar.url):
        body = client.get(url).content.decode()
        assert "Nguyễn Thị Hoa" not in body and "Thị Hoa" not in body, url
        assert "Trần Văn Bình" not in body, url
    assert "Thị Hoa" not in page.search_text()
    assert "Nguyễn T. H." in page.search_text()


def test_the_list_disappears_after_its_posting_period(client, pillar):
    page = disclosure(pillar, DisclosureCategory.BENEFICIARIES, days_from=-20, days_until=-1)
    html = gh.text_of(client.get(page.url))
    assert "Nguyễn T. H." not in html
    assert "Thời gian niêm yết đã kết thúc" in html
    assert page.search_text().count("T. H.") == 0


def test_a_planning_draft_shows_its_comment_period(client, pillar):
    today = gh.today()
    page = disclosure(
        pillar,
        DisclosureCategory.PLANNING_DRAFT,
        days_until=None,
        comment_from=today - datetime.timedelta(days=5),
        comment_until=today + datetime.timedelta(days=10),
        comment_how="Gửi phiếu góp ý tại nhà văn hóa.",
    )
    html = gh.text_of(client.get(page.url))
    assert f"{page.comment_until:%d/%m/%Y}" in html and "(còn 10 ngày)" in html
    assert "Gửi phiếu góp ý tại nhà văn hóa." in html
    page.comment_until = today - datetime.timedelta(days=1)
    page.save_revision().publish()
    assert "đã hết hạn góp ý" in gh.text_of(client.get(page.url))


def test_a_planning_draft_needs_a_comment_deadline(pillar):
    page = DisclosurePage(
        title="Dự thảo", category=DisclosureCategory.PLANNING_DRAFT, posted_from=gh.today()
    )
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "comment_until" in error.value.message_dict


def test_posting_period_shown_and_index_filters_by_category(client, pillar):
    budget = disclosure(pillar, DisclosureCategory.BUDGET_ESTIMATE, title="Dự toán ngân sách 2026")
    disclosure(pillar, DisclosureCategory.CONTRIBUTIONS, title="Quỹ Vì người nghèo")
    html = gh.text_of(client.get(budget.url))
    assert f"Từ {budget.posted_from:%d/%m/%Y} đến {budget.posted_until:%d/%m/%Y}" in html
    index = gh.text_of(client.get(pillar.disclosures.url))
    for _, label in DisclosureCategory.choices:
        assert label in index
    assert "Dự toán ngân sách 2026" in index and "Quỹ Vì người nghèo" in index
    only = gh.text_of(client.get(pillar.disclosures.url + "?danh-muc=dong-gop"))
    assert "Quỹ Vì người nghèo" in only and "Dự toán ngân sách 2026" not in only


def test_disclosure_index_query_count_stays_flat(client, pillar):
    disclosure(pillar, DisclosureCategory.BUDGET_ESTIMATE)
    few = gh.count_queries(client, pillar.disclosures.url)
    for category in DisclosureCategory.values * 3:
        disclosure(pillar, category, comment_until=gh.today())
    assert gh.count_queries(client, pillar.disclosures.url) == few
    assert few <= 10, few
    page = DisclosurePage.objects.filter(category=DisclosureCategory.BENEFICIARIES).first()
    assert gh.count_queries(client, page.url) <= 10


def test_search_kind(pillar):
    page = disclosure(pillar, DisclosureCategory.LAND_USE)
    assert page.search_kind == "cong-khai"
    assert "Quy hoạch, kế hoạch sử dụng đất" in page.search_text()

"""Social welfare in the culture-society pillar: policies say who qualifies, the benefit and
how to apply, and link to the procedures to file and the disclosed beneficiary lists; links
to unpublished pages disappear; the policy is a complete post; search finds it."""

import pytest

from society.models import WelfareIndexPage, WelfarePolicyPage
from tthc.models import ProcedurePage

pytestmark = pytest.mark.django_db

INDEX = "/van-hoa-xa-hoi/chinh-sach-xa-hoi/"


def test_the_demo_has_the_policies_listed_under_the_section(client, demo_ward):
    section = WelfareIndexPage.objects.get()
    assert section.url == INDEX
    policies = WelfarePolicyPage.objects.child_of(section).live()
    assert 3 <= policies.count() <= 5
    html = client.get(INDEX).content.decode()
    for policy in policies:
        assert f'href="{policy.url}"' in html
        assert policy.target_group in html


def test_a_policy_page_shows_who_what_and_how(client, demo_ward):
    policy = WelfarePolicyPage.objects.get(slug="tro-cap-huu-tri-xa-hoi")
    html = client.get(policy.url).content.decode()
    for heading in ("Ai được hưởng", "Mức hưởng", "Cách đăng ký"):
        assert heading in html
    assert "500.000 đồng/tháng" in html
    assert policy.contact_point in html
    checklist = {item.label: item.done for item in policy.publishing_checklist()}
    assert checklist["Văn bản nguồn"] and checklist["Đầu mối liên hệ"]


def test_a_policy_links_live_procedures_only(
    client, demo_procedures, django_assert_max_num_queries
):
    policy = WelfarePolicyPage.objects.get(slug="tro-cap-xa-hoi-hang-thang")
    procedures = list(ProcedurePage.objects.live().order_by("pk")[:3])
    policy.procedures = [("procedure", page) for page in procedures]
    policy.save_revision().publish()

    client.get(policy.url)  # warm Wagtail's site cache
    with django_assert_max_num_queries(10):
        html = client.get(policy.url).content.decode()
    for page in procedures:
        assert f'href="{page.url}"' in html

    gone = procedures[0]
    gone_url = gone.url
    gone.unpublish()
    html = client.get(policy.url).content.decode()
    assert f'href="{gone_url}"' not in html
    assert f'href="{procedures[1].url}"' in html


def test_a_policy_links_the_disclosed_beneficiary_list(client, demo_governance):
    from governance.models import DisclosurePage

    listing = DisclosurePage.objects.filter(category="doi-tuong-thu-huong").first()
    policy = WelfarePolicyPage.objects.get(slug="tro-cap-xa-hoi-hang-thang")
    policy.disclosures = [("disclosure", listing)]
    policy.save_revision().publish()
    html = client.get(policy.url).content.decode()
    assert "Danh sách thụ hưởng được công khai" in html
    assert f'href="{listing.url}"' in html


def test_the_welfare_index_query_count_is_flat(client, demo_ward, django_assert_max_num_queries):
    section = WelfareIndexPage.objects.get()
    client.get(INDEX)
    with django_assert_max_num_queries(10):
        client.get(INDEX)
    for number in range(10):
        page = section.add_child(
            instance=WelfarePolicyPage(
                title=f"Chính sách thử {number}",
                target_group="Người dân",
                eligibility="<p>Mọi người</p>",
                benefit="<p>Hỗ trợ</p>",
                how_to_apply="<p>Nộp hồ sơ</p>",
            )
        )
        page.save_revision().publish()
    with django_assert_max_num_queries(10):
        html = client.get(INDEX).content.decode()
    assert "Chính sách thử 9" in html


def test_search_finds_a_policy_without_diacritics(client, demo_ward):
    html = client.get("/tim-kiem/", {"q": "tro cap huu tri"}).content.decode()
    assert "/van-hoa-xa-hoi/chinh-sach-xa-hoi/tro-cap-huu-tri-xa-hoi/" in html

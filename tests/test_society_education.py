"""Education in the culture-society pillar: «Con tôi học trường nào?» answers a plain GET form
(no JavaScript) with the three schools of a residential group for the published school year;
unknown or missing input gets a Vietnamese message; revoked or expired pre-school groups are
not listed as licensed; staff keep the data in the admin, limited to their own ward; copying
last year's zones; search, sitemap and three clicks from home."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Site

from content.models import HomePage, Place
from sitesearch.models import SearchEntry
from society.models import (
    EducationPage,
    EnrolmentZone,
    PrivatePreschool,
    School,
    SchoolLevel,
    SchoolYear,
)
from tests.workflow_helpers import user

pytestmark = pytest.mark.django_db

URL = "/van-hoa-xa-hoi/giao-duc/"


def result_of(response):
    """The text of the look-up's answer (the block with id="ket-qua"), tags removed."""
    html = response.content.decode()
    assert 'id="ket-qua"' in html, "the page gives no answer"
    block = html[html.index('id="ket-qua"') :]
    block = block[: block.index("</section>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", block))


def test_the_demo_has_ten_schools_and_this_years_zones_for_all_76_groups(demo_ward):
    assert School.objects.filter(site=demo_ward).count() == 10
    year = SchoolYear.objects.current(demo_ward)
    assert year is not None and year.is_published
    groups = Place.objects.filter(site=demo_ward, kind=Place.Kind.RESIDENTIAL_GROUP)
    assert groups.count() == 76
    assert EnrolmentZone.objects.filter(year=year, place__in=groups).count() == 76
    zone = EnrolmentZone.objects.filter(year=year).first()
    assert zone.preschool.level == SchoolLevel.PRESCHOOL
    assert zone.lower_secondary.level == SchoolLevel.LOWER_SECONDARY
    assert PrivatePreschool.objects.licensed(demo_ward).count() >= 4


@pytest.mark.parametrize(
    ("code", "schools"),
    [
        (
            "tdp-05",
            ["Trường Mầm non Cầu Diễn", "Trường Tiểu học Cầu Diễn", "Trường THCS Cầu Diễn"],
        ),
        ("tdp-70", ["Trường Mầm non Phú Đô", "Trường Tiểu học Phú Đô", "Trường THCS Mỹ Đình"]),
    ],
)
def test_the_look_up_without_javascript_shows_the_three_schools(client, demo_ward, code, schools):
    page = client.get(URL)
    html = page.content.decode()
    # A plain GET form whose select offers every residential group by its code.
    assert re.search(r'<form[^>]*method="get"', html)
    assert 'name="to-dan-pho"' in html
    assert f'value="{code}"' in html
    assert 'value="mot-cua"' not in html  # the one-stop desk is not a place people live in

    response = client.get(URL, {"to-dan-pho": code})
    assert response.status_code == 200
    answer = result_of(response)
    place = Place.objects.get(site=demo_ward, code=code)
    assert place.name in answer
    positions = [answer.index(name) for name in schools]
    assert positions == sorted(positions)  # pre-school, primary, lower secondary in order
    school = School.objects.get(name=schools[1])
    assert school.address in answer and school.phone in answer
    assert "Hoa Sen" not in answer  # a private school is never a zone's school
    assert f'value="{code}" selected' in response.content.decode()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("khong-co-to-nay", "Không tìm thấy tổ dân phố này"),
        ("<script>alert(1)</script>", "Không tìm thấy tổ dân phố này"),
        ("' OR 1=1 --", "Không tìm thấy tổ dân phố này"),
        ("x" * 5000, "Không tìm thấy tổ dân phố này"),
        ("mot-cua", "Không tìm thấy tổ dân phố này"),
        ("", "Hãy chọn tổ dân phố"),
        ("   ", "Hãy chọn tổ dân phố"),
    ],
)
def test_unknown_or_missing_input_gets_a_vietnamese_message(client, demo_ward, value, message):
    response = client.get(URL, {"to-dan-pho": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in result_of(response)
    assert "<script>alert(1)</script>" not in html
    assert 'class="school-cards"' not in html


def test_no_answer_is_given_before_a_group_is_chosen(client, demo_ward):
    html = client.get(URL).content.decode()
    assert 'id="ket-qua"' not in html


def test_a_group_without_a_zone_is_told_whom_to_ask(client, demo_ward):
    year = SchoolYear.objects.current(demo_ward)
    EnrolmentZone.objects.filter(year=year, place__code="tdp-12").delete()
    answer = result_of(client.get(URL, {"to-dan-pho": "tdp-12"}))
    assert "Tổ dân phố số 12 chưa có tuyến tuyển sinh năm học" in answer


def test_next_years_zones_count_only_once_published(client, demo_ward):
    current = SchoolYear.objects.current(demo_ward)
    following = SchoolYear.objects.create(site=demo_ward, start_year=current.start_year + 1)
    assert following.copy_zones_from(current) == 76
    phu_do = School.objects.get(name="Trường Tiểu học Phú Đô")
    EnrolmentZone.objects.filter(year=following, place__code="tdp-05").update(primary=phu_do)

    answer = result_of(client.get(URL, {"to-dan-pho": "tdp-05"}))
    assert "Trường Tiểu học Cầu Diễn" in answer and current.label in answer

    following.is_published = True
    following.save()
    answer = result_of(client.get(URL, {"to-dan-pho": "tdp-05"}))
    assert "Trường Tiểu học Phú Đô" in answer and following.label in answer


def test_only_licences_in_force_are_listed(client, demo_ward):
    html = client.get(URL).content.decode()
    assert "Nhóm trẻ độc lập tư thục Ban Mai" in html
    assert "812/QĐ-UBND" in html and "0243 000 3101" in html
    assert "Thỏ Trắng" not in html  # licence revoked

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    PrivatePreschool.objects.filter(name__endswith="Ban Mai").update(licence_expires=yesterday)
    PrivatePreschool.objects.filter(name__endswith="Sóc Nâu").update(
        status=PrivatePreschool.Status.SUSPENDED
    )
    html = client.get(URL).content.decode()
    assert "Ban Mai" not in html and "Sóc Nâu" not in html
    assert "Hướng Dương" in html


def test_the_page_lists_schools_by_level(client, demo_ward):
    html = client.get(URL).content.decode()
    for school in School.objects.filter(site=demo_ward):
        assert school.name in html
    assert html.index("Trường Mầm non Cầu Diễn") < html.index("Trường Tiểu học Cầu Diễn")


def test_query_count_stays_flat_as_schools_and_groups_grow(
    client, demo_ward, django_assert_max_num_queries
):
    client.get(URL, {"to-dan-pho": "tdp-05"})  # warm Wagtail's site cache
    with django_assert_max_num_queries(10):
        client.get(URL, {"to-dan-pho": "tdp-05"})
    for number in range(20):
        School.objects.create(
            site=demo_ward,
            name=f"Trường Tiểu học số {number}",
            level=SchoolLevel.PRIMARY,
            address="Phường Từ Liêm",
        )
        PrivatePreschool.objects.create(
            site=demo_ward,
            name=f"Nhóm trẻ số {number}",
            address="Phường Từ Liêm",
            hotline="0243 000 0000",
            licence_number=f"{number}/QĐ-UBND",
            licence_date=datetime.date(2026, 1, 5),
        )
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"to-dan-pho": "tdp-05"})
    assert "Trường Tiểu học số 19" in response.content.decode()


def test_searching_a_school_name_finds_the_education_page(
    client, demo_ward, django_capture_on_commit_callbacks
):
    page = EducationPage.objects.get()
    entry = SearchEntry.objects.get(page=page)
    assert "truong tieu hoc phu do" in entry.folded_title
    html = client.get("/tim-kiem/", {"q": "truong tieu hoc phu do"}).content.decode()
    assert URL in html

    # A school added in the admin is found without republishing the page.
    with django_capture_on_commit_callbacks(execute=True):
        School.objects.create(
            site=demo_ward,
            name="Trường Mầm non Hoa Ban",
            level=SchoolLevel.PRESCHOOL,
            address="Số 1 đường Phú Đô",
        )
    html = client.get("/tim-kiem/", {"q": "mam non hoa ban"}).content.decode()
    assert URL in html


def test_the_sitemap_and_three_clicks_from_home_reach_the_page(client, demo_ward):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/van-hoa-xa-hoi/giao-duc/</loc>" in sitemap
    assert "/van-hoa-xa-hoi/chinh-sach-xa-hoi/</loc>" in sitemap
    home = client.get("/").content.decode()
    assert 'href="/van-hoa-xa-hoi/"' in home
    pillar = client.get("/van-hoa-xa-hoi/").content.decode()
    assert f'href="{URL}"' in pillar
    assert 'href="/van-hoa-xa-hoi/chinh-sach-xa-hoi/"' in pillar


# --- The admin ----------------------------------------------------------------------------


def test_a_specialist_adds_a_school_for_their_own_ward(client, demo_ward):
    client.force_login(user("chuyenmon"))
    form = client.get(reverse("society_school:add")).content.decode()
    assert "Cấp học" in form and "Tình trạng cấp phép" in form
    response = client.post(
        reverse("society_school:add"),
        {
            "site": demo_ward.pk,
            "name": "Trường Tiểu học Hoa Ban",
            "level": SchoolLevel.PRIMARY,
            "ownership": "cong-lap",
            "address": "Số 2 đường Phú Đô",
            "phone": "0243 000 2999",
            "licence_status": School.Licence.LICENSED,
            "sort_order": 9,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert School.objects.get(name="Trường Tiểu học Hoa Ban").site == demo_ward


def test_a_zone_refuses_a_school_of_the_wrong_level_in_vietnamese(client, demo_ward):
    client.force_login(user("chuyenmon"))
    zone = EnrolmentZone.objects.select_related("year", "place").first()
    secondary = School.objects.get(name="Trường THCS Cầu Diễn")
    response = client.post(
        reverse("society_enrolmentzone:edit", args=[zone.pk]),
        {
            "year": zone.year_id,
            "place": zone.place_id,
            "preschool": secondary.pk,
            "primary": zone.primary_id,
            "lower_secondary": zone.lower_secondary_id,
        },
    )
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    zone.refresh_from_db()
    assert zone.preschool.level == SchoolLevel.PRESCHOOL
    # The model says why, in Vietnamese, to anything that saves a zone.
    zone.preschool = secondary
    with pytest.raises(ValidationError) as error:
        zone.clean()
    assert error.value.message_dict["preschool"] == ["Hãy chọn một trường mầm non."]


def test_a_new_school_year_copies_last_years_zones_in_one_step(client, demo_ward):
    client.force_login(user("chuyenmon"))
    current = SchoolYear.objects.current(demo_ward)
    response = client.post(
        reverse("society_schoolyear:add"),
        {
            "site": demo_ward.pk,
            "start_year": current.start_year + 1,
            "decision": "",
            "copy_from": current.pk,
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Đã chép 76 tuyến tuyển sinh" in response.content.decode()
    following = SchoolYear.objects.get(site=demo_ward, start_year=current.start_year + 1)
    assert following.zones.count() == 76
    assert not following.is_published


def test_staff_reach_only_their_own_wards_data(client, demo_ward):
    home = HomePage.objects.get()
    other = Site.objects.create(
        hostname="phuong-khac.example", root_page=Page.objects.get(pk=home.pk)
    )
    theirs = School.objects.create(
        site=other, name="Trường Tiểu học phường khác", level=SchoolLevel.PRIMARY, address="—"
    )
    client.force_login(user("chuyenmon"))
    listing = client.get(reverse("society_school:index")).content.decode()
    assert "Trường Tiểu học Cầu Diễn" in listing
    assert "phường khác" not in listing
    assert client.get(reverse("society_school:edit", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("society_school:delete", args=[theirs.pk])).status_code == 404
    form = client.get(reverse("society_school:add")).content.decode()
    assert "phuong-khac.example" not in form


def test_office_staff_may_not_edit_schools(client, demo_ward):
    client.force_login(user("vanphong"))
    response = client.get(reverse("society_school:index"))
    assert response.status_code in (302, 403)

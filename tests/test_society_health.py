"""Health in the culture-society pillar: the schedule of a residential group (a plain GET form,
no JavaScript), its iCalendar feed, the hot spot list, the admin, search, the sitemap and the
demo content."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from content.models import Place
from sitesearch.models import SearchEntry
from society.models import HealthEvent, HealthPage, HotSpot, HotSpotPage
from tests.workflow_helpers import user

SCHEDULE = "/van-hoa-xa-hoi/y-te/"
HOT_SPOTS = "/van-hoa-xa-hoi/y-te/diem-dich/"


def today():
    return timezone.localdate()


def place(code):
    return Place.objects.get(code=code)


@pytest.fixture
def ward(demo_ward):
    """The demo ward without its demo events and hot spots: each test states its own."""
    HealthEvent.objects.all().delete()
    HotSpot.objects.all().delete()
    return demo_ward


def event(site, title, days=1, places=(), start="07:30", kind=HealthEvent.Kind.VACCINATION):
    item = HealthEvent.objects.create(
        site=site,
        kind=kind,
        title=title,
        date=today() + datetime.timedelta(days=days),
        start_time=datetime.time.fromisoformat(start),
        venue="Trạm Y tế phường",
    )
    item.places.set([place(code) for code in places])
    return item


def hot_spot(site, area, status=HotSpot.Status.WATCHED, since=10, ended=None, **extra):
    return HotSpot.objects.create(
        site=site,
        disease=extra.pop("disease", HotSpot.Disease.DENGUE),
        area=area,
        since=today() - datetime.timedelta(days=since),
        status=status,
        ended_on=today() - datetime.timedelta(days=ended) if ended is not None else None,
        **extra,
    )


def main_text(response):
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


# --- The schedule of a residential group, without JavaScript ---------------------------------


def test_schedule_for_a_place_shows_its_events_and_ward_wide_ones_but_not_others(client, ward):
    event(ward, "Phun thuốc tổ 12", days=3, places=["tdp-12", "tdp-13"])
    event(ward, "Tiêm chủng toàn phường", days=5)
    event(ward, "Khám sức khỏe tổ 40", days=2, places=["tdp-40"])

    html = main_text(client.get(SCHEDULE, {"to-dan-pho": "tdp-12"}))

    assert "Lịch y tế sắp tới của Tổ dân phố số 12" in html
    assert "Phun thuốc tổ 12" in html
    assert "Tiêm chủng toàn phường" in html
    assert "Khám sức khỏe tổ 40" not in html
    # The form remembers the choice, so the page can be bookmarked and changed.
    assert '<option value="tdp-12" selected>' in html
    # Without a place: the whole ward's schedule.
    everything = main_text(client.get(SCHEDULE))
    assert all(t in everything for t in ("Phun thuốc tổ 12", "Khám sức khỏe tổ 40"))


def test_schedule_is_sorted_by_date_then_time_and_drops_past_days(client, ward):
    event(ward, "Buổi chiều hôm nay", days=0, start="14:00")
    event(ward, "Buổi sáng hôm nay", days=0, start="07:00")
    event(ward, "Tuần sau", days=7)
    event(ward, "Hôm qua", days=-1)
    event(ward, "Quá xa", days=200)

    html = main_text(client.get(SCHEDULE, {"to-dan-pho": "tdp-05"}))

    assert "Hôm qua" not in html and "Quá xa" not in html
    positions = [html.index(t) for t in ("Buổi sáng hôm nay", "Buổi chiều hôm nay", "Tuần sau")]
    assert positions == sorted(positions)
    # A ward-wide event names no groups: it says so.
    assert "Toàn phường" in html


def test_an_unknown_place_gets_a_message_and_the_whole_wards_schedule(client, ward):
    event(ward, "Phun thuốc tổ 12", days=3, places=["tdp-12"])
    for typed in ("tdp-999", "<script>alert(1)</script>", "x" * 5000, "tdp\t12"):
        response = client.get(SCHEDULE, {"to-dan-pho": typed})
        html = main_text(response)
        assert "Không tìm thấy tổ dân phố này" in html, typed
        assert "Phun thuốc tổ 12" in html
        assert "<script>alert(1)" not in html
    # A place of another kind (the one-stop desk) is not a residential group.
    assert "Không tìm thấy" in main_text(client.get(SCHEDULE, {"to-dan-pho": "mot-cua"}))
    # A control character is refused before the page runs (portal/public_input.py).
    assert client.get(SCHEDULE, {"to-dan-pho": "tdp-12\x00"}).status_code == 400


def test_an_inactive_or_other_wards_place_is_unknown(client, ward):
    Place.objects.filter(code="tdp-07").update(is_active=False)
    assert "Không tìm thấy" in main_text(client.get(SCHEDULE, {"to-dan-pho": "tdp-07"}))


def test_nothing_upcoming_says_so(client, ward):
    html = main_text(client.get(SCHEDULE, {"to-dan-pho": "tdp-03"}))
    assert "Chưa có hoạt động y tế nào trong 60 ngày tới cho Tổ dân phố số 3." in html


def test_events_are_described_as_schema_org_events(client, ward):
    event(ward, "Tiêm chủng </script> tháng 12", days=2)
    html = client.get(SCHEDULE).content.decode()
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data[0]["@type"] == "Event"
    assert data[0]["name"] == "Tiêm chủng </script> tháng 12"
    assert data[0]["startDate"].startswith(str(today() + datetime.timedelta(days=2)))


def test_ical_feed_of_a_place_holds_its_events_only(client, ward):
    event(ward, "Phun thuốc tổ 12", days=3, places=["tdp-12"])
    event(ward, "Tiêm chủng toàn phường", days=5)
    event(ward, "Khám sức khỏe tổ 40", days=2, places=["tdp-40"])
    event(ward, "Hôm qua", days=-1, places=["tdp-12"])

    response = client.get(SCHEDULE + "ical/", {"to-dan-pho": "tdp-12"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "lich-y-te-tdp-12.ics" in response["Content-Disposition"]
    body = response.content.decode().replace("\r\n ", "")
    assert body.count("BEGIN:VEVENT") == 2
    assert "SUMMARY:Phun thuốc tổ 12" in body and "SUMMARY:Tiêm chủng toàn phường" in body
    # The page links the feed of the chosen place.
    html = main_text(client.get(SCHEDULE, {"to-dan-pho": "tdp-12"}))
    assert 'href="/van-hoa-xa-hoi/y-te/ical/?to-dan-pho=tdp-12"' in html


def test_schedule_query_count_does_not_grow_with_events(
    client, ward, django_assert_max_num_queries
):
    event(ward, "Sự kiện đầu", days=1, places=["tdp-12"])
    client.get(SCHEDULE, {"to-dan-pho": "tdp-12"})
    with django_assert_max_num_queries(20) as few:
        client.get(SCHEDULE, {"to-dan-pho": "tdp-12"})
    for number in range(25):
        event(ward, f"Sự kiện số {number}", days=number % 20, places=["tdp-12", "tdp-13"])
        event(ward, f"Toàn phường số {number}", days=number % 20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = main_text(client.get(SCHEDULE, {"to-dan-pho": "tdp-12"}))
    assert "Sự kiện số 24" in html and "Toàn phường số 24" in html


# --- Hot spots -----------------------------------------------------------------------------


def test_hot_spot_list_works_without_javascript(client, ward):
    hot_spot(ward, "Ngõ 12", latitude=Decimal("21.04250"), longitude=Decimal("105.76120"), cases=7)
    hot_spot(
        ward,
        "Nhóm trẻ tổ 33",
        status=HotSpot.Status.ENDED,
        since=40,
        ended=12,
        disease=HotSpot.Disease.HAND_FOOT_MOUTH,
    )
    hot_spot(ward, "Khu tập thể cũ", status=HotSpot.Status.ENDED, since=200, ended=90)

    html = main_text(client.get(HOT_SPOTS))

    assert "Phường đang theo dõi 1 điểm dịch." in html
    # The list is there in the HTML itself, the active one first; long-over ones are gone.
    assert html.index("Ngõ 12") < html.index("Nhóm trẻ tổ 33")
    assert "Khu tập thể cũ" not in html
    for text in ("Sốt xuất huyết", "Tay chân miệng", "Đang theo dõi", "Đã kết thúc", "7"):
        assert text in html
    # The map is an enhancement: hidden in the HTML, fed from the list's coordinates.
    assert '<div class="hotspot-map" id="hotspot-map" hidden' in html
    assert 'data-lat="21.04250" data-lng="105.76120"' in html


def test_hot_spot_page_without_locations_loads_no_map_script(client, ward):
    hot_spot(ward, "Ngõ 12")
    html = client.get(HOT_SPOTS).content.decode()
    assert "leaflet" not in html
    assert "Ngõ 12" in html


def test_map_scripts_are_local_deferred_and_only_on_the_hot_spot_page(client, ward):
    hot_spot(ward, "Ngõ 12", latitude=Decimal("21.04"), longitude=Decimal("105.76"))
    html = client.get(HOT_SPOTS).content.decode()
    scripts = re.findall(r"<script [^>]*src=\"([^\"]+)\"[^>]*>", html)
    leaflet = [tag for tag in re.findall(r"<script [^>]*>", html) if "leaflet" in tag]
    assert leaflet and all("defer" in tag for tag in leaflet)
    assert all(src.startswith("/static/") for src in scripts)
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in html
    assert "leaflet" not in client.get(SCHEDULE).content.decode()


def test_hot_spot_page_query_count_does_not_grow(client, ward, django_assert_max_num_queries):
    hot_spot(ward, "Ngõ đầu").places.set([place("tdp-01")])
    client.get(HOT_SPOTS)
    with django_assert_max_num_queries(20) as few:
        client.get(HOT_SPOTS)
    for number in range(15):
        hot_spot(ward, f"Khu số {number}").places.set([place("tdp-02"), place("tdp-03")])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Khu số 14" in main_text(client.get(HOT_SPOTS))


def test_hot_spot_validation_speaks_vietnamese(ward):
    spot = HotSpot(
        site=ward,
        disease=HotSpot.Disease.OTHER,
        area="Ngõ 3",
        since=today(),
        status=HotSpot.Status.ENDED,
        latitude=Decimal("21.04"),
    )
    with pytest.raises(Exception) as error:
        spot.full_clean()
    messages = error.value.message_dict
    assert messages["other_disease"] == ["Hãy ghi tên bệnh."]
    assert "Hãy điền cả vĩ độ và kinh độ" in messages["longitude"][0]
    assert messages["ended_on"] == ["Hãy ghi ngày kết thúc."]


def test_the_schedule_points_to_active_hot_spots(client, ward):
    html = main_text(client.get(SCHEDULE))
    assert "đang theo dõi" not in html
    assert f'href="{HOT_SPOTS}"' in html
    hot_spot(ward, "Ngõ 12")
    assert "Phường đang theo dõi 1 điểm dịch." in main_text(client.get(SCHEDULE))


# --- Reachable: three clicks, sitemap, search ----------------------------------------------


def test_health_pages_are_within_three_clicks_and_in_the_sitemap(client, ward):
    home = client.get("/").content.decode()
    assert 'href="/van-hoa-xa-hoi/"' in home
    assert f'href="{SCHEDULE}"' in main_text(client.get("/van-hoa-xa-hoi/"))
    assert f'href="{HOT_SPOTS}"' in main_text(client.get(SCHEDULE))
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"{SCHEDULE}</loc>" in sitemap and f"{HOT_SPOTS}</loc>" in sitemap


def test_search_finds_the_schedule_by_an_event_and_the_hot_spots_by_a_disease(
    client, ward, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        event(ward, "Tiêm vắc xin bạch hầu ho gà uốn ván", days=4, places=["tdp-12"])
        hot_spot(ward, "Ngõ 12", disease=HotSpot.Disease.MEASLES)
    health = HealthPage.objects.get()
    assert SearchEntry.objects.get(page=health).kind == "trang"

    html = client.get("/tim-kiem/", {"q": "bach hau ho ga"}).content.decode()
    assert f'href="{SCHEDULE}"' in html
    html = client.get("/tim-kiem/", {"q": "soi"}).content.decode()
    assert f'href="{HOT_SPOTS}"' in html

    # A deleted event leaves the index too.
    with django_capture_on_commit_callbacks(execute=True):
        HealthEvent.objects.all().delete()
    html = client.get("/tim-kiem/", {"q": "bach hau ho ga"}).content.decode()
    assert f'href="{SCHEDULE}"' not in html


# --- Admin ---------------------------------------------------------------------------------


def test_the_specialist_adds_an_event_for_two_places(client, ward):
    client.force_login(user("chuyenmon"))
    day = today() + datetime.timedelta(days=3)
    response = client.post(
        reverse("wagtailsnippets_society_healthevent:add"),
        {
            "site": ward.pk,
            "kind": "phun-thuoc",
            "title": "Phun thuốc diệt muỗi",
            "date": day.isoformat(),
            "start_time": "07:30",
            "end_time": "10:00",
            "venue": "Từng hộ gia đình",
            "places": [place("tdp-12").pk, place("tdp-13").pk],
        },
    )
    assert response.status_code == 302
    saved = HealthEvent.objects.get()
    assert sorted(p.code for p in saved.places.all()) == ["tdp-12", "tdp-13"]
    client.logout()
    assert "Phun thuốc diệt muỗi" in main_text(client.get(SCHEDULE, {"to-dan-pho": "tdp-13"}))


def test_bad_admin_input_is_refused_in_vietnamese_and_saves_nothing(client, ward):
    client.force_login(user("chuyenmon"))
    response = client.post(
        reverse("wagtailsnippets_society_healthevent:add"),
        {
            "site": ward.pk,
            "kind": "tiem-chung",
            "title": "Tiêm chủng",
            "date": today().isoformat(),
            "start_time": "10:00",
            "end_time": "09:00",
            "venue": "Trạm Y tế",
        },
    )
    assert response.status_code == 200
    assert "Giờ kết thúc phải sau giờ bắt đầu." in response.content.decode()
    assert not HealthEvent.objects.exists()


def test_only_the_wards_own_events_are_listed_to_its_staff(client, ward):
    from wagtail.models import Page, Site

    other = Site.objects.create(
        hostname="minhphu.example.gov.vn", root_page=Page.objects.get(depth=1)
    )
    event(ward, "Sự kiện của phường", days=2)
    HealthEvent.objects.create(
        site=other,
        kind="khac",
        title="Sự kiện của xã khác",
        date=today(),
        start_time=datetime.time(8),
        venue="Xã khác",
    )
    client.force_login(user("chuyenmon"))
    html = client.get(reverse("wagtailsnippets_society_healthevent:list")).content.decode()
    assert "Sự kiện của phường" in html
    assert "Sự kiện của xã khác" not in html


def test_the_form_offers_the_wards_residential_groups_and_refuses_another_wards(
    client, ward, django_user_model
):
    from wagtail.models import Page, Site

    other = Site.objects.create(
        hostname="xa-khac.example.gov.vn", root_page=Page.objects.get(depth=1)
    )
    stranger = Place.objects.create(site=other, code="thon-1", name="Thôn Đông của xã khác")
    client.force_login(user("chuyenmon"))
    form = client.get(reverse("wagtailsnippets_society_hotspot:add")).content.decode()
    assert "Tổ dân phố số 12" in form
    assert "Thôn Đông của xã khác" not in form
    assert "Bộ phận Một cửa" not in form  # not a residential group

    client.force_login(django_user_model.objects.create_superuser("it", password="x-pass-123"))
    response = client.post(
        reverse("wagtailsnippets_society_hotspot:add"),
        {
            "site": ward.pk,
            "disease": "sot-xuat-huyet",
            "area": "Ngõ 3",
            "since": today().isoformat(),
            "status": "dang-theo-doi",
            "places": [stranger.pk],
        },
    )
    assert response.status_code == 200
    assert "Tổ dân phố phải thuộc phường/xã đã chọn." in response.content.decode()
    assert not HotSpot.objects.exists()


# --- Demo ----------------------------------------------------------------------------------


def test_demo_has_a_month_of_events_and_two_hot_spots(demo_ward):
    upcoming = HealthEvent.objects.upcoming(demo_ward, days=30)
    assert 10 <= upcoming.count() <= 15
    kinds = set(upcoming.values_list("kind", flat=True))
    assert {"tiem-chung", "vitamin-a", "phun-thuoc"} <= kinds
    assert HealthEvent.objects.filter(date__lt=today()).exists()  # one past, not shown
    spots = {spot.disease: spot for spot in HotSpot.objects.all()}
    assert spots["sot-xuat-huyet"].status == "dang-theo-doi"
    assert spots["tay-chan-mieng"].status == "da-ket-thuc"
    for spot in spots.values():
        assert abs(spot.latitude - Decimal("21.04")) < Decimal("0.05")
        assert abs(spot.longitude - Decimal("105.76")) < Decimal("0.05")
    assert HotSpotPage.objects.live().get().get_parent().specific.__class__ is HealthPage


def test_demo_seed_is_idempotent(demo_ward):
    from society.demo import seed
    from society.models import SocietyPage

    before = HealthEvent.objects.count(), HotSpot.objects.count()
    seed(SocietyPage.objects.get())
    assert (HealthEvent.objects.count(), HotSpot.objects.count()) == before
    assert HealthPage.objects.count() == 1

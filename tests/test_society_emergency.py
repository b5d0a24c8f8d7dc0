"""Emergency notices (docs/society.md, "Emergency notices"): the banner on every public page
while a notice is live, appearing and disappearing on time without a flush, its cost, the
emergency workflow and the notice page with its evacuation and relief points."""

import datetime
import time

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.test.utils.form_data import nested_form_data

from content.models import HomePage, Place, SectionPage, WardSettings
from society.banner import live_notices
from society.models import EmergencyIndexPage, EmergencyNoticePage

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/van-hoa-xa-hoi/",
    "/doanh-nghiep/",
    "/phan-anh-kien-nghi/",
    "/gioi-thieu/",
    "/tim-kiem/",
]
BANNER = 'class="emergency-banner'


def user(username):
    return get_user_model().objects.get(username=username)


def notice(starts_in=-60, lasts=3600, level="khan-cap", slug="ngap-ung", publish=True, **fields):
    """A notice under the emergency section, from ``starts_in`` seconds from now."""
    index = EmergencyIndexPage.objects.get()
    starts = timezone.now() + datetime.timedelta(seconds=starts_in)
    page = EmergencyNoticePage(
        title=fields.pop("title", "Ngập úng cục bộ tại tổ dân phố số 5"),
        slug=slug,
        level=level,
        banner_message=fields.pop("banner_message", "Nước ngập sâu phố Kiều Mai, tránh đi qua."),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(seconds=lasts),
        live=publish,
        **fields,
    )
    index.add_child(instance=page)
    if publish:
        page.save_revision().publish(skip_permission_checks=True)
    return page


def banner_on(client, path="/"):
    html = client.get(path).content.decode()
    return html if BANNER in html else None


def test_no_banner_on_the_demo_ward_whose_only_notice_has_ended(client, demo_ward):
    assert EmergencyNoticePage.objects.get().has_ended
    assert banner_on(client) is None
    html = client.get("/van-hoa-xa-hoi/thong-bao-khan-cap/").content.decode()
    assert "Đã hết hiệu lực" in html and "Ứng phó bão số 3" in html
    assert "Hiện không có thông báo khẩn cấp nào." in html


@pytest.mark.parametrize("path", PAGES)
def test_a_live_notice_shows_its_banner_on_every_public_page(client, demo_ward, path):
    page = notice()
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="emergency-banner emergency-banner--khan-cap" role="alert"' in html
    assert "Nước ngập sâu phố Kiều Mai, tránh đi qua." in html
    assert f'href="{page.url}"' in html
    # Before the header: the first thing after the skip link.
    assert html.index(BANNER) < html.index('class="site-header"')


def test_the_banner_is_on_the_404_page_too(client, demo_ward):
    notice()
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert BANNER in response.content.decode()


def test_only_the_emergency_level_interrupts_screen_readers(client, demo_ward):
    notice(level="thong-tin", slug="cat-nuoc", banner_message="Tạm ngừng cấp nước 8:00–14:00.")
    html = client.get("/").content.decode()
    assert 'emergency-banner--thong-tin" role="region" aria-label="Thông tin:' in html
    assert 'role="alert"' not in html


def test_notices_not_yet_started_or_already_ended_show_no_banner(client, demo_ward):
    notice(starts_in=3600, slug="sap-toi")
    notice(starts_in=-7200, lasts=3600, slug="da-qua")
    assert banner_on(client) is None


def test_the_banner_appears_at_its_start_and_goes_at_its_end_without_a_flush(client, demo_ward):
    """Real time, real cache (Redis when REDIS_URL is set): nothing is flushed between the
    requests, the first of which fills the cache."""
    page = notice(starts_in=5, lasts=3)
    assert banner_on(client) is None
    # Waits until the notice's own times, not for fixed spans: on a loaded machine publishing
    # and the first request take seconds of their own.
    sleep_until(page.starts_at)
    assert banner_on(client) is not None
    sleep_until(page.ends_at)
    assert banner_on(client) is None


def sleep_until(moment):
    time.sleep(max(0.0, (moment - timezone.now()).total_seconds()) + 0.3)


def test_publishing_and_unpublishing_change_the_banner_at_once(client, demo_ward):
    assert banner_on(client) is None  # the cache now holds "no notice"
    page = notice()
    assert banner_on(client) is not None
    page.unpublish()
    assert banner_on(client) is None


def test_a_restricted_or_draft_notice_has_no_banner(client, demo_ward):
    notice(slug="nhap", publish=False)
    private = notice(slug="noi-bo")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    from society.banner import forget

    forget()
    assert banner_on(client) is None


def test_the_banner_costs_no_query_once_cached_and_two_when_not(
    client, demo_ward, django_assert_num_queries, django_assert_max_num_queries
):
    notice()
    request = RequestFactory().get("/")
    Site.find_for_request(request)  # Wagtail's own site lookup, done by every page anyway
    Site.get_site_root_paths()
    with django_assert_max_num_queries(2):
        assert len(live_notices(request)) == 1
    with django_assert_num_queries(0):
        assert len(live_notices(request)) == 1
    client.get("/")
    with django_assert_max_num_queries(15):
        assert banner_on(client) is not None


def test_the_most_severe_notice_comes_first(client, demo_ward):
    notice(level="thong-tin", slug="cat-nuoc", banner_message="Tạm ngừng cấp nước.")
    notice(level="khan-cap", slug="chay", banner_message="Cháy lớn tại chợ, tránh khu vực.")
    html = client.get("/").content.decode()
    assert html.index("Cháy lớn tại chợ") < html.index("Tạm ngừng cấp nước.")


def test_another_ward_does_not_show_this_wards_banner(client, demo_ward):
    notice()
    other_home = Page.get_first_root_node().add_child(
        instance=HomePage(title="Xã Minh Phú", slug="minh-phu")
    )
    other = Site.objects.create(hostname="minhphu.example.gov.vn", port=80, root_page=other_home)
    WardSettings.objects.create(site=other, ward_name="Xã Minh Phú")
    html = client.get("/", headers={"host": "minhphu.example.gov.vn"}).content.decode()
    assert BANNER not in html
    assert banner_on(client) is not None


def test_the_notice_page_lists_evacuation_and_relief_points(client, demo_ward):
    place = Place.objects.get(code="tdp-05")
    page = notice(
        relief_points=[
            {
                "type": "point",
                "value": {
                    "kind": "so-tan",
                    "name": "Nhà văn hóa tổ dân phố số 5",
                    "address": "Ngõ 12 phố Kiều Mai",
                    "place": place.pk,
                    "capacity": 120,
                    "phone": "0243 000 7105",
                    "provides": "Chỗ ngủ, nước uống",
                    "map_url": "https://maps.example.vn/ntv-5",
                },
            }
        ],
    )
    html = client.get(page.url).content.decode()
    assert "Điểm sơ tán, cứu trợ" in html
    for text in ("Nhà văn hóa tổ dân phố số 5", "Tổ dân phố số 5", "120 người", "Chỗ ngủ"):
        assert text in html
    assert 'href="tel:02430007105"' in html
    # On its own page, the banner does not link to itself.
    assert BANNER in html and "Xem chi tiết" not in html
    index_html = client.get(EmergencyIndexPage.objects.get().url).content.decode()
    assert "Đang có hiệu lực" in index_html and f'href="{page.url}"' in index_html


def editor_data(**overrides):
    now = timezone.localtime()
    values = {
        "title": "Cắt điện khẩn cấp khu vực tổ dân phố số 7",
        "slug": "cat-dien-khan-cap",
        "level": "canh-bao",
        "banner_message": "Cắt điện từ 13:00 để khắc phục sự cố trạm biến áp.",
        "starts_at": (now - datetime.timedelta(minutes=5)).strftime("%d/%m/%Y %H:%M"),
        "ends_at": (now + datetime.timedelta(hours=3)).strftime("%d/%m/%Y %H:%M"),
        "intro": "Điện lực khắc phục sự cố trạm biến áp.",
        "body": {"count": "0"},
        "relief_points": {"count": "0"},
        "map_url": "",
        "change_note": "",
        "search_description": "",
        "seo_title": "",
        "tags": "",
        "comments": {
            "TOTAL_FORMS": "0",
            "INITIAL_FORMS": "0",
            "MIN_NUM_FORMS": "0",
            "MAX_NUM_FORMS": "1000",
        },
    }
    values.update(overrides)
    return nested_form_data(values)


def post_new_notice(client, action="submit", **overrides):
    index = EmergencyIndexPage.objects.get()
    data = editor_data(**overrides)
    data[f"action-{action}"] = "1"
    url = reverse("wagtailadmin_pages:add", args=["society", "emergencynoticepage", index.pk])
    return client.post(url, data)


def test_a_notice_goes_live_with_one_leaders_approval(client, demo_ward):
    client.force_login(user("chuyenmon"))
    response = post_new_notice(client)
    assert response.status_code == 302, response.context["form"].errors
    page = EmergencyNoticePage.objects.get(slug="cat-dien-khan-cap")
    # The admin's pickers write day first ("01/12/2026 08:00"): read as such, not month first.
    assert (
        timezone.localtime(page.ends_at).date()
        == (timezone.localtime() + datetime.timedelta(hours=3)).date()
    )
    state = page.current_workflow_state
    assert state.workflow.name == "Quy trình khẩn cấp"
    assert state.current_task_state.task.name == "Khẩn cấp – Lãnh đạo duyệt"
    assert not page.live and banner_on(client) is None

    client.force_login(user("tuphap"))  # legal may not approve the leaders' step
    url = reverse(
        "wagtailadmin_pages:workflow_action",
        args=[page.pk, "approve", state.current_task_state.pk],
    )
    client.post(url, {"comment": ""})
    assert not EmergencyNoticePage.objects.get(pk=page.pk).live

    client.force_login(user("lanhdao"))
    client.post(url, {"comment": ""})
    assert EmergencyNoticePage.objects.get(pk=page.pk).live
    client.logout()
    html = banner_on(client)
    assert html and "Cắt điện từ 13:00" in html


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_at": "01/01/2020 08:00"}, "Thời điểm kết thúc phải sau thời điểm bắt đầu."),
        ({"banner_message": "Rất dài " * 40}, "Giá trị này chỉ có tối đa 200 kí tự"),
        ({"ends_at": "ngày mai"}, "Nhập một ngày/thời gian hợp lệ."),
    ],
)
def test_bad_input_gets_a_vietnamese_message_and_changes_nothing(
    client, demo_ward, overrides, message
):
    client.force_login(user("chuyenmon"))
    response = post_new_notice(client, action="submit", **overrides)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EmergencyNoticePage.objects.filter(slug="cat-dien-khan-cap").exists()


def test_the_emergency_section_keeps_its_workflow_and_is_a_section(demo_ward):
    index = EmergencyIndexPage.objects.get()
    assert SectionPage.objects.filter(pk=index.pk, slug="thong-bao-khan-cap").exists()
    assert index.get_workflow().name == "Quy trình khẩn cấp"

"""Many wards on one install, seen from the admin: «Phường/xã» (every ward's state, for the
city's IT staff only), and admin lists that cost the last ward's staff no more queries than
the first ward's (docs/operations.md, «Adding a ward»; bench/wards.py times the public side)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from content.demo.wards import seed_light_ward
from content.models import StaffProfile, SyncRun
from content.roles import OFFICE, PORTAL_ADMINS

WARDS_URL = "/admin/wards/"


@pytest.fixture
def three_wards(db):
    return [seed_light_ward(number) for number in (1, 2, 3)]


def staff(django_user_model, username, site, group_name):
    member = django_user_model.objects.create_user(username, password="x-password-123")
    member.groups.add(Group.objects.get(name=group_name))
    StaffProfile.objects.create(user=member, site=site)
    return member


def queries(client, url):
    """The queries of ``url`` once caches are warm (its second call)."""
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def test_the_city_it_staff_see_every_ward_with_its_staff_pages_and_syncs(
    client, three_wards, django_user_model, admin_user
):
    first, second, third = three_wards
    staff(django_user_model, "vanphong-1", first, OFFICE)
    staff(django_user_model, "quantri-1", first, PORTAL_ADMINS)
    # Only the runs below: making the wards may have logged runs of its own.
    SyncRun.objects.all().delete()
    ran = timezone.now() - datetime.timedelta(hours=3)
    SyncRun.objects.create(
        source=f"dashboard.cases@{first.pk}", status=SyncRun.Status.SUCCESS, started_at=ran
    )
    SyncRun.objects.create(source="tthc.catalogue", status=SyncRun.Status.SUCCESS, started_at=ran)
    SyncRun.objects.create(
        source=f"feedback.ihanoi@{second.pk}", status=SyncRun.Status.SUCCESS, started_at=ran
    )
    SyncRun.objects.create(
        source=f"feedback.ihanoi@{second.pk}",
        status=SyncRun.Status.FAILED,
        started_at=ran + datetime.timedelta(hours=1),
    )
    client.force_login(admin_user)
    response = client.get(WARDS_URL)
    assert response.status_code == 200
    rows = {ward.site.hostname: ward for ward in response.context["wards"]}
    assert set(rows) >= {"phuong-1.localhost", "phuong-2.localhost", "phuong-3.localhost"}
    one, two = rows["phuong-1.localhost"], rows["phuong-2.localhost"]
    assert (one.ward_name, one.staff, two.staff) == ("Phường Hồ Sen", 2, 0)
    assert one.pages == first.root_page.get_descendants(inclusive=True).count()
    assert one.live_pages == one.pages
    sources = {source.label: source for source in one.sources}
    stamp = f"{timezone.localtime(ran):%H:%M %d/%m/%Y}"
    assert sources["Số liệu hồ sơ (Cổng Dịch vụ công quốc gia / tệp một cửa)"].display == stamp
    assert sources["Danh mục thủ tục (Cổng Dịch vụ công quốc gia)"].display == stamp
    assert sources["Phản ánh từ iHanoi"].display == "Chưa có"
    ihanoi = {source.label: source for source in two.sources}["Phản ánh từ iHanoi"]
    assert ihanoi.display == stamp and ihanoi.failing
    html = response.content.decode()
    assert "Phường Hồ Sen" in html and "phuong-3.localhost" in html and "lần gần nhất lỗi" in html
    # The browser tab names the list, not just «Wagtail».
    assert "<title>Phường/xã" in html
    # In the admin menu for superusers only.
    assert WARDS_URL in client.get(reverse("wagtailadmin_home")).content.decode()


def test_staff_who_are_not_superusers_cannot_open_the_wards_list(
    client, three_wards, django_user_model
):
    member = staff(django_user_model, "quantri-1", three_wards[0], PORTAL_ADMINS)
    client.force_login(member)
    refused = client.get(WARDS_URL)  # Wagtail turns the 403 into a message on the dashboard
    assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
    assert WARDS_URL not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.logout()
    assert client.get(WARDS_URL).status_code == 302  # to the sign-in page


def test_the_wards_list_runs_the_same_queries_for_one_ward_as_for_three(db, client, admin_user):
    seed_light_ward(1)
    client.force_login(admin_user)
    one = queries(client, WARDS_URL)
    seed_light_ward(2)
    seed_light_ward(3)
    assert queries(client, WARDS_URL) == one


def test_the_last_wards_staff_run_no_more_queries_than_the_firsts(
    client, three_wards, django_user_model
):
    """The page explorer (portal admins) and the feedback queue (the office) of a member of
    staff of the third ward cost no more queries than for the first ward."""
    counts = {}
    for number, site in ((1, three_wards[0]), (3, three_wards[2])):
        admin = staff(django_user_model, f"quantri-{number}", site, PORTAL_ADMINS)
        office = staff(django_user_model, f"vanphong-{number}", site, OFFICE)
        client.force_login(admin)
        explorer = queries(client, reverse("wagtailadmin_explore", args=[site.root_page_id]))
        client.force_login(office)
        queue = queries(client, reverse("feedback_report:index"))
        counts[number] = (explorer, queue)
    print("queries (explorer, feedback queue): first ward", counts[1], "third ward", counts[3])
    assert counts[3][0] <= counts[1][0]
    assert counts[3][1] <= counts[1][1]

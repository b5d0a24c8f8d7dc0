"""«Toàn thành phố» (content/city_admin.py): the city's staff see, per ward, the pages waiting
in each workflow step with the longest wait, and the feedback queue with its late reports;
sorted on the server; a fixed number of queries however many wards; ward staff are refused."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState, Workflow

from content.demo.wards import seed_light_ward
from content.models import StaffProfile, StandardPage
from content.roles import OFFICE, PORTAL_ADMINS, SPECIALISTS
from content.wards import FIVE_STEP_WORKFLOW, setup_city_viewers
from feedback.models import FeedbackReport

CITY_URL = "/admin/thanh-pho/"


def light_ward(number):
    """Light demo ward ``number`` with none of its reports late yet."""
    site = seed_light_ward(number)
    FeedbackReport.objects.filter(site=site).update(
        due_at=timezone.now() + datetime.timedelta(days=10)
    )
    return site


@pytest.fixture
def three_wards(db):
    return [light_ward(number) for number in (1, 2, 3)]


@pytest.fixture
def city_viewer(db, django_user_model):
    viewer = django_user_model.objects.create_user("so-noi-vu", first_name="Sở", last_name="Xem")
    viewer.groups.add(setup_city_viewers())
    return viewer


def author(django_user_model, site, username):
    member = django_user_model.objects.create_user(
        username, first_name="Chuyên viên", last_name=username
    )
    member.groups.add(Group.objects.get(name=SPECIALISTS))
    StaffProfile.objects.create(user=member, site=site)
    return member


def submit(page, member, days_ago):
    """``page`` sent into the five-step workflow by ``member``, ``days_ago`` days ago."""
    page.save_revision(user=member)
    state = Workflow.objects.get(name=FIVE_STEP_WORKFLOW).start(page, member)
    started = timezone.now() - datetime.timedelta(days=days_ago)
    TaskState.objects.filter(workflow_state=state).update(started_at=started)
    return state


def pages_of(site):
    return list(StandardPage.objects.descendant_of(site.root_page).order_by("path"))


def make_late(site, count, days_ago):
    reports = FeedbackReport.objects.filter(site=site).order_by("pk")[:count]
    due = timezone.now() - datetime.timedelta(days=days_ago)
    FeedbackReport.objects.filter(pk__in=[report.pk for report in reports]).update(due_at=due)
    return due


def rows(response):
    return {ward.site.hostname: ward for ward in response.context["wards"]}


def test_the_city_sees_each_wards_waiting_pages_and_late_feedback(
    client, three_wards, city_viewer, django_user_model
):
    first, second, _third = three_wards
    writer = author(django_user_model, first, "cv-1")
    old_page, new_page = pages_of(first)[:2]
    submit(old_page, writer, days_ago=9)
    submit(new_page, writer, days_ago=2)
    due = make_late(second, 2, days_ago=4)
    client.force_login(city_viewer)
    response = client.get(CITY_URL)
    assert response.status_code == 200
    one, two, three = (rows(response)[f"phuong-{n}.localhost"] for n in (1, 2, 3))
    steps = response.context["steps"]
    assert steps[:3] == ["Bước 2 – Thẩm định", "Bước 3 – Phê duyệt", "Bước 4 – Đăng tải"]
    assert (one.waiting, one.by_step[0], one.by_step[1]) == (2, 2, 0)
    assert one.oldest.title == old_page.title
    assert one.oldest.task == "Bước 2 – Thẩm định"
    assert one.oldest.requested_by == writer.get_full_name()
    assert one.oldest.days == 9
    assert (two.waiting, two.oldest) == (0, None)
    assert (one.open_reports, one.late_reports, one.oldest_late) == (3, 0, None)
    assert (two.open_reports, two.late_reports) == (3, 2)
    assert abs(two.oldest_late - due) < datetime.timedelta(seconds=1)
    assert three.late_reports == 0
    html = response.content.decode()
    assert old_page.title in html and writer.get_full_name() in html
    # Links to read the ward's queue (late reports only), its figures and waiting pages.
    assert f"/admin/feedback/report/?site={second.pk}&amp;tinh_trang=qua-han" in html
    assert f"{reverse('dashboard_manualfigure:index')}?site={second.pk}" in html
    assert reverse("content_city_ward", args=[first.pk]) in html
    # In the city's admin menu.
    assert CITY_URL in client.get(reverse("wagtailadmin_home")).content.decode()


def test_the_wards_sort_on_the_server_by_any_column(
    client, three_wards, city_viewer, django_user_model
):
    first, second, third = three_wards
    submit(pages_of(third)[0], author(django_user_model, third, "cv-3"), days_ago=5)
    submit(pages_of(first)[0], author(django_user_model, first, "cv-1"), days_ago=1)
    make_late(second, 1, days_ago=1)
    make_late(first, 2, days_ago=6)
    client.force_login(city_viewer)

    def order(ordering):
        response = client.get(CITY_URL, {"ordering": ordering})
        assert response.status_code == 200
        return [
            ward.site.hostname.split(".")[0]
            for ward in response.context["wards"]
            if ward.site.hostname.startswith("phuong-")
        ]

    # Phường Bến Nghé Mới, Cây Đa, Hồ Sen.
    assert order("name") == ["phuong-3", "phuong-2", "phuong-1"]
    assert order("-late") == ["phuong-1", "phuong-2", "phuong-3"]
    assert order("late") == ["phuong-3", "phuong-2", "phuong-1"]
    # The oldest wait first; a ward where nothing waits comes last either way.
    assert order("oldest_waiting") == ["phuong-3", "phuong-1", "phuong-2"]
    assert order("-oldest_waiting") == ["phuong-1", "phuong-3", "phuong-2"]
    assert order("oldest_late") == ["phuong-1", "phuong-2", "phuong-3"]
    assert order("nonsense") == order("name")
    html = client.get(CITY_URL, {"ordering": "-late"}).content.decode()
    assert 'aria-sort="descending"' in html and "?ordering=late" in html


def queries(client, url):
    assert client.get(url).status_code == 200, url
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def test_the_overview_runs_the_same_queries_for_one_ward_as_for_three(
    db, client, city_viewer, django_user_model
):
    def busy_ward(number):
        site = light_ward(number)
        writer = author(django_user_model, site, f"cv-{number}")
        for days, page in enumerate(pages_of(site), start=1):
            submit(page, writer, days_ago=days)
        make_late(site, 2, days_ago=number)
        return site

    busy_ward(1)
    client.force_login(city_viewer)
    one = queries(client, CITY_URL)
    busy_ward(2)
    busy_ward(3)
    three = queries(client, CITY_URL)
    print("queries of «Toàn thành phố»: one ward", one, "three wards", three)
    assert three == one
    assert len(client.get(CITY_URL).context["wards"]) >= 3


def test_ward_staff_cannot_open_the_city_overview(client, three_wards, django_user_model):
    member = django_user_model.objects.create_user("quantri-1")
    member.groups.add(Group.objects.get(name=PORTAL_ADMINS))
    StaffProfile.objects.create(user=member, site=three_wards[0])
    client.force_login(member)
    for url in (CITY_URL, reverse("content_city_ward", args=[three_wards[0].pk])):
        refused = client.get(url)  # Wagtail turns the 403 into a message on the dashboard
        assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home")
    assert CITY_URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_superusers_open_the_city_overview(client, three_wards, admin_user):
    client.force_login(admin_user)
    assert client.get(CITY_URL).status_code == 200


def test_one_wards_waiting_pages_the_longest_waiting_first(
    client, three_wards, city_viewer, django_user_model
):
    first, second, _ = three_wards
    writer = author(django_user_model, first, "cv-1")
    recent, old = pages_of(first)[:2]
    submit(recent, writer, days_ago=1)
    submit(old, writer, days_ago=7)
    elsewhere = pages_of(second)[0]
    elsewhere.title = "Trang đang chờ của phường khác"
    elsewhere.save()
    submit(elsewhere, author(django_user_model, second, "cv-2"), days_ago=3)
    client.force_login(city_viewer)
    response = client.get(reverse("content_city_ward", args=[first.pk]))
    assert response.status_code == 200
    assert [row["title"] for row in response.context["rows"]] == [old.title, recent.title]
    assert response.context["rows"][0]["days"] == 7
    assert elsewhere.title not in response.content.decode()
    assert client.get(reverse("content_city_ward", args=[99999])).status_code == 404


def test_the_city_reads_one_wards_queue_through_its_link(client, three_wards, city_viewer):
    first, second, _ = three_wards
    theirs = set(FeedbackReport.objects.filter(site=second).values_list("code", flat=True))
    others = set(FeedbackReport.objects.filter(site=first).values_list("code", flat=True))
    client.force_login(city_viewer)
    html = client.get(reverse("feedback_report:index"), {"site": second.pk}).content.decode()
    assert all(code in html for code in theirs)
    assert not any(code in html for code in others)
    everyone = client.get(reverse("feedback_report:index")).content.decode()
    assert all(code in everyone for code in theirs | others)


def test_ward_staff_cannot_filter_the_queue_to_another_ward(client, three_wards, django_user_model):
    first, second, _ = three_wards
    member = django_user_model.objects.create_user("vanphong-1")
    member.groups.add(Group.objects.get(name=OFFICE))
    StaffProfile.objects.create(user=member, site=first)
    client.force_login(member)
    html = client.get(reverse("feedback_report:index"), {"site": second.pk}).content.decode()
    assert not any(
        code in html
        for code in FeedbackReport.objects.filter(site=second).values_list("code", flat=True)
    )
    assert 'name="site"' not in html

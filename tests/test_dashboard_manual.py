"""Monthly figures typed in the admin: validated, kept per ward, mirrored into readings, and
every change in the history (dashboard.ManualFigure, docs/dashboard.md "Sources")."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, Page, Site

from dashboard.models import ManualFigure, Reading, Source
from dashboard.sources import base
from tests.workflow_helpers import user

pytestmark = pytest.mark.django_db

OCTOBER = datetime.date(2025, 10, 1)


def reading(site, metric, period):
    return Reading.objects.filter(
        site=site, source=Source.MANUAL, metric=metric, period=period
    ).first()


@pytest.fixture
def office(client, demo_ward):
    ManualFigure.objects.all().delete()
    client.force_login(user("vanphong"))
    return client


def add(client, site, **fields):
    data = {
        "site": site.pk,
        "metric": "desk_questions",
        "period": "2025-10-17",
        "value": "812",
        "note": "Sổ theo dõi tiếp dân",
    } | fields
    return client.post(reverse("dashboard_manualfigure:add"), data)


def test_the_office_types_a_figure_and_the_dashboard_reads_it(office, demo_ward):
    response = add(office, demo_ward)
    assert response.status_code == 302, response.context["form"].errors
    figure = ManualFigure.objects.get()
    assert figure.period == OCTOBER  # any day of the month stands for the month
    assert reading(demo_ward, "desk_questions", OCTOBER).value == 812
    assert base.last_success(demo_ward, Source.MANUAL) == figure.updated_at

    edit = reverse("dashboard_manualfigure:edit", args=[figure.pk])
    response = office.post(
        edit,
        {"site": demo_ward.pk, "metric": "desk_questions", "period": "2025-11-03", "value": "790"},
    )
    assert response.status_code == 302
    assert reading(demo_ward, "desk_questions", OCTOBER) is None  # moved, nothing left behind
    assert reading(demo_ward, "desk_questions", datetime.date(2025, 11, 1)).value == 790

    office.post(reverse("dashboard_manualfigure:delete", args=[figure.pk]))
    assert not ManualFigure.objects.exists()
    assert not Reading.objects.filter(site=demo_ward, source=Source.MANUAL).exists()


def test_every_change_is_in_the_history_leaders_can_read(office, client, demo_ward):
    add(office, demo_ward)
    figure = ManualFigure.objects.get()
    office.post(
        reverse("dashboard_manualfigure:edit", args=[figure.pk]),
        {"site": demo_ward.pk, "metric": "desk_questions", "period": "2025-10-01", "value": "800"},
    )
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(figure.pk))
        .order_by("timestamp")
        .values_list("action", "user__username")
    )
    assert actions == [("wagtail.create", "vanphong"), ("wagtail.edit", "vanphong")]
    client.force_login(user("lanhdao"))
    response = client.get(reverse("dashboard_manualfigure:history", args=[figure.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("Cán bộ Văn phòng") >= 2  # who created it, who edited it
    # Leaders read; they do not type.
    assert add(client, demo_ward).status_code in (302, 403)
    assert ManualFigure.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"value": "-3"}, "0"),
        ({"value": "nhiều"}, "số"),
        ({"period": "ngày mai"}, "ngày"),
        ({"metric": "received_online"}, "lựa chọn"),
    ],
)
def test_bad_input_is_refused_with_a_message(office, demo_ward, fields, message):
    response = add(office, demo_ward, **fields)
    assert response.status_code == 200
    assert (
        message in str(response.context["form"].errors).lower()
        or message in response.content.decode()
    )
    assert not ManualFigure.objects.exists()
    assert not Reading.objects.filter(site=demo_ward, source=Source.MANUAL).exists()


def test_a_future_month_is_refused(office, demo_ward):
    next_month = base.next_month(timezone.localdate())
    response = add(office, demo_ward, period=next_month.isoformat())
    assert response.status_code == 200
    assert "Chưa tới tháng này" in response.content.decode()
    assert not ManualFigure.objects.exists()


def test_a_month_typed_twice_is_refused(office, demo_ward):
    add(office, demo_ward)
    response = add(office, demo_ward, period="2025-10-30", value="1")
    assert response.status_code == 200
    assert ManualFigure.objects.get().value == 812
    assert reading(demo_ward, "desk_questions", OCTOBER).value == 812


def test_staff_type_figures_for_their_own_ward_only(office, demo_ward):
    home = Page.get_first_root_node().add_child(title="Phường Khác", slug="phuong-khac")
    other = Site.objects.create(hostname="phuong-khac.test", root_page=home)
    response = add(office, other)
    assert response.status_code == 200
    assert not ManualFigure.objects.exists()
    theirs = ManualFigure.objects.create(
        site=other, metric="desk_questions", period=OCTOBER, value=5
    )
    assert office.get(reverse("dashboard_manualfigure:edit", args=[theirs.pk])).status_code == 404
    index = office.get(reverse("dashboard_manualfigure:index")).content.decode()
    assert reverse("dashboard_manualfigure:edit", args=[theirs.pk]) not in index
    assert reading(demo_ward, "desk_questions", OCTOBER) is None
    assert reading(other, "desk_questions", OCTOBER).value == 5


def test_the_index_lists_the_figures_with_few_queries(
    office, demo_ward, django_assert_max_num_queries
):
    for month in range(1, 13):
        ManualFigure.objects.create(
            site=demo_ward,
            metric="desk_questions",
            period=datetime.date(2025, month, 1),
            value=month,
        )
    with django_assert_max_num_queries(40):
        response = office.get(reverse("dashboard_manualfigure:index"))
    assert response.status_code == 200
    assert "Lượt hỏi trực tiếp tại Bộ phận Một cửa" in response.content.decode()
    assert "12/2025" in response.content.decode()

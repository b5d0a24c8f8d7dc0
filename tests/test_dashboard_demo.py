"""The demo readings: seed 000's baseline (appendix C) exactly, then improving demo months."""

import datetime
import statistics

import pytest
from django.db.models import Sum
from wagtail.models import Site

from content.models import SyncRun
from dashboard import demo
from dashboard.models import ManualFigure, Reading, Source
from dashboard.sources import base

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 1)
BASELINE_END = datetime.date(2025, 12, 1)


@pytest.fixture
def site(db):
    site = Site.objects.get(is_default_site=True)
    demo.seed(site, today=TODAY)
    return site


def total(site, source, metric, start=None, end=None, **filters):
    readings = Reading.objects.filter(site=site, source=source, metric=metric, **filters)
    if start:
        readings = readings.filter(period__gte=start)
    if end:
        readings = readings.filter(period__lt=end)
    return readings.aggregate(n=Sum("value"))["n"] or 0


def baseline(site, source, metric):
    return total(site, source, metric, end=BASELINE_END)


def test_the_baseline_adds_up_to_appendix_c(site):
    cases = {m: baseline(site, Source.CASES, m) for m in demo.BASELINE}
    assert cases == {
        "received_online": 6993,
        "received_direct": 3639,
        "resolved_early": 9361,
        "resolved_on_time": 1025,
        "resolved_late": 0,
    }
    received = cases["received_online"] + cases["received_direct"]
    resolved = cases["resolved_early"] + cases["resolved_on_time"] + cases["resolved_late"]
    assert (received, resolved) == (10632, 10386)
    # The rates the dashboard must show (DESIGN.md §5).
    assert round(100 * cases["received_online"] / received, 2) == 65.77
    assert round(100 * cases["received_direct"] / received, 2) == 34.23
    assert round(100 * cases["resolved_early"] / resolved, 2) == 90.13
    assert round(100 * cases["resolved_on_time"] / resolved, 2) == 9.87
    assert baseline(site, Source.FEEDBACK, "received") == 413
    assert baseline(site, Source.FEEDBACK, "resolved") == 376
    assert round(100 * 376 / 413) == 91
    digitised = baseline(site, Source.MANUAL, "results_digitised")
    assert round(100 * digitised / baseline(site, Source.MANUAL, "results_total"), 1) == 69.3


def test_the_baseline_is_split_by_month_and_field(site):
    periods = set(
        Reading.objects.filter(site=site, source=Source.CASES, period__lt=BASELINE_END)
        .values_list("period", flat=True)
        .distinct()
    )
    assert periods == set(demo.BASELINE_MONTHS)
    fields = set(
        Reading.objects.filter(site=site, source=Source.CASES).values_list("breakdown", flat=True)
    )
    assert {"Hộ tịch", "Chứng thực", "Đất đai", "Xây dựng", "Kinh doanh"} <= fields
    assert "Lao động – Thương binh và Xã hội" in fields
    for period in demo.BASELINE_MONTHS:
        month = total(site, Source.CASES, "received_online", period, base.next_month(period))
        assert 1200 < month < 1600  # plausible: no month holds most of the period

    # Land cases are mostly handed in at the desk; certifications mostly online.
    def share(field):
        online = total(site, Source.CASES, "received_online", breakdown=field, end=BASELINE_END)
        direct = total(site, Source.CASES, "received_direct", breakdown=field, end=BASELINE_END)
        return online / (online + direct)

    assert share("Đất đai") < 0.5 < 0.7 < share("Chứng thực")


def online_share(site, period):
    end = base.next_month(period)
    online = total(site, Source.CASES, "received_online", period, end)
    return online / (online + total(site, Source.CASES, "received_direct", period, end))


def test_demo_months_run_to_last_month_and_improve(site):
    months = demo.demo_months(TODAY)
    assert (months[0], months[-1], len(months)) == (
        datetime.date(2025, 12, 1),
        datetime.date(2026, 11, 1),
        12,
    )
    shares = [online_share(site, period) for period in months]
    assert 0.66 < shares[0] < shares[-1] < 0.85
    assert shares[-1] > 0.8
    questions = [
        ManualFigure.objects.get(site=site, metric="desk_questions", period=p).value
        for p in [*demo.BASELINE_MONTHS, *months]
    ]
    all_shares = [online_share(site, p) for p in [*demo.BASELINE_MONTHS, *months]]
    # Seed 000 §2.5: more online, fewer questions at the desk.
    assert statistics.correlation(all_shares, questions) < -0.9
    for source in Source:
        assert Reading.objects.filter(site=site, source=source, period=months[-1]).exists()


def test_every_demo_month_passes_the_sources_validation(site):
    for source in Source:
        periods = {}
        for r in Reading.objects.filter(site=site, source=source):
            periods.setdefault(r.period, {})[(r.metric, r.breakdown)] = r.value
        assert base.validate(source, periods) == [], source


def test_manual_readings_mirror_the_manual_figures(site):
    figures = ManualFigure.objects.filter(site=site)
    assert figures.count() == Reading.objects.filter(site=site, source=Source.MANUAL).count()
    for figure in figures[:5]:
        reading = Reading.objects.get(
            site=site, source=Source.MANUAL, metric=figure.metric, period=figure.period
        )
        assert reading.value == figure.value


def test_seeding_again_adds_nothing_and_the_sources_look_fresh(site):
    count = Reading.objects.count()
    assert demo.seed(site, today=TODAY) == 0
    assert Reading.objects.count() == count
    for source in (Source.CASES, Source.FEEDBACK, Source.PORTAL, Source.MANUAL):
        assert base.last_success(site, source) is not None
    assert SyncRun.objects.filter(status=SyncRun.Status.SUCCESS).count() == 3


def test_seed_demo_loads_the_dashboard(demo_ward):
    assert total(demo_ward, Source.CASES, "received_online", end=BASELINE_END) == 6993
    # QR scans are counted by the demo ward's residential groups.
    places = set(
        Reading.objects.filter(site=demo_ward, metric="qr_scans").values_list(
            "breakdown", flat=True
        )
    )
    assert len(places) == demo.PLACES_FOR_QR
    assert all(place.startswith(("Tổ dân phố", "Thôn")) for place in places), places

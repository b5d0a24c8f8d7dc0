"""Every ward's upstream sources (issue 19): the nightly case-statistics pull and the hourly
iHanoi sync run for every ward in one pass, each ward at its own unit, against a real HTTP
server on 127.0.0.1 that answers per unit. One ward's failing upstream is that ward's alone:
the others get their data, its run is logged as failed under its own site, and its pages keep
the last good figures; a ward without a unit code is skipped; an answer for another unit is
refused and writes nothing."""

import io
import logging

import pytest
from celery.exceptions import Retry
from django.core.management import CommandError, call_command

from content.models import SyncRun, WardSettings
from content.upstream import unit_url
from dashboard import tasks as dashboard_tasks
from dashboard.models import DashboardPage, Reading, Source
from dashboard.sources import base
from feedback import ihanoi
from feedback import tasks as feedback_tasks
from feedback.models import FeedbackReport
from feedback.models import Source as FeedbackSource
from tests.factories import ward_site
from tests.upstream_server import UpstreamServer

pytestmark = pytest.mark.django_db

UNITS = {"a": "000.31.01.H26", "b": "000.31.02.H26", "c": "000.31.03.H26"}


@pytest.fixture
def upstream():
    with UpstreamServer() as server:
        yield server


@pytest.fixture
def fast(settings):
    settings.UPSTREAM_RETRIES, settings.UPSTREAM_TIMEOUT, settings.UPSTREAM_BACKOFF = 0, 1, 0


@pytest.fixture
def wards(db):
    """Three wards, each with its unit at both upstreams and its own dashboard page."""
    sites = {
        "a": ward_site("Phường An", slug="phuong-an"),
        "b": ward_site("Phường Bình", slug="phuong-binh", hostname="phuong-binh.test"),
        "c": ward_site("Phường Cát", slug="phuong-cat", hostname="phuong-cat.test"),
    }
    for key, site in sites.items():
        WardSettings.objects.update_or_create(
            site=site, defaults={"dvc_unit_code": UNITS[key], "ihanoi_unit": f"ihn-{key}"}
        )
        site.root_page.add_child(
            instance=DashboardPage(title="Số liệu", slug="so-lieu")
        ).save_revision().publish()
    return sites


def case_rows(online):
    return [
        {
            "period": "2026-10",
            "field": "Hộ tịch",
            "received_online": online,
            "received_direct": 100 - online,
            "resolved_early": 90,
            "resolved_on_time": 10,
            "resolved_late": 0,
            "pending": 5,
            "pending_overdue": 0,
        }
    ]


def serve_cases(upstream, online, **by_unit):
    """Every unit answers its case statistics (``online`` cases of 100 received online);
    ``by_unit`` overrides one unit's answer (status, delay, payload)."""
    for key, unit in UNITS.items():
        options = by_unit.get(key, {})
        payload = options.pop("payload", {"unit": unit, "rows": case_rows(online)})
        upstream.serve_unit(unit, payload, **options)


def online(site):
    return (
        Reading.objects.filter(site=site, source=Source.CASES, metric="received_online")
        .values_list("value", flat=True)
        .first()
    )


def runs(site, source="dashboard.cases"):
    return SyncRun.objects.filter(source=f"{source}@{site.pk}")


def ihanoi_item(key, number, status="dang_xu_ly"):
    return {
        "id": f"IH-{key}-{number}",
        "title": f"Đèn đường hỏng số {number}",
        "category": "Hạ tầng, giao thông, chiếu sáng",
        "address": "",
        "lat": None,
        "lng": None,
        "created_at": "2026-11-23T08:15:00+07:00",
        "status": status,
        "resolved_at": None,
        "response": "",
        "before_photos": [],
        "after_photos": [],
        "rating": None,
    }


@pytest.mark.parametrize("failure", [{"status": 500}, {"delay": 2}], ids=["http-500", "timeout"])
def test_one_wards_failing_upstream_leaves_the_others_their_figures(
    client, upstream, wards, fast, settings, failure
):
    settings.CASE_STATS_URL = f"{upstream.root}/don-vi/{{unit}}/so-lieu-ho-so"
    a, b, c = wards["a"], wards["b"], wards["c"]
    serve_cases(upstream, 60)
    dashboard_tasks.pull_case_stats.delay()
    assert [online(site) for site in (a, b, c)] == [60, 60, 60]
    last_good = base.last_success(b, Source.CASES)

    serve_cases(upstream, 85, b=failure)
    upstream.requests.clear()
    summary = dashboard_tasks.pull_case_stats.delay().get()

    assert online(a) == 85 and online(c) == 85
    assert "to retry: phuong-binh.test" in summary
    failed = runs(b).order_by("-started_at").first()
    assert failed.status == SyncRun.Status.FAILED
    assert f"@{b.pk}" in failed.source and failed.source_label.startswith("Số liệu hồ sơ")
    assert [len(upstream.requests_for(unit)) for unit in UNITS.values()] == [1, 1, 1]
    # A worker retries that ward alone, with the job's backoff: its own task, in 5 minutes.
    with pytest.raises(Retry) as retry:
        dashboard_tasks.pull_ward_case_stats.delay(b.pk)
    # 5 minutes plus up to a fifth of jitter (content.upstream.retry_delay).
    assert retry.value.sig.args == (b.pk,) and 300 <= retry.value.when <= 360
    assert len(upstream.requests_for(UNITS["a"])) == 1
    # Its figures and their "updated at" stay those of the last good pull, on its own page.
    assert online(b) == 60
    assert base.last_success(b, Source.CASES) == last_good
    page = client.get("/so-lieu/?tu=2026-10&den=2026-10", HTTP_HOST="phuong-binh.test")
    assert page.status_code == 200
    assert "60,00 %" in page.content.decode() and "85,00 %" not in page.content.decode()
    page = client.get("/so-lieu/?tu=2026-10&den=2026-10", HTTP_HOST="phuong-cat.test")
    assert "85,00 %" in page.content.decode()


def test_the_unit_goes_as_a_query_parameter_when_the_url_has_no_placeholder(
    upstream, wards, fast, settings
):
    settings.CASE_STATS_URL = f"{upstream.root}/lgsp/ho-so?phien-ban=1"
    serve_cases(upstream, 70)
    dashboard_tasks.pull_case_stats.delay()
    assert [online(site) for site in wards.values()] == [70, 70, 70]
    paths = sorted(request["path"] for request in upstream.requests)
    assert paths == [f"/lgsp/ho-so?phien-ban=1&unit={unit}" for unit in sorted(UNITS.values())]
    assert unit_url("https://x.vn/don-vi/{unit}/ho-so", "UBND P/1") == (
        "https://x.vn/don-vi/UBND%20P%2F1/ho-so"
    )


def test_a_ward_without_a_unit_code_is_skipped_and_named(upstream, wards, fast, settings, caplog):
    settings.CASE_STATS_URL = f"{upstream.root}/don-vi/{{unit}}/ho-so"
    WardSettings.objects.filter(site=wards["c"]).update(dvc_unit_code="  ")
    serve_cases(upstream, 60)
    with caplog.at_level(logging.WARNING, logger="content.ward_jobs"):
        summary = dashboard_tasks.pull_case_stats.delay().get()
    assert online(wards["a"]) == 60 and online(wards["b"]) == 60
    assert online(wards["c"]) is None and not runs(wards["c"]).exists()
    assert not upstream.requests_for(UNITS["c"])
    assert "phuong-cat.test" in summary
    skipped = [r for r in caplog.records if r.getMessage().startswith("ward skipped")]
    assert [(r.site, r.field) for r in skipped] == [(wards["c"].pk, "dvc_unit_code")]

    out = io.StringIO()
    call_command("pull_case_stats", stdout=out)
    assert "Phường Cát: bỏ qua, chưa có mã đơn vị trên Cổng Dịch vụ công" in out.getvalue()
    assert "Phường An: xong." in out.getvalue()
    with pytest.raises(CommandError, match="Phường Cát chưa có mã đơn vị trên Cổng Dịch vụ công"):
        call_command("pull_case_stats", "--ward", "phuong-cat.test", stdout=io.StringIO())


def test_an_answer_for_another_unit_is_refused_and_writes_nothing(upstream, wards, fast, settings):
    settings.CASE_STATS_URL = f"{upstream.root}/don-vi/{{unit}}/ho-so"
    a = wards["a"]
    serve_cases(upstream, 60, a={"payload": {"unit": UNITS["b"], "rows": case_rows(99)}})
    dashboard_tasks.pull_case_stats.delay()
    run = runs(a).get()
    assert run.status == SyncRun.Status.REJECTED
    assert f"«{UNITS['b']}», không phải của phường/xã này" in run.message
    assert not Reading.objects.filter(site=a).exists()
    assert online(wards["b"]) == 60
    # The same unit, written another way (case, spaces), is the ward's.
    serve_cases(
        upstream, 60, a={"payload": {"unit": f" {UNITS['a'].lower()} ", "rows": case_rows(61)}}
    )
    dashboard_tasks.pull_case_stats.delay()
    assert online(a) == 61


def test_the_command_runs_every_ward_or_the_one_named_and_names_the_failed_one(
    upstream, wards, fast, settings
):
    settings.CASE_STATS_URL = f"{upstream.root}/don-vi/{{unit}}/ho-so"
    a, b, c = wards["a"], wards["b"], wards["c"]
    serve_cases(upstream, 40, b={"status": 503})
    with pytest.raises(CommandError) as raised:
        call_command("pull_case_stats", stdout=io.StringIO())
    assert "Phường Bình: Lỗi kết nối" in str(raised.value)
    assert "Phường An" not in str(raised.value)
    assert online(a) == 40 and online(c) == 40 and online(b) is None

    serve_cases(upstream, 45)
    call_command("pull_case_stats", "--ward", "PHUONG-BINH.test", stdout=io.StringIO())
    assert online(b) == 45 and online(a) == 40
    call_command("pull_case_stats", "--ward", str(a.pk), stdout=io.StringIO())
    assert online(a) == 45
    with pytest.raises(CommandError, match="Không tìm thấy phường/xã «phuong-khong-co.test»"):
        call_command("pull_case_stats", "--ward", "phuong-khong-co.test", stdout=io.StringIO())


def ihanoi_reports(site):
    return sorted(
        FeedbackReport.objects.filter(site=site, source=FeedbackSource.IHANOI).values_list(
            "external_id", "status"
        )
    )


def test_ihanoi_runs_for_every_ward_and_one_failing_feed_stops_no_other(
    upstream, wards, fast, settings
):
    settings.IHANOI_URL = f"{upstream.root}/ihanoi/v1/phan-anh"
    a, b, c = wards["a"], wards["b"], wards["c"]
    for key in UNITS:
        upstream.serve_unit(f"ihn-{key}", items=[ihanoi_item(key, 1)])
    feedback_tasks.sync_ihanoi.delay()
    assert [len(ihanoi_reports(site)) for site in (a, b, c)] == [1, 1, 1]

    for key in UNITS:
        more = [ihanoi_item(key, 1, "da_xu_ly"), ihanoi_item(key, 2), ihanoi_item(key, 3)]
        upstream.serve_unit(f"ihn-{key}", items=more, page_size=2)
    upstream.serve_unit("ihn-b", status=500)
    upstream.requests.clear()
    summary = feedback_tasks.sync_ihanoi.delay().get()
    assert "to retry: phuong-binh.test" in summary

    assert ihanoi_reports(a) == [
        ("IH-a-1", "da_xu_ly"),
        ("IH-a-2", "dang_xu_ly"),
        ("IH-a-3", "dang_xu_ly"),
    ]
    assert len(ihanoi_reports(c)) == 3
    assert ihanoi_reports(b) == [("IH-b-1", "dang_xu_ly")]  # as the last good sync left it
    failed = runs(b, "feedback.ihanoi").order_by("-started_at").first()
    assert failed.status == SyncRun.Status.FAILED and "HTTP 500" in failed.message
    assert failed.source_label == "Phản ánh từ iHanoi"
    assert len(upstream.requests_for("ihn-a")) == 2  # two pages, once each
    with pytest.raises(Retry) as retry:
        feedback_tasks.sync_ward_ihanoi.delay(b.pk)
    # 5 minutes plus up to a fifth of jitter (content.upstream.retry_delay).
    assert retry.value.sig.args == (b.pk,) and 300 <= retry.value.when <= 360


def test_an_ihanoi_feed_may_not_write_into_another_wards_reports(upstream, wards, fast, settings):
    settings.IHANOI_URL = f"{upstream.root}/ihanoi/don-vi/{{unit}}/phan-anh"
    a, b = wards["a"], wards["b"]
    upstream.serve_unit("ihn-b", items=[ihanoi_item("b", 1)])
    call_command("sync_ihanoi", "--ward", "phuong-binh.test", stdout=io.StringIO())
    assert ihanoi_reports(b) == [("IH-b-1", "dang_xu_ly")]

    # Ward A's feed brings ward B's item: refused whole, nothing changed anywhere.
    upstream.serve_unit("ihn-a", items=[ihanoi_item("a", 1), ihanoi_item("b", 1, "da_xu_ly")])
    with pytest.raises(CommandError, match="Mục id IH-b-1: đã thuộc phản ánh của phường/xã khác"):
        call_command("sync_ihanoi", "--ward", str(a.pk), stdout=io.StringIO())
    assert ihanoi_reports(a) == [] and ihanoi_reports(b) == [("IH-b-1", "dang_xu_ly")]

    # A page that names another unit is refused too.
    upstream.serve_unit("ihn-a", {"unit": "ihn-b", "items": [ihanoi_item("a", 1)], "next": None})
    run = ihanoi.sync_ward(a)
    assert run.status == SyncRun.Status.REJECTED and "«ihn-b»" in run.message
    assert ihanoi_reports(a) == []

    WardSettings.objects.filter(site=a).update(ihanoi_unit="")
    out = io.StringIO()
    call_command("sync_ihanoi", stdout=out)
    assert "Phường An: bỏ qua, chưa có mã đơn vị trên iHanoi" in out.getvalue()
    assert "Phường Bình: xong." in out.getvalue()


def test_the_computed_sources_run_for_every_ward_past_one_that_is_busy(wards):
    from django.core.cache import cache

    a, b, c = wards["a"], wards["b"], wards["c"]
    cache.add(f"dashboard:run:{base.sync_source(b, Source.FEEDBACK)}", "1")
    summary = dashboard_tasks.compute_feedback_stats.delay().get()
    assert "to retry: phuong-binh.test" in summary
    assert runs(a, "dashboard.feedback").get().status == SyncRun.Status.SUCCESS
    assert runs(c, "dashboard.feedback").get().status == SyncRun.Status.SUCCESS
    assert not runs(b, "dashboard.feedback").exists()
    dashboard_tasks.compute_portal_stats.delay()
    assert all(runs(site, "dashboard.portal").exists() for site in (a, b, c))


@pytest.fixture
def city(wards):
    """The city's own site beside the three wards: no unit at any upstream, by design."""
    from tests.city_helpers import make_city

    return make_city()


def test_the_city_site_is_neither_queued_nor_named_as_skipped(
    upstream, wards, city, fast, settings, caplog
):
    settings.CASE_STATS_URL = f"{upstream.root}/don-vi/{{unit}}/ho-so"
    settings.IHANOI_URL = f"{upstream.root}/ihanoi/v1/phan-anh"
    serve_cases(upstream, 60)
    for key in UNITS:
        upstream.serve_unit(f"ihn-{key}", items=[])
    with caplog.at_level(logging.WARNING, logger="content.ward_jobs"):
        summaries = [
            dashboard_tasks.pull_case_stats.delay().get(),
            feedback_tasks.sync_ihanoi.delay().get(),
            dashboard_tasks.compute_feedback_stats.delay().get(),
            dashboard_tasks.compute_portal_stats.delay().get(),
        ]
    assert summaries[0] == "pull_case_stats: 3 ward(s)"
    assert summaries[1] == "sync_ihanoi: 3 ward(s)"
    assert summaries[2:] == ["compute_feedback_stats: 3 ward(s)", "compute_portal_stats: 3 ward(s)"]
    assert not [r for r in caplog.records if getattr(r, "site", None) == city.pk]
    assert not SyncRun.objects.filter(source__endswith=f"@{city.pk}").exists()
    assert all(online(site) == 60 for site in wards.values())


def test_the_commands_pass_over_the_city_site_and_refuse_it_by_name(
    upstream, wards, city, fast, settings
):
    settings.CASE_STATS_URL = f"{upstream.root}/don-vi/{{unit}}/ho-so"
    settings.IHANOI_URL = f"{upstream.root}/ihanoi/v1/phan-anh"
    serve_cases(upstream, 60)
    for key in UNITS:
        upstream.serve_unit(f"ihn-{key}", items=[])
    for command in ("pull_case_stats", "sync_ihanoi"):
        out = io.StringIO()
        call_command(command, stdout=out)
        lines = out.getvalue().splitlines()
        assert len(lines) == 3 and all(": xong." in line for line in lines), lines
        assert "Hà Nội" not in out.getvalue()
        for value in (city.hostname.upper(), str(city.pk)):
            with pytest.raises(CommandError, match="là trang của thành phố, không có nguồn số"):
                call_command(command, "--ward", value, stdout=io.StringIO())
    assert not SyncRun.objects.filter(source__endswith=f"@{city.pk}").exists()

"""The dashboard's case statistics adapter against a real HTTP server on 127.0.0.1, and the
rules every source shares (dashboard/sources/base.py): whole-payload validation, a month
replaced (never added to), and a recorded last success."""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Site

from content.models import SyncRun, WardSettings
from dashboard import tasks
from dashboard.models import Reading, Source
from dashboard.sources import base, cases
from tests.upstream_server import UpstreamServer

pytestmark = pytest.mark.django_db

FAST = {"timeout": 1, "retries": 0, "backoff": 0}
JULY, AUGUST = datetime.date(2025, 7, 1), datetime.date(2025, 8, 1)


@pytest.fixture
def upstream():
    with UpstreamServer() as server:
        yield server


UNIT = "000.31.01.H26"


@pytest.fixture
def site(db):
    site = Site.objects.get(is_default_site=True)
    WardSettings.objects.update_or_create(site=site, defaults={"dvc_unit_code": UNIT})
    return site


def row(period, field, online=100, direct=50, early=120, on_time=20, late=0, pending=10):
    return {
        "period": period,
        "field": field,
        "received_online": online,
        "received_direct": direct,
        "resolved_early": early,
        "resolved_on_time": on_time,
        "resolved_late": late,
        "pending": pending,
        "pending_overdue": 0,
    }


def answer(server, rows, unit=UNIT):
    server.pages = {None: {"unit": unit, "rows": rows}}


def readings(site):
    """What the adapter may write, as it is: to prove a refused run changed nothing."""
    return sorted(
        Reading.objects.filter(site=site).values_list(
            "source", "metric", "period", "breakdown", "value", "updated_at"
        )
    )


def value(site, metric, period, field):
    return Reading.objects.get(
        site=site, source=Source.CASES, metric=metric, period=period, breakdown=field
    ).value


def test_first_pull_writes_every_count_and_records_the_success(upstream, site):
    answer(upstream, [row("2025-07", "Hộ tịch"), row("2025-07", "Chứng thực", online=300)])
    assert base.last_success(site, Source.CASES) is None
    run = cases.pull(site, upstream.url, "bi-mat", **FAST)
    assert run.status == SyncRun.Status.SUCCESS, run.message
    assert run.source == f"dashboard.cases@{site.pk}"
    assert run.source_label.startswith("Số liệu hồ sơ")
    assert Reading.objects.filter(site=site, source=Source.CASES).count() == 14
    assert value(site, "received_online", JULY, "Chứng thực") == 300
    assert value(site, "resolved_early", JULY, "Hộ tịch") == 120
    assert base.last_success(site, Source.CASES) == run.finished_at
    assert upstream.requests[0]["headers"]["Authorization"] == "Bearer bi-mat"
    assert "bi-mat" not in run.origin


def test_a_repeated_pull_adds_nothing_and_rewrites_nothing(upstream, site):
    answer(upstream, [row("2025-07", "Hộ tịch"), row("2025-08", "Hộ tịch")])
    cases.pull(site, upstream.url, **FAST)
    before = readings(site)
    run = cases.pull(site, upstream.url, **FAST)
    assert run.status == SyncRun.Status.SUCCESS
    assert (run.created, run.changed, run.unchanged, run.withdrawn) == (0, 0, 14, 0)
    assert readings(site) == before  # same rows, same values, same updated_at


def test_a_corrected_month_replaces_the_old_figures(upstream, site):
    answer(
        upstream,
        [row("2025-07", "Hộ tịch"), row("2025-07", "Đất đai"), row("2025-08", "Hộ tịch")],
    )
    cases.pull(site, upstream.url, **FAST)
    august = [r for r in readings(site) if r[2] == AUGUST]
    # July corrected: Hộ tịch's early count changes, Đất đai was entered by mistake.
    answer(upstream, [row("2025-07", "Hộ tịch", early=119, on_time=21)])
    run = cases.pull(site, upstream.url, **FAST)
    assert run.status == SyncRun.Status.SUCCESS
    assert (run.changed, run.withdrawn) == (2, 7)
    assert value(site, "resolved_early", JULY, "Hộ tịch") == 119
    assert value(site, "resolved_on_time", JULY, "Hộ tịch") == 21
    assert not Reading.objects.filter(site=site, breakdown="Đất đai").exists()
    assert Reading.objects.filter(site=site, period=JULY).count() == 7
    assert [r for r in readings(site) if r[2] == AUGUST] == august  # not in the answer: kept


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda s: setattr(s, "raw", b'{"unit": "x", "rows": ['), "không phải JSON"),
        (lambda s: setattr(s, "status", 500), "HTTP 500"),
        (lambda s: setattr(s, "delay", 1.5), "không trả lời trong 1 giây"),
    ],
    ids=["malformed-json", "http-500", "timeout"],
)
def test_a_failed_pull_changes_nothing_and_keeps_the_last_success(upstream, site, setup, message):
    answer(upstream, [row("2025-07", "Hộ tịch")])
    good = cases.pull(site, upstream.url, **FAST)
    before = readings(site)
    answer(upstream, [row("2025-07", "Hộ tịch", online=1)])
    setup(upstream)
    run = cases.pull(site, upstream.url, **FAST)
    assert run.status == SyncRun.Status.FAILED
    assert message in run.message
    assert readings(site) == before
    assert base.last_success(site, Source.CASES) == good.finished_at
    # The run is in the sync log staff read, with its reason.
    assert SyncRun.objects.filter(source=base.sync_source(site, Source.CASES)).count() == 2


def test_the_client_retries_a_passing_failure(upstream, site):
    answer(upstream, [row("2025-07", "Hộ tịch")])
    upstream.failures = [503]
    run = cases.pull(site, upstream.url, timeout=2, retries=2, backoff=0)
    assert run.status == SyncRun.Status.SUCCESS
    assert len(upstream.requests) == 2


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([row("2025-07", "Hộ tịch", early=-3)], "«resolved_early» không được âm"),
        ([row("2025-07", "Hộ tịch", online="12")], "«received_online» thiếu hoặc không phải số"),
        ([row("2025-07", "Hộ tịch", online=1.5)], "không phải số nguyên"),
        ([{**row("2025-07", "Hộ tịch"), "pending": None}], "«pending» thiếu"),
        ([row("07-2025", "Hộ tịch")], "«period» phải có dạng YYYY-MM"),
        ([row("2025-13", "Hộ tịch")], "«period» phải có dạng YYYY-MM"),
        ([row("2099-01", "Hộ tịch")], "chưa tới"),
        ([row("2025-07", " ")], "thiếu «field»"),
        ([row("2025-07", "Hộ tịch"), row("2025-07", "Hộ tịch")], "trùng với dòng 2"),
        ([row("2025-07", "Hộ tịch", pending=0) | {"pending_overdue": 2}], "lớn hơn «pending»"),
        ([], "không có dòng nào"),
    ],
)
def test_a_bad_payload_is_rejected_whole(upstream, site, rows, message):
    answer(upstream, [row("2025-07", "Hộ tịch"), row("2025-08", "Hộ tịch")])
    cases.pull(site, upstream.url, **FAST)
    before = readings(site)
    # One bad row among good ones: nothing of the payload is written.
    answer(upstream, [row("2025-08", "Hộ tịch", online=999), *rows])
    if not rows:
        answer(upstream, [])
    run = cases.pull(site, upstream.url, **FAST)
    assert run.status == SyncRun.Status.REJECTED
    assert message in run.message
    assert readings(site) == before


@pytest.mark.parametrize("payload", [[], {"unit": "x"}, {"unit": "x", "rows": {}}, "rows"])
def test_a_payload_without_rows_is_rejected(upstream, site, payload):
    upstream.raw = json.dumps(payload).encode()
    run = cases.pull(site, upstream.url, **FAST)
    assert run.status == SyncRun.Status.REJECTED
    assert "«rows»" in run.message


def test_a_payload_without_unit_is_rejected(upstream, site):
    answer(upstream, [row("2025-07", "Hộ tịch")], unit="")
    run = cases.pull(site, upstream.url, **FAST)
    assert run.status == SyncRun.Status.REJECTED
    assert "«unit»" in run.message


def test_each_ward_has_its_own_figures_and_last_success(upstream, site):
    other_home = Page.get_first_root_node().add_child(title="Phường Khác", slug="phuong-khac")
    other = Site.objects.create(hostname="phuong-khac.test", root_page=other_home)
    answer(upstream, [row("2025-07", "Hộ tịch")])
    cases.pull(site, upstream.url, **FAST)
    assert base.last_success(other, Source.CASES) is None
    assert not Reading.objects.filter(site=other).exists()


def test_another_run_of_the_same_source_waits(upstream, site):
    from django.core.cache import cache

    cache.add(f"dashboard:run:{base.sync_source(site, Source.CASES)}", "1")
    with pytest.raises(base.Busy):
        cases.pull(site, upstream.url, **FAST)


def test_the_command_and_the_task_run_the_same_pull(upstream, site, settings):
    settings.UPSTREAM_RETRIES, settings.UPSTREAM_TIMEOUT, settings.UPSTREAM_BACKOFF = 0, 2, 0
    answer(upstream, [row("2025-07", "Hộ tịch")])
    call_command("pull_case_stats", "--url", upstream.url, stdout=_Sink())
    assert Reading.objects.filter(site=site, source=Source.CASES).count() == 7
    settings.CASE_STATS_URL = upstream.url
    answer(upstream, [row("2025-07", "Hộ tịch", online=7)])
    tasks.pull_case_stats.delay()
    assert value(site, "received_online", JULY, "Hộ tịch") == 7
    upstream.status = 500
    with pytest.raises(CommandError, match="Lỗi kết nối"):
        call_command("pull_case_stats", stdout=_Sink())
    assert value(site, "received_online", JULY, "Hộ tịch") == 7


def test_the_task_does_nothing_without_a_url(site, settings):
    settings.CASE_STATS_URL = ""
    assert "not set" in tasks.pull_case_stats.delay().get()
    with pytest.raises(CommandError, match="CASE_STATS_URL"):
        call_command("pull_case_stats", stdout=_Sink())


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({("unknown_metric", ""): 1}, "«unknown_metric» không có trong nguồn này"),
        ({("received_online", "Hộ tịch"): True}, "không phải số nguyên"),
        ({("received_online", "x" * 201): 1}, "không hợp lệ"),
    ],
)
def test_replace_period_refuses_what_is_not_a_count(site, values, message):
    with pytest.raises(base.Rejected, match=message):
        base.replace_period(site, Source.CASES, JULY, values, "thử")
    assert not Reading.objects.exists()


def test_replace_period_refuses_a_day_that_is_not_a_month(site):
    with pytest.raises(base.Rejected, match="không phải ngày đầu tháng"):
        base.replace_period(site, Source.CASES, datetime.date(2025, 7, 2), {}, "thử")


class _Sink:
    def write(self, *args):
        pass

    def flush(self):
        pass

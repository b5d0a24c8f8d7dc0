"""The public dashboard (/so-lieu/), its CSV downloads and the leaders' panel in the admin."""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from content.models import SyncRun
from dashboard.kpis import BY_CODE, Counts, days_in
from dashboard.models import Reading, Source
from dashboard.numbers import vn_number
from tests.dashboard_helpers import BASELINE_CASES, load_baseline

pytestmark = pytest.mark.django_db

BASELINE_QUERY = "?tu=2025-07&den=2025-11"
CARD = re.compile(
    r'kpi-card__name">(?P<name>[^<]+)</h3>\s*<p class="kpi-card__value[^"]*">(?P<value>[^<]+)</p>'
)


def cards(response):
    return {m["name"]: m["value"] for m in CARD.finditer(response.content.decode())}


def test_the_baseline_of_appendix_c_shows_the_rates_of_seed_000(client, demo_ward):
    load_baseline(demo_ward)
    response = client.get("/so-lieu/" + BASELINE_QUERY)
    assert response.status_code == 200
    shown = cards(response)
    assert shown["Tỷ lệ hồ sơ nộp trực tuyến"] == "65,77 %"
    assert shown["Tỷ lệ hồ sơ nộp trực tiếp"] == "34,23 %"
    assert shown["Tỷ lệ hồ sơ giải quyết trước hạn"] == "90,13 %"
    assert shown["Tỷ lệ hồ sơ giải quyết đúng hạn"] == "9,87 %"
    assert shown["Hồ sơ quá hạn"] == "0 hồ sơ"
    assert shown["Tỷ lệ phản ánh đã giải quyết"] == "91 %"
    text = response.content.decode()
    assert "Tháng 7–11/2025" in text
    # The total is written the Vietnamese way, with a dot between thousands.
    assert "10.632 hồ sơ" in text


def test_the_demo_ward_shows_the_baseline_of_seed_000(client, demo_ward):
    shown = cards(client.get("/so-lieu/" + BASELINE_QUERY))
    assert shown["Tỷ lệ hồ sơ nộp trực tuyến"] == "65,77 %"
    assert shown["Tỷ lệ hồ sơ giải quyết trước hạn"] == "90,13 %"
    assert shown["Tỷ lệ phản ánh đã giải quyết"] == "91 %"


def test_a_rate_over_months_is_computed_from_the_summed_counts_not_averaged(demo_ward):
    Reading.objects.filter(site=demo_ward).delete()
    july, august = datetime.date(2025, 7, 1), datetime.date(2025, 8, 1)
    for month, online, direct in ((july, 90, 10), (august, 1, 99)):
        Reading.objects.create(
            site=demo_ward,
            source=Source.CASES,
            metric="received_online",
            period=month,
            value=online,
        )
        Reading.objects.create(
            site=demo_ward,
            source=Source.CASES,
            metric="received_direct",
            period=month,
            value=direct,
        )
    counts = Counts.load(demo_ward, july, august)
    months = [july, august]
    assert BY_CODE["online_rate"].compute(counts.totals(months), days_in(months)) == Decimal("45.5")


def test_the_targets_say_met_or_missed_and_the_trend_compares_with_the_period_before(
    client, demo_ward
):
    load_baseline(demo_ward)
    december = datetime.date(2025, 12, 1)
    for metric, count in (("received_online", 900), ("received_direct", 100)):
        Reading.objects.create(
            site=demo_ward, source=Source.CASES, metric=metric, period=december, value=count
        )
    text = client.get("/so-lieu/?tu=2025-12&den=2025-12").content.decode()
    assert (
        cards(client.get("/so-lieu/?tu=2025-12&den=2025-12"))["Tỷ lệ hồ sơ nộp trực tuyến"]
        == "90,00 %"
    )
    online_card = text[text.index("Tỷ lệ hồ sơ nộp trực tuyến") :][:900]
    assert "đạt" in online_card and "chưa đạt" not in online_card
    # November alone was 65,78 % or so; December is up by about 24 points, which is good news.
    assert "trend--up trend--good" in online_card
    baseline = client.get("/so-lieu/" + BASELINE_QUERY).content.decode()
    baseline_card = baseline[baseline.index("Tỷ lệ hồ sơ nộp trực tuyến") :][:900]
    assert "chưa đạt" in baseline_card


@pytest.mark.parametrize(
    "query",
    [
        "?tu=2025-13&den=2025-11",
        "?tu=abc",
        "?tu=2025-11&den=2025-07",
        "?tu=2020-01&den=2025-11",
        "?tu=<script>",
    ],
)
def test_a_bad_period_gets_a_vietnamese_message_and_the_latest_month(client, demo_ward, query):
    load_baseline(demo_ward)
    response = client.get("/so-lieu/" + query)
    assert response.status_code == 200
    text = response.content.decode()
    assert 'class="period-form__error" role="alert"' in text
    assert "Kỳ số liệu: <strong>Tháng 11/2025</strong>" in text
    assert "<script>" not in text.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_page_renders_with_a_bounded_number_of_queries(
    client, demo_ward, django_assert_max_num_queries
):
    load_baseline(demo_ward)
    client.get("/so-lieu/" + BASELINE_QUERY)  # warm Wagtail's site cache
    with django_assert_max_num_queries(10):
        response = client.get("/so-lieu/" + BASELINE_QUERY)
    assert response.status_code == 200


def test_every_chart_has_a_data_table_and_the_page_works_without_charts_data(client, demo_ward):
    Reading.objects.filter(site=demo_ward).delete()
    empty = client.get("/so-lieu/").content.decode()
    assert "Chưa có số liệu" in empty
    load_baseline(demo_ward)
    text = client.get("/so-lieu/" + BASELINE_QUERY).content.decode()
    charts = text.count('class="chart__svg"')
    assert charts >= 4
    # One table per monthly chart, one for the fields under the field chart.
    assert text.count("<summary>Bảng số liệu:") + 1 >= charts
    assert "Hộ tịch" in text and "Bộ chỉ số phục vụ người dân" in text
    # SVG coordinates are never written with a decimal comma.
    for attribute in re.findall(r'<rect class="chart__bar[^>]*>', text):
        assert "," not in attribute


def test_the_csv_downloads_hold_the_kpis_and_the_counts(client, demo_ward):
    load_baseline(demo_ward)
    response = client.get("/so-lieu/du-lieu-csv/" + BASELINE_QUERY)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    july_online = next(
        r for r in rows if r["thang"] == "2025-07" and r["ma_chi_so"] == "online_rate"
    )
    july = Reading.objects.filter(
        site=demo_ward, period=datetime.date(2025, 7, 1), source=Source.CASES
    )
    online = sum(july.filter(metric="received_online").values_list("value", flat=True))
    received = online + sum(july.filter(metric="received_direct").values_list("value", flat=True))
    assert (int(july_online["tu_so"]), int(july_online["mau_so"])) == (online, received)
    assert Decimal(july_online["gia_tri"]) == (Decimal(online) * 100 / received).quantize(
        Decimal("0.01")
    )
    assert {r["thang"] for r in rows} == {"2025-07", "2025-08", "2025-09", "2025-10", "2025-11"}
    counts = client.get("/so-lieu/so-dem-csv/" + BASELINE_QUERY)
    count_rows = list(csv.DictReader(io.StringIO(counts.content.decode("utf-8-sig"))))
    online = sum(int(r["so_luong"]) for r in count_rows if r["chi_so_dem"] == "received_online")
    assert online == BASELINE_CASES["received_online"]


def test_a_source_that_has_not_succeeded_for_longer_than_its_period_is_marked_stale(
    client, demo_ward
):
    load_baseline(demo_ward)
    SyncRun.objects.filter(source__startswith="dashboard.").delete()  # the demo's own runs
    run = SyncRun.objects.create(
        source=f"dashboard.cases@{demo_ward.pk}", status=SyncRun.Status.SUCCESS
    )
    run.finished_at = timezone.now() - datetime.timedelta(hours=1)
    run.save()
    text = client.get("/so-lieu/").content.decode()
    cases = text[text.index("Cổng Dịch vụ công quốc gia (hồ sơ)") :][:400]
    assert "cập nhật lúc" in cases and "Số liệu cũ" not in cases
    SyncRun.objects.filter(pk=run.pk).update(
        finished_at=timezone.now() - datetime.timedelta(days=2)
    )
    text = client.get("/so-lieu/").content.decode()
    cases = text[text.index("Cổng Dịch vụ công quốc gia (hồ sơ)") :][:400]
    assert "Số liệu cũ" in cases
    # The figures themselves are still shown: the last good data stays, and each figure
    # computed from that source says its figures are old.
    assert "65,7" in text
    online = text[text.index('kpi-card__name">Tỷ lệ hồ sơ nộp trực tuyến') :][:1500]
    assert "Nguồn: Cổng Dịch vụ công quốc gia (hồ sơ), cập nhật lúc" in online
    assert "(số liệu cũ)" in online


def test_vietnamese_number_format():
    assert vn_number(Decimal("65.7712"), 2) == "65,77"
    assert vn_number(10632) == "10.632"
    assert vn_number(Decimal("1234567.5"), 1) == "1.234.567,5"
    assert vn_number(Decimal("0.005"), 2) == "0,01"


def login(client, django_user_model, site, group):
    from content.models import StaffProfile

    user = django_user_model.objects.create_user(f"u-{group}", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    StaffProfile.objects.create(user=user, site=site)
    client.force_login(user)
    return user


def test_leaders_see_the_headline_and_late_cases_by_field_on_the_admin_home(
    client, django_user_model, demo_ward
):
    load_baseline(demo_ward)
    Reading.objects.filter(
        site=demo_ward,
        source=Source.CASES,
        metric="pending_overdue",
        period=datetime.date(2025, 11, 1),
        breakdown="Đất đai",
    ).update(value=3)
    login(client, django_user_model, demo_ward, "Lãnh đạo")
    text = client.get("/admin/").content.decode()
    assert "Số liệu điều hành: Tháng 11/2025" in text
    assert "Hồ sơ quá hạn theo lĩnh vực: Đất đai (3)" in text
    assert "Phản ánh quá hạn xử lý:" in text


def test_specialists_do_not_get_the_leaders_panel(client, django_user_model, demo_ward):
    load_baseline(demo_ward)
    login(client, django_user_model, demo_ward, "Chuyên môn")
    assert "Số liệu điều hành" not in client.get("/admin/").content.decode()


def test_after_a_failed_pull_the_page_keeps_the_last_figures_and_marks_them_old_after_a_day(
    client, demo_ward
):
    from dashboard.sources import cases
    from tests.upstream_server import UpstreamServer

    Reading.objects.filter(site=demo_ward).delete()
    SyncRun.objects.filter(source__startswith="dashboard.").delete()
    row = {
        "period": "2026-10",
        "field": "Hộ tịch",
        "received_online": 850,
        "received_direct": 150,
        "resolved_early": 900,
        "resolved_on_time": 90,
        "resolved_late": 0,
        "pending": 10,
        "pending_overdue": 0,
    }
    with UpstreamServer() as upstream:
        upstream.pages = {None: {"unit": "UBND phường", "rows": [row]}}
        good = cases.pull(demo_ward, upstream.url, timeout=1, retries=0, backoff=0)
        assert good.status == SyncRun.Status.SUCCESS
        upstream.status = 500
        failed = cases.pull(demo_ward, upstream.url, timeout=1, retries=0, backoff=0)
        assert failed.status == SyncRun.Status.FAILED
    page = client.get("/so-lieu/?tu=2026-10&den=2026-10").content.decode()
    assert (
        cards(client.get("/so-lieu/?tu=2026-10&den=2026-10"))["Tỷ lệ hồ sơ nộp trực tuyến"]
        == "85,00 %"
    )
    assert (
        "(số liệu cũ)"
        not in page[page.index('kpi-card__name">Tỷ lệ hồ sơ nộp trực tuyến') :][:1500]
    )
    # A day and more later, still no success: the same figures, marked old.
    SyncRun.objects.filter(pk=good.pk).update(
        finished_at=timezone.now() - datetime.timedelta(hours=27)
    )
    page = client.get("/so-lieu/?tu=2026-10&den=2026-10").content.decode()
    online = page[page.index('kpi-card__name">Tỷ lệ hồ sơ nộp trực tuyến') :][:1500]
    assert "85,00 %" in online and "(số liệu cũ)" in online

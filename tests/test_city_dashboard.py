"""The city's own site and its dashboard of every ward (/so-lieu/ on the city's host), and
each ward's rank among the wards on its own dashboard (docs/dashboard.md, «The city»)."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, WorkflowPage

from content.models import SyncRun, WardSettings
from content.provisioning import WardError
from content.wards import FIVE_STEP_WORKFLOW
from dashboard import city
from dashboard.demo import light_profile, seed_light
from dashboard.kpis import BY_CODE
from dashboard.models import Reading, Source
from tests.city_helpers import CITY_HOST, MONTH, QUERY, bare_ward, give, make_city

pytestmark = pytest.mark.django_db

CARD = re.compile(
    r'kpi-card__name">(?P<name>[^<]+)</h3>\s*<p class="kpi-card__value[^"]*">(?P<value>[^<]+)</p>'
)


def cards(text):
    return {m["name"]: m["value"] for m in CARD.finditer(text)}


def city_page(client, query=QUERY, path="/so-lieu/"):
    response = client.get(path + query, HTTP_HOST=CITY_HOST)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def two_sizes(demo_ward):
    """The city, and two wards of very different sizes: a large one filing 90 % online and a
    small one 10 % (the demo ward's own readings are removed)."""
    Reading.objects.all().delete()
    make_city()
    large, small = bare_ward(1, "Phường Lớn"), bare_ward(2, "Phường Nhỏ")
    give(
        large,
        received_online=9000,
        received_direct=1000,
        resolved_early=9500,
        resolved_on_time=300,
        resolved_late=200,
        feedback__received=1000,
        feedback__resolved=990,
    )
    give(
        small,
        received_online=10,
        received_direct=90,
        resolved_early=50,
        resolved_on_time=50,
        resolved_late=0,
        feedback__received=10,
        feedback__resolved=5,
    )
    return large, small


def test_the_city_figure_is_the_rate_of_the_summed_counts_not_an_average_of_rates(
    client, two_sizes
):
    text = city_page(client)
    shown = cards(text)
    # 9,010 online of 10,100 received: 89,21 %; the mean of 90 % and 10 % would be 50 %.
    assert shown["Tỷ lệ hồ sơ nộp trực tuyến"] == "89,21 %"
    # (9,500 + 300 + 50 + 50) / 10,100 = 98,02 %; the mean of 98 % and 100 % would be 99 %.
    assert shown["Tỷ lệ hồ sơ giải quyết trước hạn và đúng hạn"] == "98,02 %"
    # 995 / 1,010 = 98,5 → 99 %; the mean of 99 % and 50 % would be 75 %.
    assert shown["Tỷ lệ phản ánh đã giải quyết"] == "99 %"
    assert shown["Hồ sơ quá hạn"] == "200 hồ sơ"
    assert "50,00 %" not in text.split('id="headline-title"')[1].split("</section>")[0]
    assert "2/3 phường, xã có số liệu trong kỳ" in text  # the demo ward has none left
    # Each figure with its period and its sources.
    assert "Tháng 9/2025" in text
    assert "Cổng Dịch vụ công quốc gia (hồ sơ)" in text


def test_the_city_readings_of_its_own_site_are_not_a_ward(client, two_sizes):
    give(WardSettings.objects.get(is_city=True).site, received_online=0, received_direct=50000)
    assert cards(city_page(client))["Tỷ lệ hồ sơ nộp trực tuyến"] == "89,21 %"


def test_the_wards_table_sorts_by_server_side_links_without_script(client, two_sizes):
    def order(text):
        table = text.split('id="bang-phuong-xa"')[1].split("</table>")[0]
        return re.findall(r"<th scope=\"row\"><a [^>]*>([^<]+)</a>", table)

    best_first = city_page(client, QUERY + "&sap-xep=-online_rate")
    assert order(best_first)[:2] == ["Phường Lớn", "Phường Nhỏ"]
    assert 'aria-sort="descending"' in best_first
    worst_first = city_page(client, QUERY + "&sap-xep=online_rate")
    assert order(worst_first)[:2] == ["Phường Nhỏ", "Phường Lớn"]
    # A ward without figures goes last, whichever the direction.
    assert order(worst_first)[-1] == "Phường Trung Hòa Demo" or len(order(worst_first)) == 3
    # The header links sort by each column, the current one the other way round.
    assert "sap-xep=online_rate#bang-phuong-xa" in best_first
    by_name = city_page(client, QUERY + "&sap-xep=ten")
    assert order(by_name)[:2] == sorted(order(by_name)[:2])
    # A sort key that is no column falls back to the names, with no error.
    assert order(city_page(client, QUERY + "&sap-xep=<x>")) == order(by_name)
    main = best_first.split("<main", 1)[1].split("</main>", 1)[0]
    assert "<script" not in main
    # Each ward links to its own dashboard, for the same period.
    assert 'href="http://thu-1.localhost/so-lieu/?tu=2025-09&amp;den=2025-09"' in best_first


def test_the_spread_chart_has_a_data_table_and_the_wards_furthest_from_target_are_named(
    client, two_sizes
):
    text = city_page(client, QUERY + "&chi-so=online_rate")
    spread = text.split('id="spread-title"')[1].split("</section>")[0]
    assert "<svg" in spread and "<table" in spread
    assert "mục tiêu ≥ 85 %: 1/2 phường, xã đạt" in spread
    furthest = text.split('id="furthest-title"')[1].split("</section>")[0]
    online = furthest.split("Tỷ lệ hồ sơ nộp trực tuyến")[1].split("</li>\n")[0]
    # 10 % against ≥ 85 %: 75 points short.
    assert "Phường Nhỏ: 10,00 % (cách mục tiêu 75,00 điểm %)" in online
    assert "Phường Lớn" not in online
    # An unknown KPI falls back to the online rate.
    assert "Số phường, xã theo mức «Tỷ lệ hồ sơ nộp trực tuyến»" in city_page(
        client, QUERY + "&chi-so=nope"
    )


def test_each_ward_dashboard_says_where_it_stands_among_the_wards(client, two_sizes):
    large, small = two_sizes
    large_page = client.get("/so-lieu/" + QUERY, HTTP_HOST=large.hostname).content.decode()
    small_page = client.get("/so-lieu/" + QUERY, HTTP_HOST=small.hostname).content.decode()
    card = large_page.split("Tỷ lệ hồ sơ nộp trực tuyến</h3>")[1].split("</div>")[0]
    assert "Xếp thứ 1/2 phường, xã" in card
    card = small_page.split("Tỷ lệ hồ sơ nộp trực tuyến</h3>")[1].split("</div>")[0]
    assert "Xếp thứ 2/2 phường, xã" in card
    # Fewer late cases rank first: the small ward has none.
    card = small_page.split("Hồ sơ quá hạn</h3>")[1].split("</div>")[0]
    assert "Xếp thứ 1/2 phường, xã" in card


def test_equal_values_share_a_rank():
    kpi = BY_CODE["online_rate"]
    values = {1: Decimal(90), 2: Decimal("80.001"), 3: Decimal(80), 4: Decimal(70)}
    assert [city.rank_of(kpi, values, site)["rank"] for site in (1, 2, 3, 4)] == [1, 2, 2, 4]
    lower = BY_CODE["late_cases"]
    assert city.rank_of(lower, {1: Decimal(0), 2: Decimal(5)}, 1)["rank"] == 1
    assert city.rank_of(kpi, {1: Decimal(90)}, 1) is None  # alone: no rank
    assert city.rank_of(kpi, {1: Decimal(90), 2: None}, 2) is None


def test_the_csv_downloads_hold_the_city_and_every_ward(client, two_sizes):
    response = client.get("/so-lieu/du-lieu-csv/" + QUERY, HTTP_HOST=CITY_HOST)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    online = {row["don_vi"]: row for row in rows if row["ma_chi_so"] == "online_rate"}
    assert online["Toàn thành phố"]["gia_tri"] == "89.21"
    assert (online["Toàn thành phố"]["tu_so"], online["Toàn thành phố"]["mau_so"]) == (
        "9010",
        "10100",
    )
    assert (online["Phường Nhỏ"]["xep_thu"], online["Phường Nhỏ"]["tren_so_phuong_xa"]) == (
        "2",
        "2",
    )
    counts = client.get("/so-lieu/so-dem-csv/" + QUERY, HTTP_HOST=CITY_HOST)
    rows = list(csv.DictReader(io.StringIO(counts.content.decode("utf-8-sig"))))
    assert {"don_vi": "Phường Lớn", "thang": "2025-09", "nguon": "cases"}.items() <= rows[
        0
    ].items() or any(
        row["don_vi"] == "Phường Lớn" and row["chi_so_dem"] == "received_online" for row in rows
    )
    assert sum(int(row["so_luong"]) for row in rows if row["chi_so_dem"] == "received_online") == (
        9010
    )


def test_the_city_dashboard_reads_as_many_queries_for_8_wards_as_for_3(client, demo_ward):
    make_city()
    Reading.objects.all().delete()

    def queries():
        city_page(client)  # warm Wagtail's site cache and the settings cache
        with CaptureQueriesContext(connection) as captured:
            text = city_page(client)
        return len(captured), text

    for number in range(1, 4):
        give(bare_ward(number), received_online=100 * number, received_direct=50)
    three, text = queries()
    assert "3/4 phường, xã có số liệu" in text
    for number in range(4, 9):
        give(bare_ward(number), received_online=100 * number, received_direct=50)
    eight, text = queries()
    assert "8/9 phường, xã có số liệu" in text
    assert eight == three
    assert three <= 12


def test_the_ward_dashboard_with_ranks_stays_within_its_query_budget(
    client, two_sizes, django_assert_max_num_queries
):
    large, _ = two_sizes
    client.get("/so-lieu/" + QUERY, HTTP_HOST=large.hostname)
    with django_assert_max_num_queries(11):
        response = client.get("/so-lieu/" + QUERY, HTTP_HOST=large.hostname)
    assert "Xếp thứ" in response.content.decode()


def test_the_city_site_is_provisioned_like_a_ward_with_its_own_pages_and_workflow(
    client, demo_ward
):
    out = io.StringIO()
    call_command("add_ward", name="Hà Nội", kind="thành phố", host=CITY_HOST, port=80, stdout=out)
    assert "Thành phố Hà Nội (thanh-pho.localhost): tạo mới" in out.getvalue()
    settings = WardSettings.objects.get(is_city=True)
    assert settings.ward_name == "Thành phố Hà Nội"
    home = settings.site.root_page
    assert sorted(home.get_children().values_list("slug", flat=True)) == [
        "gioi-thieu",
        "so-lieu",
        "tin-tuc",
    ]
    # Its staff publish through the same five steps, by section, as in a ward.
    assert WorkflowPage.objects.get(page=home).workflow.name == FIVE_STEP_WORKFLOW
    assert Group.objects.filter(name__startswith="Thành phố Hà Nội · Chuyên môn – ").count() == 2
    for path in ("/", "/so-lieu/", "/tin-tuc/", "/gioi-thieu/"):
        assert client.get(path, HTTP_HOST=CITY_HOST).status_code == 200, path
    # Again: nothing changes. A second city is refused, in Vietnamese.
    pages = Page.objects.count()
    call_command("add_ward", name="Hà Nội", kind="thành phố", host=CITY_HOST, stdout=io.StringIO())
    assert Page.objects.count() == pages
    with pytest.raises(WardError, match="đã có trang của thành phố «Thành phố Hà Nội»"):
        from content.provisioning import clean_row, provision_ward

        provision_ward(clean_row({"name": "Huế", "kind": "thành phố", "hostname": "hue.localhost"}))
    assert WardSettings.objects.filter(is_city=True).count() == 1


def test_light_demo_wards_get_plausible_different_figures(demo_ward):
    Reading.objects.all().delete()
    sites = [bare_ward(number) for number in range(1, 7)]
    for number, site in enumerate(sites, start=1):
        assert seed_light(site, number) > 0
    assert seed_light(sites[0], 1) == 0  # once only
    period = city.city_period({"tu": MONTH.strftime("%Y-%m"), "den": MONTH.strftime("%Y-%m")})
    totals = city.ward_totals(period)
    received = [
        sum(totals[s.pk][(Source.CASES, m)] for m in ("received_online", "received_direct"))
        for s in sites
    ]
    online = [BY_CODE["online_rate"].compute(totals[s.pk]) for s in sites]
    assert len(set(received)) == 6 and max(received) > 3 * min(received)
    assert len({round(value) for value in online}) >= 4
    assert all(40 <= value <= 97 for value in online)
    sizes = [light_profile(number)["size"] for number in range(1, 127)]
    assert min(sizes) >= 0.1 and max(sizes) <= 3.0
    # Their jobs have run, so their figures are not stale.
    assert SyncRun.objects.filter(source=f"dashboard.cases@{sites[0].pk}").exists()


def test_seed_demo_with_wards_makes_the_city_site_too(client, demo_ward):
    call_command("seed_demo", "--if-empty", "--wards", "2", stdout=io.StringIO())
    settings = WardSettings.objects.get(is_city=True)
    assert settings.site.hostname == CITY_HOST
    text = city_page(client, query="")
    # The demo ward and the two light wards, each with its own figures.
    assert "3/3 phường, xã có số liệu" in text
    assert "Phường Hồ Sen" in text and "Phường Cây Đa" in text

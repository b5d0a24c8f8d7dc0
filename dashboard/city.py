"""The city's dashboard (the city's own site, /so-lieu/) and each ward's rank among the wards.

Every figure of the city is computed from the counts of every ward summed (never an average
of the wards' rates): a ward with 10,000 cases weighs 100 times one with 100. The page reads,
whatever the number of wards, a fixed number of queries: the wards (one), the months and last
updates of their readings (one), their jobs' last successes (one) and their counts for the
period and the period before, summed per ward in the database (one).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max, Min, Q, Sum
from django.utils import timezone
from wagtail.models import Site

from . import charts
from .board import (
    Figure,
    choose_period,
    format_value,
    month_value,
    presets,
)
from .freshness import STALE_AFTER
from .kpis import GROUPS, HEADLINE, HIGHER, KPIS, LOWER, NEUTRAL, Period, days_in
from .models import Reading, Source
from .numbers import vn_number
from .sources.base import SYNC_SOURCES

# The columns of the wards' table, in order (each one a sort key: ?sap-xep=code, or -code).
TABLE_KPIS = [
    "received",
    "online_rate",
    "timely_rate",
    "late_cases",
    "feedback_resolved_rate",
    "satisfaction_rate",
]
SORT_PARAM = "sap-xep"
SPREAD_PARAM = "chi-so"
DEFAULT_SPREAD = "online_rate"
FURTHEST = 5  # wards listed per target, furthest first
MAX_BANDS = 10


def city_settings():
    """The city's settings row, or None (one per install: ``add_ward --kind thanh-pho``)."""
    from content.models import WardSettings

    return WardSettings.objects.filter(is_city=True).select_related("site").first()


def is_city(site):
    from content.models import WardSettings

    return bool(site) and WardSettings.for_site(site).is_city


def ward_readings():
    """Every reading of a ward (the city's own site's readings left out)."""
    return Reading.objects.exclude(site__wardsettings__is_city=True)


@dataclass
class Ward:
    site_id: int
    name: str
    root_url: str

    @property
    def dashboard_url(self):
        return f"{self.root_url}/so-lieu/"


def wards():
    """Every ward (not the city), by name, in one query."""
    rows = (
        Site.objects.exclude(wardsettings__is_city=True)
        .values_list("pk", "hostname", "port", "site_name", "wardsettings__ward_name")
        .order_by("pk")
    )
    result = []
    for pk, hostname, port, site_name, ward_name in rows:
        site = Site(pk=pk, hostname=hostname, port=port)
        result.append(Ward(pk, ward_name or site_name or hostname, site.root_url))
    result.sort(key=lambda ward: (ward.name.lower(), ward.site_id))
    return result


def ward_totals(period, with_previous=False):
    """{site_id: {(source, metric): sum over the period}} of every ward, summed in the
    database (one query); with ``with_previous``, also the period just before, as a second
    dict."""
    now, before = defaultdict(lambda: defaultdict(int)), defaultdict(lambda: defaultdict(int))
    first = period.previous().first if with_previous else period.first
    rows = (
        ward_readings()
        .filter(period__gte=first, period__lte=period.last)
        .values("site_id", "source", "metric")
        .annotate(
            now=Sum("value", filter=Q(period__gte=period.first)),
            before=Sum("value", filter=Q(period__lt=period.first)),
        )
        .order_by()
    )
    for row in rows:
        key = (Source(row["source"]), row["metric"])
        if row["now"] is not None:
            now[row["site_id"]][key] = row["now"]
        if row["before"] is not None:
            before[row["site_id"]][key] = row["before"]
    return (now, before) if with_previous else now


def summed(totals_by_ward):
    """The city's counts: every ward's counts added up."""
    totals = defaultdict(int)
    for values in totals_by_ward.values():
        for key, count in values.items():
            totals[key] += count
    return totals


def ordered(kpi, values):
    """[(site_id, value)] of the wards with a value, best first (highest first for a KPI
    without a direction)."""
    rows = [(site_id, value) for site_id, value in values.items() if value is not None]
    if kpi.direction == LOWER:
        rows.sort(key=lambda row: (kpi.rounded(row[1]), row[0]))
    else:
        rows.sort(key=lambda row: (-kpi.rounded(row[1]), row[0]))
    return rows


def rank_of(kpi, values, site_id):
    """``{"rank", "of", "text"}``: where ward ``site_id`` stands among the wards with a value
    (wards with equal rounded values share a rank: 1, 2, 2, 4), or None."""
    if values.get(site_id) is None:
        return None
    rows = ordered(kpi, values)
    if len(rows) < 2:
        return None
    mine = kpi.rounded(values[site_id])
    if kpi.direction == LOWER:
        better = sum(1 for _, value in rows if kpi.rounded(value) < mine)
    else:
        better = sum(1 for _, value in rows if kpi.rounded(value) > mine)
    rank = better + 1
    text = f"Xếp thứ {rank}/{len(rows)} phường, xã"
    if kpi.direction == NEUTRAL:
        text = f"Đứng thứ {rank}/{len(rows)} phường, xã, từ cao xuống thấp"
    return {"rank": rank, "of": len(rows), "text": text}


def ranks(site, period):
    """{kpi code: rank} of ``site`` among the wards for ``period`` (one query); {} for the
    city itself or a ward alone on its install."""
    if is_city(site):
        return {}
    totals = ward_totals(period)
    if len(totals) < 2 or site.pk not in totals:
        return {}
    days = period.days
    result = {}
    for kpi in KPIS:
        values = {site_id: kpi.compute(counts, days=days) for site_id, counts in totals.items()}
        rank = rank_of(kpi, values, site.pk)
        if rank:
            result[kpi.code] = rank
    return result


# The city's page -----------------------------------------------------------------------------


def reading_summary():
    """(first month, last month, {site_id: {source: last update}}) of every ward's readings,
    in one query."""
    rows = list(
        ward_readings()
        .values("site_id", "source")
        .annotate(first=Min("period"), last=Max("period"), updated=Max("updated_at"))
        .order_by()
    )
    if not rows:
        return None, None, {}
    updates = defaultdict(dict)
    for row in rows:
        updates[row["site_id"]][Source(row["source"])] = row["updated"]
    return min(row["first"] for row in rows), max(row["last"] for row in rows), updates


def city_statuses(ward_list, updates, now=None):
    """Each source with its latest success over the wards and how many wards have not
    succeeded for longer than its period (one query)."""
    from content.models import SyncRun

    now = now or timezone.now()
    names = {name: source for source, name in SYNC_SOURCES.items()}
    successes = defaultdict(dict)
    rows = (
        SyncRun.objects.filter(
            source__startswith="dashboard.", status=SyncRun.Status.SUCCESS, source__contains="@"
        )
        .values("source")
        .annotate(last=Max("finished_at"))
        .order_by()
    )
    for row in rows:
        name, _, site_id = row["source"].partition("@")
        if name in names and site_id.isdigit():
            successes[names[name]][int(site_id)] = row["last"]
    statuses = []
    for source in Source:
        times = []
        for ward in ward_list:
            success = successes[source].get(ward.site_id)
            if source == Source.MANUAL:
                success = max(
                    filter(None, [success, updates.get(ward.site_id, {}).get(source)]),
                    default=None,
                )
            times.append(success)
        known = [time for time in times if time]
        stale = sum(1 for time in times if time is None or now - time > STALE_AFTER[source])
        statuses.append(
            {
                "source": source,
                "label": source.label,
                "last_success": max(known, default=None),
                "stale": False,
                "stale_wards": stale,
                "wards": len(ward_list),
            }
        )
    return statuses


@dataclass
class CityFigure(Figure):
    """A KPI for the whole city, with the wards' spread."""

    ward_values: dict = field(default_factory=dict)  # {site_id: value}
    names: dict = field(default_factory=dict)

    @property
    def with_data(self):
        return sum(1 for value in self.ward_values.values() if value is not None)

    @property
    def meeting(self):
        return sum(1 for value in self.ward_values.values() if self.kpi.met(value))

    @property
    def extremes(self):
        """The lowest and highest ward (text), or None."""
        rows = [(v, site_id) for site_id, v in self.ward_values.items() if v is not None]
        if len(rows) < 2:
            return None
        low, high = min(rows), max(rows)
        return {
            "low": format_value(self.kpi, low[0]),
            "low_ward": self.names.get(low[1], ""),
            "high": format_value(self.kpi, high[0]),
            "high_ward": self.names.get(high[1], ""),
        }


def gap(kpi, value):
    """How far ``value`` is from the target, in the KPI's unit (positive: short of it)."""
    value = kpi.rounded(value)
    return kpi.target - value if kpi.direction != LOWER else value - kpi.target


def furthest(figures):
    """For each KPI with a target: the wards that miss it, furthest first (FURTHEST of them)."""
    result = []
    for figure in figures:
        kpi = figure.kpi
        if kpi.target is None:
            continue
        missing = [
            (gap(kpi, value), site_id, value)
            for site_id, value in figure.ward_values.items()
            if value is not None and kpi.met(value) is False
        ]
        missing.sort(key=lambda row: (-row[0], figure.names.get(row[1], "")))
        unit = " điểm %" if kpi.unit == "%" else f" {kpi.unit}".replace(" /5", " điểm")
        result.append(
            {
                "figure": figure,
                "missing": len(missing),
                "rows": [
                    {
                        "site_id": site_id,
                        "name": figure.names.get(site_id, ""),
                        "value": format_value(kpi, value),
                        "gap": vn_number(distance, kpi.decimals) + unit,
                    }
                    for distance, site_id, value in missing[:FURTHEST]
                ],
            }
        )
    return result


def nice_step(span, bands=MAX_BANDS):
    """A 1/2/2.5/5 × 10^n step that cuts ``span`` into at most ``bands`` bands."""
    raw = max(float(span), 1e-9) / bands
    magnitude = Decimal(1)
    while magnitude * 10 <= Decimal(str(raw)):
        magnitude *= 10
    while magnitude > Decimal(str(raw)):
        magnitude /= 10
    for step in (1, 2, Decimal("2.5"), 5, 10):
        if magnitude * step >= Decimal(str(raw)):
            return magnitude * step
    return magnitude * 10


def spread(figure):
    """The wards counted by band of value, for the spread chart and its table."""
    kpi = figure.kpi
    values = sorted(kpi.rounded(v) for v in figure.ward_values.values() if v is not None)
    if not values:
        return None
    low, high = values[0], values[-1]
    if kpi.unit == "%":
        low, high = max(Decimal(0), low), min(Decimal(100), high)
    step = nice_step(high - low) if high > low else Decimal(1)
    start = (low // step) * step
    bands = []
    edge = start
    while edge <= high:
        bands.append([edge, edge + step, 0])
        edge += step
    for value in values:
        index = min(int((value - start) // step), len(bands) - 1)
        bands[max(index, 0)][2] += 1
    decimals = 0 if step == step.to_integral_value() else (1 if (step * 10) % 1 == 0 else 2)
    suffix = " %" if kpi.unit == "%" else ""
    rows = [
        {
            "label": f"{vn_number(a, decimals)}–{vn_number(b, decimals)}{suffix}",
            "from": a,
            "to": b,
            "count": count,
            "has_target": kpi.target is not None and a <= kpi.target < b,
            "has_city": figure.value is not None and a <= kpi.rounded(figure.value) < b,
        }
        for a, b, count in bands
    ]
    middle = values[len(values) // 2]
    if len(values) % 2 == 0:
        middle = (values[len(values) // 2 - 1] + values[len(values) // 2]) / 2
    chart = charts.build_horizontal(
        charts.HorizontalChart(
            f"Số phường, xã theo mức «{kpi.name}»",
            [(row["label"], row["count"]) for row in rows],
            unit="phường, xã",
        )
    )
    return {
        "chart": chart,
        "rows": rows,
        "median": format_value(kpi, middle),
        "count": len(values),
    }


def sort_key(params):
    """(code, descending) of ``?sap-xep=``: a column's KPI code, "-code" for the reverse, or
    "ten" (by name). Anything else sorts by name."""
    text = (params.get(SORT_PARAM) or "").strip()
    descending = text.startswith("-")
    code = text.lstrip("-")
    if code not in TABLE_KPIS:
        return "ten", descending
    return code, descending


def ward_rows(ward_list, figures, code, descending):
    from .kpis import BY_CODE

    rows = [
        {
            "ward": ward,
            "cells": [
                {
                    "code": column,
                    "value": figures[column].ward_values.get(ward.site_id),
                    "text": format_value(
                        BY_CODE[column], figures[column].ward_values.get(ward.site_id)
                    ),
                    "met": BY_CODE[column].met(figures[column].ward_values.get(ward.site_id)),
                }
                for column in TABLE_KPIS
            ],
        }
        for ward in ward_list
    ]
    if code == "ten":
        rows.sort(key=lambda row: row["ward"].name.lower(), reverse=descending)
        return rows
    position = TABLE_KPIS.index(code)
    with_value = [row for row in rows if row["cells"][position]["value"] is not None]
    without = [row for row in rows if row["cells"][position]["value"] is None]
    with_value.sort(key=lambda row: row["cells"][position]["value"], reverse=descending)
    return with_value + without


def table_headers(code, descending, base_query, spread_code):
    """The wards' table headers, each a link that sorts by it (again: the other way)."""
    from .kpis import BY_CODE

    def link(key, currently, default_descending):
        if currently:
            sort = key if descending else f"-{key}"
        else:
            sort = f"-{key}" if default_descending else key
        return f"?{base_query}&{SPREAD_PARAM}={spread_code}&{SORT_PARAM}={sort}#bang-phuong-xa"

    headers = [
        {
            "label": "Phường, xã",
            "url": link("ten", code == "ten", False),
            "sorted": "descending"
            if code == "ten" and descending
            else "ascending"
            if code == "ten"
            else "",
            "num": False,
        }
    ]
    for column in TABLE_KPIS:
        kpi = BY_CODE[column]
        current = code == column
        headers.append(
            {
                "label": kpi.name,
                "url": link(column, current, kpi.direction != LOWER),
                "sorted": ("descending" if descending else "ascending") if current else "",
                "num": True,
            }
        )
    return headers


def build_city(params=None, today=None, now=None):
    """Everything the city's /so-lieu/ shows; ``params`` is the request's GET."""
    from .kpis import BY_CODE

    params = params or {}
    ward_list = wards()
    names = {ward.site_id: ward.name for ward in ward_list}
    first, last, updates = reading_summary()
    period, error = choose_period(params, first, last, today)
    statuses = city_statuses(ward_list, updates, now=now)
    by_source = {status["source"]: status for status in statuses}
    now_totals, before_totals = ward_totals(period, with_previous=True)
    city_now, city_before = summed(now_totals), summed(before_totals)
    previous = period.previous()
    days, previous_days = days_in(period.months), days_in(previous.months)
    figures = {}
    for kpi in KPIS:
        figures[kpi.code] = CityFigure(
            kpi,
            kpi.compute(city_now, days=days),
            kpi.compute(city_before, days=previous_days),
            tuple(by_source[source] for source in kpi.sources if source in by_source),
            ward_values={
                ward.site_id: kpi.compute(now_totals.get(ward.site_id, {}), days=days)
                for ward in ward_list
            },
            names=names,
        )
    spread_code = params.get(SPREAD_PARAM, DEFAULT_SPREAD)
    if spread_code not in BY_CODE:
        spread_code = DEFAULT_SPREAD
    code, descending = sort_key(params)
    query = f"tu={month_value(period.first)}&den={month_value(period.last)}"
    return {
        "city": True,
        "period": period,
        "period_error": error,
        "month_choices": [
            {"value": month_value(m), "label": f"{m.month:02d}/{m.year}"}
            for m in (Period(first, last).months if first else [])
        ],
        "chosen_from": month_value(period.first),
        "chosen_to": month_value(period.last),
        "presets": presets(first, last),
        "sources": statuses,
        "ward_count": len(ward_list),
        "reporting": sum(1 for ward in ward_list if now_totals.get(ward.site_id)),
        "headline": [figures[c] for c in HEADLINE],
        "groups": [
            {
                "code": group,
                "title": title,
                "figures": [figures[kpi.code] for kpi in KPIS if kpi.group == group],
            }
            for group, title in GROUPS
        ],
        "figures": figures,
        "spread_choices": [
            {"code": kpi.code, "name": kpi.name, "selected": kpi.code == spread_code}
            for kpi in KPIS
        ],
        "spread_figure": figures[spread_code],
        "spread": spread(figures[spread_code]),
        "headers": table_headers(code, descending, query, spread_code),
        "ward_rows": ward_rows(ward_list, figures, code, descending),
        "sort": code,
        "furthest": furthest([figures[kpi.code] for kpi in KPIS]),
        "query": query,
        "table_query": f"{query}&{SPREAD_PARAM}={spread_code}",
        "direction_words": {HIGHER: "cao hơn là tốt hơn", LOWER: "thấp hơn là tốt hơn"},
    }


def city_period(params):
    first, last, _ = reading_summary()
    period, _ = choose_period(params, first, last)
    return period


def kpi_rows(period):
    """The rows of the city's KPI CSV: the city, then every ward, each KPI of the period with
    the counts it is computed from and the ward's rank."""
    ward_list = wards()
    totals = ward_totals(period)
    days = period.days
    city = summed(totals)
    values = {
        kpi.code: {
            ward.site_id: kpi.compute(totals.get(ward.site_id, {}), days=days) for ward in ward_list
        }
        for kpi in KPIS
    }
    units = [("Toàn thành phố", "", None, city)] + [
        (ward.name, ward.root_url, ward.site_id, totals.get(ward.site_id, {})) for ward in ward_list
    ]
    for name, url, site_id, counts in units:
        for kpi in KPIS:
            number = kpi.compute(counts, days=days)
            if number is None:
                continue
            rank = rank_of(kpi, values[kpi.code], site_id) if site_id else None
            yield [
                name,
                url,
                month_value(period.first),
                month_value(period.last),
                kpi.code,
                kpi.name,
                f"{kpi.rounded(number)}",
                kpi.unit,
                sum(counts.get(key, 0) for key in kpi.numerator),
                sum(counts.get(key, 0) for key in kpi.denominator) if kpi.denominator else "",
                kpi.target_text,
                rank["rank"] if rank else "",
                rank["of"] if rank else "",
                kpi.formula,
            ]


def count_rows(period):
    """Every ward's counts of the period per month, source and metric (summed over the
    breakdowns), streamed from one query."""
    ward_list = {ward.site_id: ward for ward in wards()}
    rows = (
        ward_readings()
        .filter(period__gte=period.first, period__lte=period.last)
        .values_list("site_id", "period", "source", "metric")
        .annotate(total=Sum("value"), updated=Max("updated_at"))
        .order_by("site_id", "period", "source", "metric")
    )
    for site_id, month, source, metric, total, updated in rows.iterator():
        ward = ward_list.get(site_id)
        yield [
            ward.name if ward else site_id,
            month_value(month),
            source,
            metric,
            total,
            updated.isoformat() if isinstance(updated, datetime.datetime) else "",
        ]

"""What the dashboard shows for one ward and one period, computed once per request from one
query of readings (plus one per source for its last success). The public page (/so-lieu/),
its CSV download and the leaders' panel in the admin all read it from here."""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, Min
from django.utils import timezone

from . import charts
from .freshness import source_statuses
from .kpis import (
    BY_CODE,
    GROUPS,
    HEADLINE,
    HIGHER,
    KPIS,
    LOWER,
    NATIONAL_INDEX,
    Counts,
    Period,
    add_months,
    month_start,
    value,
)
from .models import Reading, Source
from .numbers import vn_number

MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")
MAX_MONTHS = 36  # the longest period the selector accepts
CHART_MONTHS = 12
# The five months of seed 000 appendix C: the baseline the ward measures itself against.
BASELINE = Period(datetime.date(2025, 7, 1), datetime.date(2025, 11, 1))


def parse_month(text):
    match = MONTH_RE.match((text or "").strip())
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        return None
    return datetime.date(year, month, 1)


def month_value(month):
    return f"{month:%Y-%m}"


def month_label(month):
    return f"{month.month:02d}/{month.year}"


@dataclass
class Figure:
    """One KPI's value for a period, ready to show."""

    kpi: object
    value: Decimal | None
    previous: Decimal | None
    sources: tuple = ()  # the freshness statuses of the sources it is computed from
    rank: dict | None = None  # where the ward stands among the wards (dashboard/city.py)

    @property
    def stale(self):
        return any(status["stale"] for status in self.sources)

    @property
    def text(self):
        return format_value(self.kpi, self.value)

    @property
    def met(self):
        return self.kpi.met(self.value)

    @property
    def trend(self):
        """ "up", "down", "flat" or None, with whether that is good news."""
        if self.value is None or self.previous is None:
            return None
        now, before = self.kpi.rounded(self.value), self.kpi.rounded(self.previous)
        if now == before:
            return {"arrow": "→", "word": "Không đổi", "good": None, "css": "flat"}
        up = now > before
        if self.kpi.direction == HIGHER:
            good = up
        elif self.kpi.direction == LOWER:
            good = not up
        else:
            good = None
        change = abs(now - before)
        unit = " điểm %" if self.kpi.unit == "%" else f" {self.kpi.unit}".replace(" /5", "")
        return {
            "arrow": "▲" if up else "▼",
            "word": ("Tăng " if up else "Giảm ") + vn_number(change, self.kpi.decimals) + unit,
            "good": good,
            "css": "up" if up else "down",
        }


def format_value(kpi, number):
    if number is None:
        return "Chưa có số liệu"
    text = vn_number(number, kpi.decimals)
    if kpi.unit == "%":
        return f"{text} %"
    if kpi.unit == "/5":
        return f"{text}/5"
    return f"{text} {kpi.unit}"


def reading_summary(site):
    """(first month, last month, {source: last update}) of the readings of ``site``, in one
    query."""
    rows = (
        Reading.objects.filter(site=site)
        .values("source")
        .annotate(first=Min("period"), last=Max("period"), updated=Max("updated_at"))
    )
    rows = list(rows)
    if not rows:
        return None, None, {}
    return (
        min(row["first"] for row in rows),
        max(row["last"] for row in rows),
        {Source(row["source"]): row["updated"] for row in rows},
    )


def available_months(site):
    first, last, _ = reading_summary(site)
    return first, last


def choose_period(params, first, last, today=None):
    """The period the visitor asked for (``tu``/``den`` as YYYY-MM), or the latest month with
    data; returns (period, error message or "")."""
    today = today or timezone.localdate()
    default_last = last or add_months(month_start(today), -1)
    default = Period(default_last, default_last)
    start_text, end_text = params.get("tu", ""), params.get("den", "")
    if not start_text and not end_text:
        return default, ""
    start, end = parse_month(start_text), parse_month(end_text or start_text)
    if start is None or end is None:
        return default, "Kỳ số liệu không hợp lệ: chọn tháng theo dạng năm-tháng, ví dụ 2025-07."
    if start > end:
        return default, "Tháng bắt đầu phải trước hoặc trùng tháng kết thúc."
    if len(Period(start, end).months) > MAX_MONTHS:
        return default, f"Chỉ xem được tối đa {MAX_MONTHS} tháng một lần."
    return Period(start, end), ""


def presets(first, last):
    """Quick choices for the period selector, for the months that hold data."""
    if last is None:
        return []
    choices = [("Tháng gần nhất", Period(last, last))]
    choices.append(("3 tháng gần nhất", Period(add_months(last, -2), last)))
    choices.append(("12 tháng gần nhất", Period(add_months(last, -11), last)))
    for year in range(last.year, first.year - 1, -1):
        choices.append(
            (
                f"Năm {year}",
                Period(
                    max(first, datetime.date(year, 1, 1)), min(last, datetime.date(year, 12, 1))
                ),
            )
        )
    if first <= BASELINE.first and last >= BASELINE.last:
        choices.append(("Kỳ gốc 1/7–30/11/2025", BASELINE))
    return [
        {
            "label": label,
            "query": f"tu={month_value(p.first)}&den={month_value(p.last)}",
            "period": p,
        }
        for label, p in choices
    ]


def figures(counts, period, statuses=()):
    totals = counts.totals(period.months)
    previous = period.previous()
    previous_totals = counts.totals(previous.months)
    by_source = {status["source"]: status for status in statuses}
    return {
        kpi.code: Figure(
            kpi,
            value(kpi, totals, period.months),
            value(kpi, previous_totals, previous.months),
            tuple(by_source[source] for source in kpi.sources if source in by_source),
        )
        for kpi in KPIS
    }


def monthly_charts(counts, months):
    labels = [month_label(month) for month in months]

    def series(source, metric):
        return [counts.by_month.get(month, {}).get((Source(source), metric)) for month in months]

    def rate(code):
        kpi = BY_CODE[code]
        return [value(kpi, counts.totals([month]), [month]) for month in months]

    def rounded(values, kpi):
        return [kpi.rounded(v) if v is not None else None for v in values]

    online = rounded(rate("online_rate"), BY_CODE["online_rate"])
    timely = rounded(rate("timely_rate"), BY_CODE["timely_rate"])
    built = [
        (
            charts.build(
                charts.Chart(
                    "Hồ sơ tiếp nhận theo tháng",
                    labels,
                    [
                        {
                            "name": "Trực tuyến",
                            "css": "a",
                            "values": series("cases", "received_online"),
                        },
                        {
                            "name": "Trực tiếp",
                            "css": "b",
                            "values": series("cases", "received_direct"),
                        },
                    ],
                    unit="hồ sơ",
                    kind="stacked",
                )
            ),
            None,
        ),
        (
            charts.build(
                charts.Chart(
                    "Tỷ lệ nộp trực tuyến và giải quyết đúng hạn (%)",
                    labels,
                    [
                        {"name": "Nộp trực tuyến", "css": "a", "values": online},
                        {"name": "Trước hạn và đúng hạn", "css": "c", "values": timely},
                    ],
                    unit="%",
                    kind="line",
                    target=float(BY_CODE["online_rate"].target),
                ),
                fixed_max=100,
            ),
            "Đường kẻ ngang: mục tiêu 85 % hồ sơ nộp trực tuyến.",
        ),
        (
            charts.build(
                charts.Chart(
                    "Hồ sơ giải quyết theo tháng",
                    labels,
                    [
                        {
                            "name": "Trước hạn",
                            "css": "a",
                            "values": series("cases", "resolved_early"),
                        },
                        {
                            "name": "Đúng hạn",
                            "css": "c",
                            "values": series("cases", "resolved_on_time"),
                        },
                        {"name": "Quá hạn", "css": "d", "values": series("cases", "resolved_late")},
                    ],
                    unit="hồ sơ",
                    kind="stacked",
                )
            ),
            None,
        ),
        (
            charts.build(
                charts.Chart(
                    "Câu hỏi tại Bộ phận Một cửa theo tháng",
                    labels,
                    [
                        {
                            "name": "Lượt hỏi",
                            "css": "b",
                            "values": series("manual", "desk_questions"),
                        }
                    ],
                    unit="lượt",
                )
            ),
            "Khi người dân nộp trực tuyến nhiều hơn, số lượt phải hỏi tại Một cửa giảm.",
        ),
        (
            charts.build(
                charts.Chart(
                    "Phản ánh – kiến nghị theo tháng",
                    labels,
                    [
                        {"name": "Tiếp nhận", "css": "b", "values": series("feedback", "received")},
                        {
                            "name": "Đã giải quyết",
                            "css": "a",
                            "values": series("feedback", "resolved"),
                        },
                    ],
                    unit="phản ánh",
                )
            ),
            None,
        ),
    ]
    result = []
    for chart, note in built:
        rows = [
            {"label": label, "cells": [s["values"][index] for s in chart.series]}
            for index, label in enumerate(labels)
        ]
        result.append({"chart": chart, "note": note, "rows": rows})
    return result


def field_rows(counts, period):
    """Per field: received, online rate, early and on-time rates, late cases."""
    rows = []
    for field_name, totals in counts.breakdowns(period.months, Source.CASES).items():
        received = value(BY_CODE["received"], totals, period.months)
        rows.append(
            {
                "field": field_name or "Chưa phân lĩnh vực",
                "received": received,
                "received_text": format_value(BY_CODE["received"], received).replace(" hồ sơ", ""),
                "online": format_value(
                    BY_CODE["online_rate"], value(BY_CODE["online_rate"], totals, period.months)
                ),
                "early": format_value(
                    BY_CODE["early_rate"], value(BY_CODE["early_rate"], totals, period.months)
                ),
                "timely": format_value(
                    BY_CODE["timely_rate"], value(BY_CODE["timely_rate"], totals, period.months)
                ),
                "late": int(value(BY_CODE["late_cases"], totals, period.months) or 0),
            }
        )
    rows.sort(key=lambda row: (-(row["received"] or 0), row["field"]))
    return rows


def place_rows(counts, period, limit=10):
    scans = counts.breakdowns(period.months, Source.PORTAL)
    rows = [
        (place or "Không rõ nơi quét", totals.get((Source.PORTAL, "qr_scans"), 0))
        for place, totals in scans.items()
    ]
    rows = [row for row in rows if row[1]]
    rows.sort(key=lambda row: (-row[1], row[0]))
    return rows[:limit]


def build(site, params=None, today=None, now=None, with_charts=True, with_ranks=True):
    """Everything the dashboard shows for ``site``; ``params`` is the request's GET. With
    ``with_ranks``, each figure says where the ward stands among the wards (one query)."""
    params = params or {}
    first, last, updates = reading_summary(site)
    period, error = choose_period(params, first, last, today)
    chart_months = [add_months(period.last, -offset) for offset in range(CHART_MONTHS - 1, -1, -1)]
    load_from = min(period.previous().first, chart_months[0])
    counts = Counts.load(site, load_from, period.last)
    statuses = source_statuses(site, updates, now=now)
    values = figures(counts, period, statuses)
    if with_ranks:
        from .city import ranks

        for code, rank in ranks(site, period).items():
            values[code].rank = rank
    groups = [
        {
            "code": code,
            "title": title,
            "figures": [values[kpi.code] for kpi in KPIS if kpi.group == code],
        }
        for code, title in GROUPS
    ]
    fields = field_rows(counts, period)
    context = {
        "period": period,
        "period_error": error,
        "first_month": first,
        "last_month": last,
        "month_choices": [
            {"value": month_value(m), "label": month_label(m)}
            for m in (Period(first, last).months if first else [])
        ],
        "chosen_from": month_value(period.first),
        "chosen_to": month_value(period.last),
        "presets": presets(first, last),
        "headline": [values[code] for code in HEADLINE],
        "groups": groups,
        "figures": values,
        "fields": fields,
        "late_fields": [row for row in fields if row["late"]],
        "sources": statuses,
        "national_index": [
            {
                "component": component,
                "criterion": criterion,
                "formula": formula,
                "figure": values.get(code) if code else None,
            }
            for component, criterion, formula, code in NATIONAL_INDEX
        ],
        "query": f"tu={month_value(period.first)}&den={month_value(period.last)}",
    }
    if with_charts:
        context["monthly_charts"] = monthly_charts(counts, chart_months)
        context["chart_period"] = Period(chart_months[0], chart_months[-1])
        context["field_chart"] = charts.build_horizontal(
            charts.HorizontalChart(
                "Hồ sơ tiếp nhận theo lĩnh vực",
                [(row["field"], row["received"] or 0) for row in fields],
                unit="hồ sơ",
            )
        )
        context["places"] = place_rows(counts, period)
    return context

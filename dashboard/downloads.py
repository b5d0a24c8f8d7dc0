"""The dashboard's figures as CSV, for anyone to check or reuse (UTF-8 with a BOM so that
Excel opens Vietnamese correctly; decimals with a point, as data files write them)."""

import csv

from django.http import HttpResponse

from .board import available_months, choose_period, month_value
from .kpis import KPIS, Counts, value
from .models import Reading


def _response(filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    return response


def kpi_csv(site, params):
    """One row per month and KPI of the chosen period, with the counts it is computed from."""
    first, last = available_months(site)
    period, _ = choose_period(params, first, last)
    counts = Counts.load(site, period.first, period.last)
    response = _response(f"so-lieu-{month_value(period.first)}-{month_value(period.last)}.csv")
    writer = csv.writer(response)
    writer.writerow(
        [
            "thang",
            "ma_chi_so",
            "chi_so",
            "gia_tri",
            "don_vi",
            "tu_so",
            "mau_so",
            "muc_tieu",
            "cong_thuc",
        ]
    )
    for month in period.months:
        totals = counts.totals([month])
        for kpi in KPIS:
            number = value(kpi, totals, [month])
            if number is None:
                continue
            top = sum(totals.get(key, 0) for key in kpi.numerator)
            bottom = sum(totals.get(key, 0) for key in kpi.denominator) if kpi.denominator else ""
            writer.writerow(
                [
                    month_value(month),
                    kpi.code,
                    kpi.name,
                    f"{kpi.rounded(number)}",
                    kpi.unit,
                    top,
                    bottom,
                    kpi.target_text,
                    kpi.formula,
                ]
            )
    return response


def counts_csv(site, params):
    """The raw counts (readings) of the chosen period, as stored."""
    first, last = available_months(site)
    period, _ = choose_period(params, first, last)
    response = _response(f"so-dem-{month_value(period.first)}-{month_value(period.last)}.csv")
    writer = csv.writer(response)
    writer.writerow(["thang", "nguon", "chi_so_dem", "phan_theo", "so_luong", "cap_nhat_luc"])
    rows = Reading.objects.filter(
        site=site, period__gte=period.first, period__lte=period.last
    ).values_list("period", "source", "metric", "breakdown", "value", "updated_at")
    for period_month, source, metric, breakdown, number, updated_at in rows.iterator():
        writer.writerow(
            [month_value(period_month), source, metric, breakdown, number, updated_at.isoformat()]
        )
    return response


def city_kpi_csv(params):
    """The city's KPIs and every ward's, for the chosen period, with counts and ranks."""
    from . import city

    period = city.city_period(params)
    response = _response(
        f"so-lieu-phuong-xa-{month_value(period.first)}-{month_value(period.last)}.csv"
    )
    writer = csv.writer(response)
    writer.writerow(
        [
            "don_vi",
            "dia_chi",
            "tu_thang",
            "den_thang",
            "ma_chi_so",
            "chi_so",
            "gia_tri",
            "don_vi_tinh",
            "tu_so",
            "mau_so",
            "muc_tieu",
            "xep_thu",
            "tren_so_phuong_xa",
            "cong_thuc",
        ]
    )
    writer.writerows(city.kpi_rows(period))
    return response


def city_counts_csv(params):
    """Every ward's counts of the chosen period, per month, source and metric."""
    from . import city

    period = city.city_period(params)
    response = _response(
        f"so-dem-phuong-xa-{month_value(period.first)}-{month_value(period.last)}.csv"
    )
    writer = csv.writer(response)
    writer.writerow(["don_vi", "thang", "nguon", "chi_so_dem", "so_luong", "cap_nhat_luc"])
    writer.writerows(city.count_rows(period))
    return response

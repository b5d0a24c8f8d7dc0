"""Readings for dashboard tests: the baseline of seed 000 appendix C (1 July – 30 November
2025), split over months and fields by fixed weights so that the totals are exact."""

import datetime

from dashboard.models import Reading, Source

BASELINE_MONTHS = [datetime.date(2025, month, 1) for month in range(7, 12)]
BASELINE_FIELDS = ["Hộ tịch", "Chứng thực", "Đất đai", "Xây dựng"]
# Appendix C totals.
BASELINE_CASES = {
    "received_online": 6993,
    "received_direct": 3639,
    "resolved_early": 9361,
    "resolved_on_time": 1025,
    "resolved_late": 0,
    "pending_overdue": 0,
}
BASELINE_FEEDBACK = {"received": 413, "resolved": 376}


def split(total, parts):
    """``total`` split into ``parts`` whole numbers that add up to it exactly."""
    base, rest = divmod(total, parts)
    return [base + (1 if index < rest else 0) for index in range(parts)]


def load_baseline(site, source_fields=BASELINE_FIELDS):
    """Replace every reading of ``site`` (the demo ward has its own) by the baseline alone."""
    Reading.objects.filter(site=site).delete()
    rows = []
    cells = [(month, name) for month in BASELINE_MONTHS for name in source_fields]
    for metric, total in BASELINE_CASES.items():
        for (month, name), count in zip(cells, split(total, len(cells)), strict=True):
            rows.append(
                Reading(
                    site=site,
                    source=Source.CASES,
                    metric=metric,
                    period=month,
                    breakdown=name,
                    value=count,
                )
            )
    for metric, total in BASELINE_FEEDBACK.items():
        for month, count in zip(BASELINE_MONTHS, split(total, len(BASELINE_MONTHS)), strict=True):
            rows.append(
                Reading(
                    site=site,
                    source=Source.FEEDBACK,
                    metric=metric,
                    period=month,
                    breakdown="ihanoi",
                    value=count,
                )
            )
    Reading.objects.bulk_create(rows)
    return rows

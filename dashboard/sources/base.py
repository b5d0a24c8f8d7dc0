"""What every source shares: months, whole-payload validation, replacing a month's readings,
and running a job as a logged ``SyncRun`` whose last success the dashboard shows.

A source hands over ``{period: {(metric, breakdown): value}}``. Nothing is written unless every
value of every month is valid; then each month it brings replaces that month's readings of the
source (a corrected month replaces the old figures; months it does not bring stay as they are),
and a value that did not change is not written again, so ``updated_at`` means a real change.
"""

import datetime
import logging
import re

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from content.front_purge import records_changed
from content.models import SyncRun
from content.upstream import UpstreamError

from ..models import METRICS, Reading, Source

logger = logging.getLogger(__name__)

# The SyncRun.source of each dashboard source; the ward's id follows an "@" (one log per ward).
SYNC_SOURCES = {
    Source.CASES: "dashboard.cases",
    Source.FEEDBACK: "dashboard.feedback",
    Source.PORTAL: "dashboard.portal",
    Source.MANUAL: "dashboard.manual",
}
# Counts that are part of another count of the same month and breakdown: (part, whole).
PARTS = {
    Source.CASES: [("pending_overdue", "pending")],
    Source.FEEDBACK: [
        ("resolved", "received"),
        ("closed", "received"),
        ("closed_on_time", "closed"),
        ("rated", "received"),
        ("satisfied", "rated"),
    ],
    Source.PORTAL: [
        ("posts_complete", "posts_published"),
        ("posts_with_image", "posts_published"),
        ("pages_reviewed_on_time", "pages_review_due"),
        ("page_useful", "page_answers"),
        ("desk_satisfied", "desk_votes"),
        ("searches_without_result", "searches"),
    ],
    Source.MANUAL: [
        ("survey_satisfied", "survey_answers"),
        ("results_digitised", "results_total"),
    ],
}
FIRST_MONTH = datetime.date(2000, 1, 1)
LOCK_SECONDS = 30 * 60
MAX_BREAKDOWN = Reading._meta.get_field("breakdown").max_length


class Rejected(Exception):
    """A payload that must not be written; ``errors`` are for staff, in Vietnamese."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("\n".join(self.errors))


class Busy(Exception):
    """Another run of the same source for the same ward is in progress."""


def sync_source(site, source):
    """The ``SyncRun.source`` of ``source`` for ward ``site``."""
    return f"{SYNC_SOURCES[Source(source)]}@{site.pk}"


def month_start(value):
    """The first day of the month of a date or datetime (local time)."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.replace(day=1)


def next_month(period):
    return (period + datetime.timedelta(days=32)).replace(day=1)


def previous_month(period):
    return (period - datetime.timedelta(days=1)).replace(day=1)


def month_label(period):
    return f"{period:%m/%Y}"


def parse_month(value):
    """A month from "2025-07", "07/2025", "7/2025" or a date; ValueError otherwise."""
    if isinstance(value, datetime.datetime | datetime.date):
        return month_start(value)
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", text) or re.fullmatch(r"(\d{1,2})/(\d{4})", text)
    if not match:
        raise ValueError(text)
    first, second = match.groups()
    year, month = (int(first), int(second)) if len(first) == 4 else (int(second), int(first))
    if not 1 <= month <= 12:
        raise ValueError(text)
    return datetime.date(year, month, 1)


def is_count(value):
    return isinstance(value, int) and not isinstance(value, bool)


def validate(source, periods, today=None, check_parts=True):
    """Every problem of a payload, in Vietnamese; an empty list when it may be written.
    ``check_parts`` also checks that no count exceeds the count it is part of."""
    source = Source(source)
    known = set(METRICS[source]["metrics"])
    this_month = month_start(today or timezone.localdate())
    errors = []
    for period, values in periods.items():
        if not isinstance(period, datetime.date) or period.day != 1:
            errors.append(f"Kỳ «{period}» không phải ngày đầu tháng.")
            continue
        label = month_label(period)
        if period < FIRST_MONTH or period > this_month:
            errors.append(f"Tháng {label}: chưa tới hoặc quá xa, không nhận số liệu.")
        for (metric, breakdown), value in values.items():
            where = f"Tháng {label}" + (f", {breakdown}" if breakdown else "")
            if metric not in known:
                errors.append(f"{where}: chỉ số «{metric}» không có trong nguồn này.")
            if not isinstance(breakdown, str) or len(breakdown) > MAX_BREAKDOWN:
                errors.append(f"{where}: phân loại «{breakdown}» không hợp lệ.")
            if not is_count(value):
                errors.append(f"{where}: «{metric}» = «{value}» không phải số nguyên.")
            elif value < 0:
                errors.append(f"{where}: «{metric}» không được âm ({value}).")
        for part, whole in PARTS.get(source, []) if check_parts else []:
            for (metric, breakdown), value in values.items():
                total = values.get((whole, breakdown), 0)
                if metric == part and is_count(value) and is_count(total) and value > total:
                    where = f"Tháng {label}" + (f", {breakdown}" if breakdown else "")
                    errors.append(
                        f"{where}: «{part}» ({value}) lớn hơn «{whole}» ({total}), vô lý."
                    )
    return errors


def replace_period(site, source, period, values, origin, *, today=None, check_parts=True):
    """Make ``values`` ({(metric, breakdown): count}) the readings of that ward, source and
    month. Returns the counts (created, changed, unchanged, deleted). Raises ``Rejected``."""
    errors = validate(source, {period: values}, today, check_parts)
    if errors:
        raise Rejected(errors)
    counts = {"created": 0, "changed": 0, "unchanged": 0, "deleted": 0}
    with transaction.atomic():
        existing = {
            (reading.metric, reading.breakdown): reading
            for reading in Reading.objects.select_for_update().filter(
                site=site, source=source, period=period
            )
        }
        stale = [r.pk for key, r in existing.items() if key not in values]
        counts["deleted"] = Reading.objects.filter(pk__in=stale).delete()[0]
        new = []
        for (metric, breakdown), value in values.items():
            reading = existing.get((metric, breakdown))
            if reading is None:
                new.append(
                    Reading(
                        site=site,
                        source=source,
                        metric=metric,
                        period=period,
                        breakdown=breakdown,
                        value=value,
                        origin=origin[:300],
                    )
                )
            elif reading.value != value:
                reading.value = value
                reading.origin = origin[:300]
                reading.save(update_fields=["value", "origin", "updated_at"])
                counts["changed"] += 1
            else:
                counts["unchanged"] += 1
        Reading.objects.bulk_create(new)
        counts["created"] = len(new)
        if new:
            records_changed(Reading, site.pk)  # bulk_create sends no signal
    return counts


def run(site, source, read, origin):
    """Run one job: ``read()`` returns ``{period: values}`` (or raises ``UpstreamError`` or
    ``Rejected``); every month it brings is replaced, all or nothing. Returns the SyncRun."""
    name = sync_source(site, source)
    lock = f"dashboard:run:{name}"
    if not cache.add(lock, "1", LOCK_SECONDS):
        raise Busy("Đang có một lần cập nhật số liệu này khác chạy; thử lại sau.")
    try:
        sync_run = SyncRun.objects.create(source=name, origin=str(origin).split("?")[0][:500])
        try:
            periods = read()
            errors = validate(source, periods)
            if errors:
                raise Rejected(errors)
        except UpstreamError as error:
            sync_run.finish(SyncRun.Status.FAILED, str(error))
            sync_run.retryable = error.retryable
            log = logger.warning if error.retryable else logger.error
            log("dashboard source failed", extra={"run": sync_run.pk, "error": str(error)})
            return sync_run
        except Rejected as error:
            sync_run.rejected = len(error.errors)
            sync_run.finish(SyncRun.Status.REJECTED, "\n".join(error.errors[:100]))
            logger.warning("dashboard source rejected", extra={"run": sync_run.pk})
            return sync_run
        try:
            with transaction.atomic():
                for period, values in sorted(periods.items()):
                    counts = replace_period(site, source, period, values, sync_run.origin)
                    sync_run.created += counts["created"]
                    sync_run.changed += counts["changed"]
                    sync_run.unchanged += counts["unchanged"]
                    sync_run.withdrawn += counts["deleted"]
        except Exception as error:
            sync_run.created = sync_run.changed = sync_run.unchanged = sync_run.withdrawn = 0
            sync_run.finish(SyncRun.Status.FAILED, f"Lỗi khi ghi số liệu: {error}")
            logger.exception("dashboard source crashed", extra={"run": sync_run.pk})
            raise
        months = ", ".join(month_label(period) for period in sorted(periods)) or "không có"
        sync_run.finish(SyncRun.Status.SUCCESS, f"Tháng: {months}. {sync_run.summary()}")
        logger.info("dashboard source updated", extra={"run": sync_run.pk})
        return sync_run
    finally:
        cache.delete(lock)


def last_success(site, source):
    """When the source last brought the ward's figures successfully, or None. Manual figures
    have no job: theirs is the last time one of them was saved."""
    source = Source(source)
    if source == Source.MANUAL:
        from ..models import ManualFigure

        return (
            ManualFigure.objects.filter(site=site)
            .order_by("-updated_at")
            .values_list("updated_at", flat=True)
            .first()
        )
    return (
        SyncRun.objects.filter(source=sync_source(site, source), status=SyncRun.Status.SUCCESS)
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )

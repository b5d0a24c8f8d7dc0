"""The iHanoi sync: imports the ward's iHanoi items over HTTP and keeps them beside portal
reports, marked "iHanoi" (DESIGN.md §4, docs/integrations.md, docs/feedback.md).

Format (version 1): pages of ``{"items": [...], "next": cursor|null}``, each item
``{"id", "title", "category", "address", "lat", "lng", "created_at", "status", "resolved_at",
"response", "before_photos": [url], "after_photos": [url], "rating"}``.

Every page is read and every item checked before anything is written: a malformed payload,
an HTTP error or a timeout changes nothing and is recorded in ``SyncRun``. Items are upserted
by iHanoi id, so a second run with the same data changes nothing. iHanoi's title and address
may name people, so they are kept as staff-only fields (description, address); the public
sees the category, the ward's answer and the status, as for portal reports.

Every ward has its own feed (issue 19): the ward's unit at iHanoi (WardSettings.ihanoi_unit)
goes into IHANOI_URL's ``{unit}`` or as ``?unit=`` (content.upstream.unit_url); each ward's
runs are logged as ``feedback.ihanoi@<site id>`` and locked per ward. A page that names its
``unit`` must name the ward's, and an item that already belongs to another ward refuses the
payload: one ward's feed never writes into another's reports.
"""

import datetime
import logging
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from content.models import SyncRun
from content.text import nfc
from content.upstream import UpstreamClient, UpstreamError, unit_url
from content.ward_jobs import require_unit

from .models import (
    CLOSED_STATUSES,
    FeedbackCategory,
    FeedbackReport,
    FeedbackStatusEntry,
    Source,
    Status,
)

logger = logging.getLogger(__name__)

SOURCE = "feedback.ihanoi"
LOCK_KEY = "feedback:sync-ihanoi"
# The ward's unit at iHanoi (WardSettings).
UNIT_FIELD = "ihanoi_unit"
STATUS_MAP = {
    "moi": Status.RECEIVED,
    "tiep_nhan": Status.RECEIVED,
    "dang_xu_ly": Status.IN_PROGRESS,
    "tam_dung": Status.PAUSED,
    "da_xu_ly": Status.RESOLVED,
    "tu_choi": Status.REJECTED,
    "chuyen_xu_ly": Status.FORWARDED,
}
FALLBACK_CATEGORY = "khac"


class SyncBusy(Exception):
    """Another iHanoi sync of the same ward is running."""


def sync_source(site):
    """The ``SyncRun.source`` of ward ``site``'s iHanoi runs."""
    return f"{SOURCE}@{site.pk}"


def _date(value, field, errors, where, required=True):
    if value in (None, ""):
        if required:
            errors.append(f"{where}: thiếu «{field}».")
        return None
    parsed = parse_datetime(str(value)) if isinstance(value, str) else None
    if parsed is None:
        errors.append(f"{where}: «{field}» không phải ngày giờ ISO 8601.")
        return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _coordinate(value, field, errors, where, limit):
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except InvalidOperation:
        errors.append(f"{where}: «{field}» không phải số.")
        return None
    if abs(number) > limit:
        errors.append(f"{where}: «{field}» ngoài phạm vi.")
        return None
    return number


def check_items(items):
    """Normalised items and a list of Vietnamese error messages (empty when all are valid)."""
    errors, checked, seen = [], [], set()
    for number, item in enumerate(items, start=1):
        where = f"Mục {number}"
        if not isinstance(item, dict):
            errors.append(f"{where}: không phải một đối tượng JSON.")
            continue
        item_id = str(item.get("id") or "").strip()
        if not item_id or len(item_id) > 64:
            errors.append(f"{where}: thiếu «id» hoặc «id» dài quá 64 ký tự.")
            continue
        where = f"Mục {number} (id {item_id})"
        if item_id in seen:
            errors.append(f"{where}: «id» trùng.")
        seen.add(item_id)
        title = item.get("title")
        if not isinstance(title, str) or not title.strip():
            errors.append(f"{where}: thiếu «title».")
        status = item.get("status")
        if status not in STATUS_MAP:
            errors.append(f"{where}: trạng thái «{status}» không biết.")
        rating = item.get("rating")
        if rating is not None and (not isinstance(rating, int) or not 1 <= rating <= 5):
            errors.append(f"{where}: «rating» phải là số nguyên 1–5.")
        for field in ("before_photos", "after_photos"):
            if not isinstance(item.get(field, []), list):
                errors.append(f"{where}: «{field}» phải là danh sách.")
        for field in ("category", "address", "response"):
            if item.get(field) is not None and not isinstance(item.get(field), str):
                errors.append(f"{where}: «{field}» phải là chuỗi.")
        created_at = _date(item.get("created_at"), "created_at", errors, where)
        resolved_at = _date(item.get("resolved_at"), "resolved_at", errors, where, required=False)
        checked.append(
            {
                "id": item_id,
                "title": nfc(title or "")[:5000],
                "category": nfc(item.get("category") or ""),
                "address": nfc(item.get("address") or "")[:255],
                "lat": _coordinate(item.get("lat"), "lat", errors, where, 90),
                "lng": _coordinate(item.get("lng"), "lng", errors, where, 180),
                "created_at": created_at,
                "status": STATUS_MAP.get(status),
                "resolved_at": resolved_at,
                "response": nfc(item.get("response") or ""),
                "rating": rating,
            }
        )
    return checked, errors


def read_url(url, token="", unit=None, **client_options):
    client = UpstreamClient(url, token=token, **client_options)
    items = []
    for number, page in enumerate(client.get_pages(), start=1):
        if not isinstance(page, dict) or not isinstance(page.get("items"), list):
            return [], [f"Trang {number}: không có danh sách «items»."]
        named = page.get("unit")
        if unit is not None and named is not None and not _same_unit(named, unit):
            return [], [
                f"Trang {number}: dữ liệu là của đơn vị «{str(named).strip()[:100]}», không "
                f"phải của phường/xã này (mã đơn vị «{unit}»): không ghi gì."
            ]
        items.extend(page["items"])
    return check_items(items)


def _same_unit(one, other):
    return nfc(str(one)).strip().casefold() == nfc(str(other)).strip().casefold()


def foreign_items(site, items):
    """Errors for the items that already belong to another ward's reports."""
    taken = (
        FeedbackReport.objects.filter(
            source=Source.IHANOI, external_id__in=[item["id"] for item in items]
        )
        .exclude(site=site)
        .values_list("external_id", flat=True)
    )
    return [f"Mục id {item_id}: đã thuộc phản ánh của phường/xã khác." for item_id in taken]


def sync_ward(site, url=None, token=None, **client_options):
    """Sync ward ``site`` from its own iHanoi feed; None when no URL is set. ``url`` (default
    IHANOI_URL) is the upstream's base. Raises ``NoUnit`` for a ward without its unit."""
    base_url = url or settings.IHANOI_URL
    if not base_url:
        return None
    unit = require_unit(site, UNIT_FIELD)
    token = token if token is not None else settings.IHANOI_TOKEN or ""
    return sync_from_url(site, unit_url(base_url, unit), token, unit=unit, **client_options)


def sync_from_url(site, url, token="", *, unit=None, **client_options):
    """Run one sync into ``site``; returns the ``SyncRun``. With ``unit``, a page naming
    another unit is refused."""
    lock = f"{LOCK_KEY}:{site.pk}"
    if not cache.add(lock, "1", 3600):
        raise SyncBusy("Đang có một lần đồng bộ iHanoi khác của phường/xã này chạy; thử lại sau.")
    try:
        run = SyncRun.objects.create(source=sync_source(site), origin=url.split("?")[0][:500])
        try:
            items, errors = read_url(url, token, unit, **client_options)
            errors = errors or foreign_items(site, items)
        except UpstreamError as error:
            run.finish(SyncRun.Status.FAILED, str(error))
            run.retryable = error.retryable
            log = logger.warning if error.retryable else logger.error
            log("iHanoi sync failed", extra={"run": run.pk, "error": str(error)})
            return run
        if errors:
            run.rejected = len(errors)
            run.finish(SyncRun.Status.REJECTED, "\n".join(errors[:100]))
            logger.warning("iHanoi payload rejected", extra={"run": run.pk})
            return run
        with transaction.atomic():
            apply(site, items, run)
        run.finish(SyncRun.Status.SUCCESS, run.summary())
        return run
    finally:
        cache.delete(lock)


def _category(name, categories):
    key = name.casefold()
    for category in categories:
        if key in (category.name.casefold(), category.slug):
            return category
    return next((c for c in categories if c.slug == FALLBACK_CATEGORY), categories[0])


def apply(site, items, run):
    categories = list(FeedbackCategory.objects.all())
    known = {
        r.external_id: r
        for r in FeedbackReport.objects.filter(
            site=site, source=Source.IHANOI, external_id__in=[i["id"] for i in items]
        )
    }
    for item in items:
        report = known.get(item["id"])
        fields = {
            "category": _category(item["category"], categories),
            "description": item["title"],
            "address": item["address"],
            "lat": item["lat"],
            "lng": item["lng"],
            "public_answer": item["response"],
            "rating": item["rating"],
        }
        if report is None:
            report = FeedbackReport(
                site=site,
                source=Source.IHANOI,
                external_id=item["id"],
                received_at=item["created_at"],
                # Staff hear of iHanoi items in iHanoi itself.
                notified_at=timezone.now(),
                **fields,
            )
            report.save()
            FeedbackStatusEntry.objects.create(
                report=report, status=Status.RECEIVED, created_at=item["created_at"]
            )
            run.created += 1
            _move_to(report, item)
            continue
        changed = [name for name, value in fields.items() if getattr(report, name) != value]
        for name in changed:
            setattr(report, name, fields[name])
        moved = report.status != item["status"]
        if changed and not moved:
            report.save()
        if moved:
            _move_to(report, item)
        if changed or moved:
            run.changed += 1
        else:
            run.unchanged += 1


def _move_to(report, item):
    status = item["status"]
    if status == report.status:
        return
    when = item["resolved_at"] if status in CLOSED_STATUSES and item["resolved_at"] else None
    when = when or max(timezone.now(), report.received_at + datetime.timedelta(seconds=1))
    FeedbackStatusEntry.objects.create(report=report, status=status, created_at=when)
    report.status = status
    report.closed_at = when if status in CLOSED_STATUSES else None
    if status != Status.PAUSED:
        report.due_at = report.compute_due_at(report.pauses())
    report.save()

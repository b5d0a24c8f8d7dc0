"""Jobs that run for every ward of the install in one pass (issue 19, docs/operations.md
«Periodic jobs and wards»).

A periodic job that works ward by ward runs as one Celery subtask per ward (``fan_out``): each
ward's run is logged in ``SyncRun`` under the ward's own source name (``…@<site id>``), is
retried on its own with the job's backoff, and a ward whose upstream fails or times out
neither holds up nor stops the others. A ward without its unit code at an upstream is skipped
with a log line naming it (no request is made for it). The management commands run the same
per-ward function over every ward, or over the one named with ``--ward`` (``run_over_wards``).

The city's own site (``WardSettings.is_city``) is not a ward: it has no unit at any upstream
and its figures are the wards' sums (docs/dashboard.md «The city»), so no job runs for it, and
it is not named among the skipped wards either; ``--ward`` naming it is refused.
"""

import logging

from celery.exceptions import Retry
from django.core.management.base import CommandError
from wagtail.models import Site

from .models import SyncRun, WardSettings

logger = logging.getLogger(__name__)

# The WardSettings fields that name a ward's unit at an upstream, as staff read them.
UNIT_FIELDS = {
    "dvc_unit_code": "mã đơn vị trên Cổng Dịch vụ công",
    "ihanoi_unit": "mã đơn vị trên iHanoi",
}


class NoUnit(Exception):
    """The ward has no unit at this upstream: it is skipped, not failed."""


def wards():
    """Every ward (Wagtail site) of the install, in a stable order; the city's own site is
    not one."""
    return Site.objects.exclude(wardsettings__is_city=True).order_by("pk")


def refuse_city(site):
    """A command named the city's own site: it has no upstream of its own."""
    if WardSettings.objects.filter(site=site, is_city=True).exists():
        raise CommandError(
            f"{ward_name(site)} là trang của thành phố, không có nguồn số liệu riêng: số liệu "
            "của thành phố là tổng số liệu của các phường, xã. Hãy ghi tên miền hoặc id của "
            "một phường/xã."
        )
    return site


def ward_name(site):
    return site.site_name or site.hostname


def unit_of(site, field):
    """The ward's unit at an upstream (a ``WardSettings`` field); "" when not set. Read from
    the database, not the page cache: a job must see a code changed a minute ago."""
    value = WardSettings.objects.filter(site=site).values_list(field, flat=True).first()
    return (value or "").strip()


def require_unit(site, field):
    unit = unit_of(site, field)
    if not unit:
        raise NoUnit(
            f"{ward_name(site)} chưa có {UNIT_FIELDS[field]} (Cài đặt → Thông tin phường/xã "
            "→ Nguồn số liệu)"
        )
    return unit


def find_ward(value):
    """The ward named on a command line: a site id or a host name."""
    text = str(value).strip()
    site = Site.objects.filter(pk=int(text)).first() if text.isdigit() else None
    if site is None:
        site = Site.objects.filter(hostname__iexact=text).order_by("pk").first()
    if site is None:
        raise CommandError(
            f"Không tìm thấy phường/xã «{text}»: ghi tên miền (ví dụ phuong-tu-liem.hanoi.gov.vn) "
            "hoặc id của trang."
        )
    return site


def add_ward_argument(parser):
    # --site is the option's former name (a site id); it still works.
    parser.add_argument(
        "--ward",
        "--site",
        dest="ward",
        metavar="TÊN_MIỀN_HOẶC_ID",
        help="chỉ một phường/xã, theo tên miền hoặc id của trang (mặc định: mọi phường/xã)",
    )


def fan_out(task, job, unit_field=None):
    """Queue ``task(site_id)`` for every ward (with its unit at the upstream, when
    ``unit_field`` names one); the others are logged as skipped. A ward whose task cannot be
    queued, or fails when tasks run in-process, is logged and the pass goes on. Returns a
    one-line summary."""
    units = dict(WardSettings.objects.values_list("site_id", unit_field)) if unit_field else {}
    queued, skipped, retrying, failed = 0, [], [], []
    for site in wards():
        if unit_field and not (units.get(site.pk) or "").strip():
            skipped.append(site.hostname)
            logger.warning(
                "ward skipped: no unit at the upstream",
                extra={"job": job, "site": site.pk, "ward": site.hostname, "field": unit_field},
            )
            continue
        try:
            task.delay(site.pk)
        except Retry as retry:
            # Run in-process (no broker): the ward's task asked for a later retry, which
            # only a worker can wait for; the next pass is that ward's retry.
            retrying.append(site.hostname)
            logger.warning(
                "ward job failed; retried by the next pass",
                extra={"job": job, "site": site.pk, "reason": str(retry.exc or retry)},
            )
            continue
        except Exception:
            failed.append(site.hostname)
            logger.exception("ward job failed", extra={"job": job, "site": site.pk})
            continue
        queued += 1
    summary = f"{job}: {queued} ward(s)"
    if skipped:
        summary += f"; skipped, no {unit_field}: {', '.join(skipped)}"
    if retrying:
        summary += f"; to retry: {', '.join(retrying)}"
    if failed:
        summary += f"; failed: {', '.join(failed)}"
    return summary


def run_over_wards(command, value, run_one, busy=()):
    """Run ``run_one(site)`` (returns a ``SyncRun``; may raise ``NoUnit`` or one of ``busy``)
    for the ward named by ``value``, or for every ward, writing one line per ward. Every ward
    runs; the command fails at the end, naming each ward whose run did not succeed."""
    sites = [refuse_city(find_ward(value))] if value else list(wards())
    failures = []
    for site in sites:
        name = ward_name(site)
        try:
            run = run_one(site)
        except NoUnit as error:
            if value:
                raise CommandError(f"{error}.") from error
            command.stdout.write(f"{name}: bỏ qua, {str(error)[len(name) + 1 :]}.")
            continue
        except busy as error:
            failures.append(f"{name}: {error}")
            continue
        if run.status != SyncRun.Status.SUCCESS:
            failures.append(f"{name}: {run.get_status_display()}: {run.message}")
        else:
            command.stdout.write(f"{name}: xong. {run.message}")
    if failures:
        raise CommandError("\n".join(failures))

"""Benchmark: one pass of every nightly job over 126 wards, against a local upstream server.

Run on a scratch PostgreSQL database (it creates the wards it lacks, or uses those present):

    dropdb -h 127.0.0.1 -U postgres --if-exists portal_bench_wards
    createdb -h 127.0.0.1 -U postgres portal_bench_wards
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench_wards \\
        REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/python bench/nightly_jobs.py

Wards: up to ``BENCH_WARDS`` (126, Hanoi's wards and communes) sites; missing ones are made
light (a home page, «Thông tin phường/xã» with both unit codes, content.wards.setup_ward).
Wards already there (e.g. from ``manage.py add_ward``) are used as they are; one without a
unit code gets ``bench-<site id>``. A server on 127.0.0.1 answers per unit: each ward's case
statistics (``BENCH_FIELDS`` fields × 2 months), ``BENCH_IHANOI`` iHanoi items in pages of 10,
and the shared procedure catalogue (``BENCH_PROCEDURES`` items). ``BENCH_FAILING`` wards (0)
answer HTTP 500 to both feeds, to show that a failing ward costs the pass little.

Every beat job that runs nightly (or more often) is run once, in-process (each ward's subtask
runs inline, as without a broker), and its time printed, then the total. The backup jobs are
left out (their time is the database's size, see content/backups.py). ``BENCH_PASSES=2`` runs
a second pass, in which nothing is new.
"""

import contextlib
import io
import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()
logging.disable(logging.WARNING)  # Wagtail logs every page; failing wards log a warning each

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from tests.catalogue_items import FIELDS, many  # noqa: E402
from tests.upstream_server import UpstreamServer  # noqa: E402

WARDS = int(os.environ.get("BENCH_WARDS", "126"))
CASE_FIELDS = int(os.environ.get("BENCH_FIELDS", "12"))
IHANOI_ITEMS = int(os.environ.get("BENCH_IHANOI", "20"))
PROCEDURES = int(os.environ.get("BENCH_PROCEDURES", "100"))
FAILING = int(os.environ.get("BENCH_FAILING", "0"))
PASSES = int(os.environ.get("BENCH_PASSES", "1"))

# The beat entries run, in their nightly order (portal/settings/base.py CELERY_BEAT_SCHEDULE).
JOBS = [
    "dashboard-compute-portal-stats",
    "dashboard-pull-case-stats",
    "sync-procedures",
    "feedback-anonymise-expired",
    "rebuild-search-index",
    "feedback-sync-ihanoi",
    "dashboard-compute-feedback-stats",
    "send-review-reminders",
    "publish-scheduled-pages",
]


def ensure_wards():
    from wagtail.models import Page, Site

    from content.models import HomePage, WardSettings
    from content.wards import setup_ward

    made = 0
    root = Page.get_first_root_node()
    for number in range(Site.objects.count() + 1, WARDS + 1):
        slug = f"phuong-bench-{number}"
        home = root.add_child(instance=HomePage(title=f"Phường Thử {number}", slug=slug))
        home.save_revision().publish()
        site = Site.objects.create(
            hostname=f"phuong-{number}.bench.localhost", root_page=home, site_name=home.title
        )
        setup_ward(site)
        made += 1
    for site in Site.objects.order_by("pk"):
        ward, _ = WardSettings.objects.get_or_create(site=site)
        if not ward.dvc_unit_code or not ward.ihanoi_unit:
            ward.dvc_unit_code = ward.dvc_unit_code or f"bench-{site.pk}"
            ward.ihanoi_unit = ward.ihanoi_unit or f"bench-ihn-{site.pk}"
            ward.save()
    return made


def case_payload(unit, seed):
    rows = []
    for period in ("2026-10", "2026-11"):
        for number in range(CASE_FIELDS):
            received = 40 + (seed * 7 + number * 13) % 200
            rows.append(
                {
                    "period": period,
                    "field": f"{FIELDS[number % len(FIELDS)]} {number // len(FIELDS) + 1}",
                    "received_online": received * 2 // 3,
                    "received_direct": received - received * 2 // 3,
                    "resolved_early": received * 3 // 4,
                    "resolved_on_time": received // 5,
                    "resolved_late": 0,
                    "pending": received // 20,
                    "pending_overdue": 0,
                }
            )
    return {"unit": unit, "rows": rows}


def ihanoi_items(site_id):
    return [
        {
            "id": f"IH-BENCH-{site_id}-{number}",
            "title": f"Phản ánh số {number}: đèn đường hỏng",
            "category": "Hạ tầng, giao thông, chiếu sáng",
            "address": f"Số {number} phố Thử",
            "lat": 21.04,
            "lng": 105.76,
            "created_at": "2026-11-23T08:15:00+07:00",
            "status": "da_xu_ly" if number % 3 == 0 else "dang_xu_ly",
            "resolved_at": "2026-11-24T10:00:00+07:00" if number % 3 == 0 else None,
            "response": "Đã xử lý." if number % 3 == 0 else "",
            "before_photos": [],
            "after_photos": [],
            "rating": None,
        }
        for number in range(1, IHANOI_ITEMS + 1)
    ]


def serve_wards(upstream):
    from content.models import WardSettings

    units = list(
        WardSettings.objects.order_by("site_id").values_list(
            "site_id", "dvc_unit_code", "ihanoi_unit"
        )
    )
    for index, (site_id, dvc, ihn) in enumerate(units):
        status = 500 if index >= len(units) - FAILING else 200
        upstream.serve_unit(dvc, case_payload(dvc, site_id), status=status)
        upstream.serve_unit(ihn, items=ihanoi_items(site_id), page_size=10, status=status)
    upstream.serve(many(PROCEDURES), page_size=100)


def run_pass(label):
    from content.models import SyncRun
    from portal.celery import app

    app.loader.import_default_modules()
    print(f"\n{label}")
    total = 0.0
    for name in JOBS:
        task = app.tasks[settings.CELERY_BEAT_SCHEDULE[name]["task"]]
        before = SyncRun.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        started = time.perf_counter()
        with contextlib.redirect_stdout(io.StringIO()):  # the commands' own lines
            task.apply()
        elapsed = time.perf_counter() - started
        total += elapsed
        outcome = {}
        for status in SyncRun.objects.filter(pk__gt=before).values_list("status", flat=True):
            outcome[status] = outcome.get(status, 0) + 1
        runs = ", ".join(f"{count} {status}" for status, count in sorted(outcome.items()))
        print(f"  {name:<34} {elapsed:8.2f} s  {runs or '-'}")
    print(f"  {'total':<34} {total:8.2f} s")


def main():
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    if connection.vendor != "postgresql":
        sys.exit("Needs PostgreSQL (DATABASE_URL).")
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    made = ensure_wards()
    from wagtail.models import Site

    print(
        f"wards: {Site.objects.count()} ({made} made in {time.perf_counter() - started:.1f} s); "
        f"{CASE_FIELDS * 2} case rows and {IHANOI_ITEMS} iHanoi items per ward, "
        f"{PROCEDURES} procedures, {FAILING} ward(s) failing"
    )
    from portal.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    with UpstreamServer() as upstream:
        serve_wards(upstream)
        settings.CASE_STATS_URL = f"{upstream.root}/don-vi/{{unit}}/so-lieu-ho-so"
        settings.IHANOI_URL = f"{upstream.root}/ihanoi/v1/phan-anh"
        settings.TTHC_CATALOGUE_URL = upstream.url
        settings.UPSTREAM_RETRIES, settings.UPSTREAM_BACKOFF = 0, 0
        for number in range(1, PASSES + 1):
            run_pass(f"pass {number} of every nightly job over {Site.objects.count()} wards")
        print(f"upstream requests: {len(upstream.requests)}")


if __name__ == "__main__":
    main()

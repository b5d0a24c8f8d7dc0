"""Benchmark: the city-wide catalogue published into N wards, then one change sent to all
(issue 20).

    BENCH_WARDS=20 .venv/bin/python bench/catalogue_wards.py

1. Makes the scratch database BENCH_CATALOGUE_DB (dropped first), migrates it and provisions
   the first BENCH_WARDS wards of docs/examples/wards-hanoi.csv (`add_ward --csv`).
2. In this process: loads the demo catalogue (tthc/demo/catalogue.json, 41 procedures) with
   publish_new, as bench/wards.py does for 126 wards; then a catalogue in which 5 procedures
   changed their fees, which opens a revision in every ward's workflow. For each it prints
   the time, the pages touched, the time and SQL queries a page, and the longest single
   ward's transaction. Issue 19's figure for the first step was 1,412 s for 5,166 pages
   (0.27 s a page, all in one transaction).

Environment: BENCH_PG (postgres://postgres@127.0.0.1:5432), BENCH_CATALOGUE_DB
(portal_bench_catalogue), BENCH_REDIS (redis://127.0.0.1:6379/5), BENCH_WARDS (20).
"""

import copy
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
CSV = ROOT / "docs" / "examples" / "wards-hanoi.csv"
LOG = ROOT / "var" / "bench-catalogue.log"
CATALOGUE = ROOT / "tthc" / "demo" / "catalogue.json"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB = os.environ.get("BENCH_CATALOGUE_DB", "portal_bench_catalogue")
WARDS = int(os.environ.get("BENCH_WARDS", "20"))
ENV = {
    **os.environ,
    "DATABASE_URL": f"{PG}/{DB}",
    "REDIS_URL": os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/5"),
    "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
    "DEBUG": "0",
    "ALLOWED_HOSTS": ".example.gov.vn",
    "LOG_LEVEL": "WARNING",
}


def provision():
    subprocess.run(["dropdb", "--if-exists", "--maintenance-db", f"{PG}/postgres", DB], check=True)
    subprocess.run(["createdb", "--maintenance-db", f"{PG}/postgres", DB], check=True)
    LOG.parent.mkdir(exist_ok=True)
    lines = CSV.read_text(encoding="utf-8").splitlines(keepends=True)
    rows = CSV.parent / f".bench-{WARDS}-wards.csv"
    rows.write_text("".join(lines[: WARDS + 1]), encoding="utf-8")
    try:
        with LOG.open("w") as log:
            for command in (["migrate", "--noinput"], ["add_ward", "--csv", str(rows)]):
                started = time.perf_counter()
                subprocess.run(
                    [PYTHON, "manage.py", *command],
                    cwd=ROOT,
                    env=ENV,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    check=True,
                )
                print(f"{command[0]}: {time.perf_counter() - started:.0f} s")
    finally:
        rows.unlink()


def measure():
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    from tthc import catalogue as reader
    from tthc import sync
    from tthc.models import ProcedureIndexPage, ProcedurePage

    queries = [0]

    def count(execute, sql, params, many, context):
        queries[0] += 1
        return execute(sql, params, many, context)

    ward_times = []
    update_ward = sync._update_ward

    def timed_ward(*args, **kwargs):
        started = time.perf_counter()
        try:
            return update_ward(*args, **kwargs)
        finally:
            ward_times.append(time.perf_counter() - started)

    sync._update_ward = timed_ward
    wards = ProcedureIndexPage.objects.count()
    print(f"{wards} wards with a procedures pillar")
    first = reader.read_file(CATALOGUE)
    changed = copy.deepcopy(first)
    for item in changed.items[:5]:
        item["fees"] = [*item["fees"], {"label": "Phí bản sao", "amount_vnd": 3000, "note": None}]
    for label, catalogue, options, pages in [
        ("first load, published", first, {"publish_new": True}, lambda: len(first.items) * wards),
        ("5 procedures changed", changed, {}, lambda: 5 * wards),
    ]:
        ward_times.clear()
        queries[0] = 0
        started = time.perf_counter()
        with connection.execute_wrapper(count):
            run = sync.sync_from_items(catalogue, **options)
        elapsed = time.perf_counter() - started
        if run.status != "success":
            sys.exit(f"{label}: {run.status} {run.message}")
        n = pages()
        print(
            f"{label:<24} {elapsed:7.1f} s for {n} pages: {elapsed / n:.3f} s and "
            f"{queries[0] / n:.0f} queries a page; longest ward transaction "
            f"{max(ward_times):.1f} s ({run.summary()})"
        )
    print(f"procedure pages in the database: {ProcedurePage.objects.count()}")


if __name__ == "__main__":
    if "--reuse" not in sys.argv:
        provision()
    measure()

"""Benchmark: Hanoi's 126 wards on one install (issue 19).

    .venv/bin/python bench/wards.py            # a fresh scratch database, provisioned from the CSV
    .venv/bin/python bench/wards.py --reuse    # measure the database of the last run again

1. Makes the scratch PostgreSQL database BENCH_WARDS_DB (dropped first), migrates it and
   provisions the 126 wards of docs/examples/wards-hanoi.csv with `manage.py add_ward --csv`;
   prints the time it took and the database's size (pg_database_size) before and after.
   Then publishes the demo procedure catalogue into every ward (`sync_procedures --file
   tthc/demo/catalogue.json --publish-new`; BENCH_CATALOGUE=0 leaves it out), timed, so that
   the procedure lists hold procedures (5,166 pages: about 25 minutes on two shared cores).
2. In this process (django.test.Client, no network), compares public pages of the 126th
   ward with the first ward's: the home page and the procedure list, warm (what the shared
   cache keeps between requests, as in production) and cold (the cache emptied before each
   request). For each it prints the SQL queries of one request (they must be equal: the
   script exits with an error otherwise) and the median time of BENCH_REQUESTS requests,
   alternated first/last so that drift hits both alike, and their ratio (target: within 10 %).

Environment: BENCH_PG (postgres://postgres@127.0.0.1:5432), BENCH_WARDS_DB
(portal_bench_wards), BENCH_REDIS (redis://127.0.0.1:6379/5), BENCH_REQUESTS (50).
add_ward's own output goes to var/bench-wards.log.
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
CSV = ROOT / "docs" / "examples" / "wards-hanoi.csv"
LOG = ROOT / "var" / "bench-wards.log"
CATALOGUE = ROOT / "tthc" / "demo" / "catalogue.json"
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB = os.environ.get("BENCH_WARDS_DB", "portal_bench_wards")
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "50"))
PATHS = ["/", "/thu-tuc-hanh-chinh/"]
TARGET = 1.10
ENV = {
    **os.environ,
    "DATABASE_URL": f"{PG}/{DB}",
    "REDIS_URL": os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/5"),
    "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
    "DEBUG": "0",
    "ALLOWED_HOSTS": ".example.gov.vn",
    "LOG_LEVEL": "WARNING",
}


def database_size():
    out = subprocess.run(
        [
            "psql",
            f"{PG}/{DB}",
            "-Atc",
            "select pg_size_pretty(pg_database_size(current_database()))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def provision():
    subprocess.run(["dropdb", "--if-exists", "--maintenance-db", f"{PG}/postgres", DB], check=True)
    subprocess.run(["createdb", "--maintenance-db", f"{PG}/postgres", DB], check=True)
    LOG.parent.mkdir(exist_ok=True)
    with LOG.open("w") as log:
        started = time.perf_counter()
        subprocess.run(
            [PYTHON, "manage.py", "migrate", "--noinput"],
            cwd=ROOT,
            env=ENV,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
        )
        print(f"migrated in {time.perf_counter() - started:.0f} s; database {database_size()}")
        started = time.perf_counter()
        subprocess.run(
            [PYTHON, "manage.py", "add_ward", "--csv", str(CSV)],
            cwd=ROOT,
            env=ENV,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
        )
        elapsed = time.perf_counter() - started
    summary = LOG.read_text(encoding="utf-8").strip().splitlines()[-1]
    print(f"add_ward --csv: {summary}")
    print(f"126 wards provisioned in {elapsed:.0f} s ({elapsed / 126:.1f} s a ward)")
    print(f"database size after provisioning: {database_size()}")
    if os.environ.get("BENCH_CATALOGUE", "1") == "1":
        # The demo catalogue, published: every ward's procedure list gets its procedures.
        started = time.perf_counter()
        with LOG.open("a") as log:
            subprocess.run(
                [PYTHON, "manage.py", "sync_procedures", "--file", str(CATALOGUE), "--publish-new"],
                cwd=ROOT,
                env=ENV,
                stdout=log,
                stderr=subprocess.STDOUT,
                check=True,
            )
        elapsed = time.perf_counter() - started
        print(f"demo catalogue published into every ward in {elapsed:.0f} s")
        print(f"database size with the catalogue: {database_size()}")


def compare():
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from content.models import WardSettings

    wards = list(WardSettings.objects.select_related("site").order_by("site_id"))
    print(f"{len(wards)} wards in the database")
    first, last = wards[0].site, wards[-1].site
    client = Client()

    def get(site, path):
        response = client.get(path, HTTP_HOST=site.hostname)
        if response.status_code != 200:
            sys.exit(f"{site.hostname}{path}: answered {response.status_code}")

    def measure(path, label, prepare):
        """Queries of one request, and the median of REQUESTS requests, for both wards;
        ``prepare`` runs before each request (untimed)."""
        for site in (first, last):  # once unmeasured: the process's own memory follows suit
            prepare()
            get(site, path)
        queries = {}
        for site in (first, last):
            prepare()
            with CaptureQueriesContext(connection) as captured:
                get(site, path)
            queries[site.pk] = len(captured)
        times = {first.pk: [], last.pk: []}
        for _ in range(REQUESTS):
            for site in (first, last):
                prepare()
                started = time.perf_counter()
                get(site, path)
                times[site.pk].append(time.perf_counter() - started)
        median_first = statistics.median(times[first.pk]) * 1000
        median_last = statistics.median(times[last.pk]) * 1000
        ratio = median_last / median_first
        same = queries[first.pk] == queries[last.pk]
        print(
            f"{path:<22} {label:<5} queries first {queries[first.pk]:>3}, last "
            f"{queries[last.pk]:>3} ({'equal' if same else 'DIFFERENT'}); median of {REQUESTS}: "
            f"first {median_first:.1f} ms, last {median_last:.1f} ms, ratio {ratio:.2f} "
            f"({'within' if ratio <= TARGET else 'over'} the 10 % target)"
        )
        return same

    failed = False
    print(f"first ward: {wards[0].ward_name} ({first.hostname})")
    print(f"last ward:  {wards[-1].ward_name} ({last.hostname})")
    for path in PATHS:
        for site in (first, last):
            for _ in range(3):  # warm: caches, the site look-up, templates
                get(site, path)
        # warm: what the shared cache keeps between requests (as in production);
        # cold: the cache emptied before each request, so every part is built again.
        failed = not measure(path, "warm", lambda: None) or failed
        failed = not measure(path, "cold", cache.clear) or failed
    if failed:
        sys.exit("the last ward's pages do not run the first ward's queries")


if __name__ == "__main__":
    if "--reuse" not in sys.argv:
        provision()
    compare()

"""Benchmark: the city's dashboard (/so-lieu/ on the city's own site) at 10 and at 126 wards.

    .venv/bin/python bench/city_dashboard.py            # a fresh scratch database
    .venv/bin/python bench/city_dashboard.py --reuse    # the database of the last run

Makes the scratch PostgreSQL database BENCH_CITY_DB (dropped first) and migrates it, then
provisions the city's own site (``content.provisioning``, kind «thành phố») and light wards:
each a site, its settings, its home and /so-lieu/, and the demo readings of a light ward of
``seed_demo --wards N`` (``dashboard.demo.seed_light``: 17 months, each ward of its own size
and rates). That is all the city's dashboard reads of a ward; the wards' other pages (which
`add_ward` makes, a few seconds a ward) are left out to keep the run short.

At 10 wards, then at 126, prints for the city's page (default period, and 12 months sorted by
a column) and for one ward's own dashboard (which now reads every ward for its ranks): the
SQL queries of one request, the HTML size raw and gzip, and the median time of BENCH_REQUESTS
requests (in process, django.test.Client, warm caches). The queries must not grow with the
number of wards and the city's HTML must stay under 150 KB raw: the script exits with an error
otherwise. Figures are printed, never asserted beyond that.

Environment: BENCH_PG (postgres://postgres@127.0.0.1:5432), BENCH_CITY_DB
(portal_bench_city), BENCH_REDIS (redis://127.0.0.1:6379/5), BENCH_REQUESTS (10).
"""

import gzip
import logging
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB = os.environ.get("BENCH_CITY_DB", "portal_bench_city")
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "10"))
SIZES = (10, 126)
MAX_HTML = 150 * 1000
CITY_HOST = "thanh-pho.bench.localhost"
CITY_URLS = [
    ("city, latest month", "/so-lieu/"),
    ("city, 12 months by online rate", "/so-lieu/?tu=2025-12&den=2026-11&sap-xep=-online_rate"),
]


def scratch_database():
    subprocess.run(["dropdb", "--if-exists", "--maintenance-db", f"{PG}/postgres", DB], check=True)
    subprocess.run(["createdb", "--maintenance-db", f"{PG}/postgres", DB], check=True)


def setup_django():
    os.environ.update(
        {
            "DATABASE_URL": f"{PG}/{DB}",
            "REDIS_URL": os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/5"),
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DEBUG": "0",
            "ALLOWED_HOSTS": ".localhost",
            "LOG_LEVEL": "WARNING",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    logging.disable(logging.WARNING)


def ensure_city():
    from content import ward_pages
    from content.models import WardSettings
    from content.provisioning import WardRow, provision_ward

    if not WardSettings.objects.filter(is_city=True).exists():
        provision_ward(WardRow(name="Hà Nội", kind=ward_pages.CITY, hostname=CITY_HOST, port=80))


def ensure_wards(count):
    from django.db import transaction
    from wagtail.models import Page, Site

    from content import ward_pages
    from content.models import HomePage, WardSettings
    from dashboard.demo import seed_light

    root = Page.get_first_root_node()
    made = WardSettings.objects.filter(is_city=False).count()
    started = time.perf_counter()
    for number in range(made + 1, count + 1):
        with transaction.atomic():
            name = f"Phường Thử {number}"
            home = root.add_child(instance=HomePage(title=name, slug=f"phuong-thu-{number}"))
            site = Site.objects.create(
                hostname=f"phuong-{number}.bench.localhost", port=80, root_page=home, site_name=name
            )
            WardSettings.objects.create(site=site, ward_name=name, is_demo=True)
            ward_pages.ensure_child(home, "dashboard.DashboardPage", "so-lieu", title="Số liệu")
            seed_light(site, number)
    if count > made:
        elapsed = time.perf_counter() - started
        print(f"{count - made} light wards made in {elapsed:.0f} s")


def measure(label, host, path):
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    client = Client()
    cache.clear()
    client.get(path, HTTP_HOST=host)  # warm: Wagtail's site cache, the settings cache
    captured = []

    def count(execute, sql, params, many, context):
        captured.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        response = client.get(path, HTTP_HOST=host)
    if response.status_code != 200:
        sys.exit(f"{host}{path}: answered {response.status_code}")
    html = response.content
    if os.environ.get("BENCH_SQL"):
        print("\n".join(f"    {sql[:150]}" for sql in captured))
    times = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        client.get(path, HTTP_HOST=host)
        times.append(time.perf_counter() - started)
    print(
        f"  {label:<34} {len(captured):>3} queries  HTML {len(html) / 1000:6.1f} KB raw, "
        f"{len(gzip.compress(html)) / 1000:5.1f} KB gzip  median {statistics.median(times) * 1000:5.0f} ms"
    )
    return len(captured), len(html)


def main():
    if "--reuse" not in sys.argv:
        scratch_database()
    setup_django()
    from django.core.management import call_command

    from dashboard.models import Reading

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrated in {time.perf_counter() - started:.0f} s")
    ensure_city()
    results = {}
    for size in SIZES:
        ensure_wards(size)
        print(f"{size} wards, {Reading.objects.count()} readings:")
        results[size] = [measure(label, CITY_HOST, path) for label, path in CITY_URLS]
        results[size].append(
            measure("ward 1's own dashboard (ranks)", "phuong-1.bench.localhost", "/so-lieu/")
        )
    small, large = results[SIZES[0]], results[SIZES[-1]]
    failed = False
    for (label, _), (queries_small, _), (queries_large, _) in zip(
        [*CITY_URLS, ("ward", "")], small, large, strict=True
    ):
        if queries_large != queries_small:
            print(
                f"FAIL {label}: {queries_small} queries at {SIZES[0]} wards, {queries_large} at {SIZES[-1]}"
            )
            failed = True
    for (label, _), (_, html) in zip(CITY_URLS, large, strict=False):
        if html >= MAX_HTML:
            print(f"FAIL {label}: {html / 1000:.1f} KB of HTML at {SIZES[-1]} wards (limit 150 KB)")
            failed = True
    if failed:
        sys.exit(1)
    print("queries equal at both sizes; the city's HTML under 150 KB raw")


if __name__ == "__main__":
    main()

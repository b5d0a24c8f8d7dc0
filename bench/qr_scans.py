"""Benchmark: a burst of 1,000 QR scans, place-tagged, and how long each redirect takes.

In process, through Django's test client (the whole middleware stack, no network), on the
configured database; it migrates and seeds the demo ward if the database is empty:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \\
        REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/python bench/qr_scans.py

Against a running server (gunicorn, `make web`), over HTTP, with some threads at once:

    .venv/bin/python bench/qr_scans.py --url http://127.0.0.1:8000 --threads 8

Each scan asks for /q/<code>/<place> (76 residential groups, the desk, the cultural houses,
and every tenth scan untagged) and must answer 302. Prints the median, 95th percentile and
slowest redirect, and checks that the counts grew by exactly the number of scans (in-process
mode, or when the server shares the database). Figures are printed, never asserted.
"""

import argparse
import http.client
import io
import logging
import os
import statistics
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()
logging.disable(logging.INFO)  # seeding logs every page it creates

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Sum  # noqa: E402
from django.test import Client  # noqa: E402

from content.models import HomePage, Place, ShortLink, ShortLinkScan, StandardPage  # noqa: E402


def prepare():
    call_command("migrate", verbosity=0)
    if not HomePage.objects.exists():
        call_command("seed_demo", "--without", "thu-tuc-hanh-chinh", stdout=io.StringIO())
    page = StandardPage.objects.live().filter(short_link__isnull=False).first()
    link = ShortLink.objects.get(page=page)
    places = list(Place.objects.filter(site_id=link.site_id).values_list("code", flat=True))
    return link, places


def paths(link, places, count):
    for n in range(count):
        if n % 10 == 9:
            yield f"/q/{link.code}"
        else:
            yield f"/q/{link.code}/{places[n % len(places)]}"


def in_process(all_paths, host):
    client = Client(HTTP_HOST=host)
    timings = []
    for path in all_paths:
        started = time.perf_counter()
        response = client.get(path)
        timings.append(time.perf_counter() - started)
        if response.status_code != 302:
            sys.exit(f"{path} answered {response.status_code}, not a redirect")
    return timings


def over_http(all_paths, base_url, threads):
    url = urllib.parse.urlsplit(base_url)
    connection_class = (
        http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
    )

    def run(chunk):
        conn = connection_class(url.hostname, url.port, timeout=10)
        timings = []
        for path in chunk:
            started = time.perf_counter()
            conn.request("GET", path, headers={"Host": url.netloc})
            response = conn.getresponse()
            response.read()
            timings.append(time.perf_counter() - started)
            if response.status != 302:
                raise SystemExit(f"{path} answered {response.status}, not a redirect")
        conn.close()
        return timings

    chunks = [all_paths[i::threads] for i in range(threads)]
    with ThreadPoolExecutor(threads) as pool:
        return [t for timings in pool.map(run, chunks) for t in timings]


def scans_total(link):
    return ShortLinkScan.objects.filter(link=link).aggregate(total=Sum("count"))["total"] or 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scans", type=int, default=1000)
    parser.add_argument("--url", help="base URL of a running server (default: in process)")
    parser.add_argument("--threads", type=int, default=4, help="with --url")
    parser.add_argument("--host", default="localhost", help="Host header in process")
    args = parser.parse_args()

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    link, places = prepare()
    all_paths = list(paths(link, places, args.scans))
    before = scans_total(link)
    started = time.perf_counter()
    if args.url:
        print(f"{args.scans} scans of /q/{link.code}/… at {args.url}, {args.threads} threads")
        timings = over_http(all_paths, args.url, args.threads)
    else:
        print(f"{args.scans} scans of /q/{link.code}/… in process (test client)")
        timings = in_process(all_paths, args.host)
    elapsed = time.perf_counter() - started
    timings.sort()
    ms = [t * 1000 for t in timings]
    p95 = ms[max(0, int(len(ms) * 0.95) - 1)]
    print(
        f"redirect time: median {statistics.median(ms):.2f} ms, p95 {p95:.2f} ms, "
        f"slowest {ms[-1]:.2f} ms; {len(ms) / elapsed:.0f} scans/s over {elapsed:.2f} s"
    )
    counted = scans_total(link) - before
    places_counted = ShortLinkScan.objects.filter(link=link, place__isnull=False).values("place")
    print(
        f"counted: {counted} of {args.scans} scans, at {places_counted.distinct().count()} "
        f"places (+ untagged) — "
        + ("all counted" if counted == args.scans else "MISSING OR EXTRA COUNTS")
    )


if __name__ == "__main__":
    main()

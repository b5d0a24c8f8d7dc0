"""Benchmark: the weight of the public dashboard (/so-lieu/) and how long it takes to render.

In process, through Django's test client, on the configured database; it migrates and seeds
the demo ward if the database is empty (the demo holds 17 months of readings):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \\
        REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/python bench/dashboard.py

Prints, for the default period, a 12-month period and the baseline of seed 000: the HTML size
(raw and gzip-compressed, as a phone on a slow connection receives it), the size of the
stylesheets the page links, the number of SVG charts and data tables, the queries, and the
median and 95th percentile render time over 30 requests. Figures are printed, never asserted.
"""

import gzip
import logging
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")

import django  # noqa: E402

django.setup()
logging.disable(logging.INFO)

from django.contrib.staticfiles import finders  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from content.models import HomePage  # noqa: E402

RUNS = 30
URLS = [
    ("default period (latest month)", "/so-lieu/"),
    ("12 months", "/so-lieu/?tu=2025-12&den=2026-11"),
    ("baseline Jul–Nov 2025", "/so-lieu/?tu=2025-07&den=2025-11"),
]


def prepare():
    call_command("migrate", verbosity=0)
    if not HomePage.objects.exists():
        call_command("seed_demo", verbosity=0)


def stylesheet_bytes(html):
    total = 0
    for href in re.findall(r'<link rel="stylesheet" href="/static/([^"?]+)', html):
        path = finders.find(href)
        if path:
            total += len(gzip.compress(Path(path).read_bytes()))
    return total


def main():
    prepare()
    client = Client(SERVER_NAME="localhost")
    for label, url in URLS:
        client.get(url)  # warm caches
        timings = []
        for _ in range(RUNS):
            start = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        html = response.content
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        text = html.decode()
        charts = text.count('class="chart__svg"')
        script = "no script" if "<script" not in text else "with script"
        print(f"{label}: {url}")
        print(
            f"  HTML {len(html) / 1024:.1f} KiB, gzip {len(gzip.compress(html)) / 1024:.1f} KiB; "
            f"stylesheets gzip {stylesheet_bytes(text) / 1024:.1f} KiB; {script}"
        )
        print(f"  {charts} SVG charts, {text.count('<table')} tables, {len(queries)} queries")
        timings.sort()
        print(
            f"  render median {statistics.median(timings):.1f} ms, "
            f"p95 {timings[int(len(timings) * 0.95) - 1]:.1f} ms over {RUNS} requests"
        )


if __name__ == "__main__":
    main()

"""Benchmark: sync 600 procedures from a local HTTP server, then sync them again.

Run on a fresh scratch database (it creates its own ward):

    dropdb -h 127.0.0.1 -U postgres --if-exists portal_bench
    createdb -h 127.0.0.1 -U postgres portal_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench \
        REDIS_URL=redis://127.0.0.1:6379/3 .venv/bin/python bench/sync_procedures.py

Prints the time of the first run (600 new procedures, one page each, published), the second
(nothing changed), and a third in which 60 procedures changed their fee (60 revisions sent to
the workflow).
"""

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
logging.disable(logging.INFO)  # Wagtail logs every page it creates

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from tests.catalogue_items import many  # noqa: E402
from tests.upstream_server import UpstreamServer  # noqa: E402

COUNT = int(os.environ.get("BENCH_PROCEDURES", "600"))


def main():
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    from tthc import sync
    from tthc.models import Procedure

    if Procedure.objects.exists():
        sys.exit("Needs a fresh database (dropdb/createdb portal_bench): procedures exist.")
    call_command("seed_demo", "--without", "thu-tuc-hanh-chinh", stdout=io.StringIO())

    items = many(COUNT)
    with UpstreamServer() as upstream:
        upstream.serve(items, page_size=100)
        for label, publish_new in [
            ("first run (all new)", True),
            ("second run (unchanged)", False),
        ]:
            started = time.perf_counter()
            run = sync.sync_from_url(upstream.url, publish_new=publish_new, retries=0)
            elapsed = time.perf_counter() - started
            print(f"{label:<28} {elapsed:7.2f} s  {run.summary()}")
        changed = [
            {**value, "fees": [{"label": "Lệ phí", "amount_vnd": 99000, "note": None}]}
            if n % 10 == 0
            else value
            for n, value in enumerate(items)
        ]
        upstream.serve(changed, page_size=100)
        started = time.perf_counter()
        run = sync.sync_from_url(upstream.url, retries=0)
        elapsed = time.perf_counter() - started
        print(f"{'third run (10% changed)':<28} {elapsed:7.2f} s  {run.summary()}")


if __name__ == "__main__":
    main()

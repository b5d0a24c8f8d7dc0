"""Benchmark: the portal as it grows, the demo ward and a large ward side by side in one run.

The large ward is bench/search.py's data set (2,500 procedures, 200 FAQ answers, 3,000
articles, on top of the demo ward without its own procedures). Each data set has its own
scratch PostgreSQL database, made and seeded on the first run and kept for the next ones:

    .venv/bin/python bench/growth.py

Both are served at once by gunicorn with the production settings and portal/gunicorn.conf.py
(as `make web` runs it), on PostgreSQL and Redis, and measured in alternated rounds (demo,
large, demo, large…) so that the machine's drift hits both alike. Prints, for each data set:

- req/s (wrk, BENCH_CONNECTIONS connections, BENCH_SECONDS per round, median of
  BENCH_ROUNDS rounds) and SQL queries per request of the home page, the procedure list, a
  procedure page and a search;
- the search page's median and 95th percentile over bench/search.py's queries, one at a time;
- 50 reports sent at the same moment by 50 citizens (each from its own address, through the
  form as a browser does): how many were stored and the 95th percentile of their answers.

Environment: BENCH_DEMO_DB (portal_bench_demo), BENCH_LARGE_DB (portal_bench_search, the
database bench/search.py uses), BENCH_REDIS (redis://127.0.0.1:6379/5; the large ward uses
the next database number), BENCH_PORT (19100; the large ward the next one).
Needs wrk (Debian's package `wrk`).
"""

import json
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
HOST = "localhost"
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
REPORTS = int(os.environ.get("BENCH_REPORTS", "50"))
SEARCH = "/tim-kiem/?q=dang+ky+khai+sinh"
FORM = "/phan-anh-kien-nghi/gui/"
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "bench-only-key-k8Jm2vQx9Lp4Rt7Wz1Nc5Hb3Fd6Gs0Ay8Ue2Io4Pq7Vr1Xt3Zm5Kn9",
    "ALLOWED_HOSTS": HOST,
    "CSRF_TRUSTED_ORIGINS": f"https://{HOST}",
    "WAGTAILADMIN_BASE_URL": f"https://{HOST}",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "DEFAULT_FROM_EMAIL": "bench@localhost",
    "FORWARDED_ALLOW_IPS": "127.0.0.1",
    "LOG_LEVEL": "WARNING",
}
# What the front sends: the request came over HTTPS (production redirects plain HTTP).
HEADERS = {"Host": HOST, "X-Forwarded-Proto": "https"}


def data_sets():
    redis = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/5")
    base, number = redis.rsplit("/", 1)
    port = int(os.environ.get("BENCH_PORT", "19100"))
    names = [
        ("demo ward", os.environ.get("BENCH_DEMO_DB", "portal_bench_demo"), "demo"),
        ("large ward", os.environ.get("BENCH_LARGE_DB", "portal_bench_search"), "large"),
    ]
    return [
        {
            "label": label,
            "kind": kind,
            "port": port + i,
            "url": f"http://127.0.0.1:{port + i}",
            "env": {
                **os.environ,
                **PRODUCTION,
                "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{db}",
                "REDIS_URL": f"{base}/{int(number) + i}",
                "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
                "FEEDBACK_PHOTO_ROOT": str(ROOT / "var" / f"bench-feedback-{kind}"),
            },
            "db": db,
        }
        for i, (label, db, kind) in enumerate(names)
    ]


# --- In a child process, on one data set's database ------------------------------------------


def child(mode, kind):
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    import io
    import logging

    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    logging.disable(logging.WARNING)
    if mode == "prepare":
        call_command("migrate", verbosity=0)
        if kind == "large":
            sys.path.insert(0, str(ROOT / "bench"))
            import search

            if search.build():
                from sitesearch.indexing import rebuild

                rebuild()
        else:
            call_command("seed_demo", "--if-empty", stdout=io.StringIO())
        # What autovacuum does after a bulk load: without statistics the planner expects one
        # row and picks nested loops over thousands.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        return
    from feedback.models import FeedbackReport
    from tthc.models import ProcedurePage

    if mode == "reports":
        print(json.dumps(FeedbackReport.objects.count()))
        return
    procedure = ProcedurePage.objects.live().order_by("-cases_per_month", "pk").first()
    urls = {
        "home": "/",
        "procedure list": "/thu-tuc-hanh-chinh/",
        "procedure page": procedure.url,
        "search": SEARCH,
    }
    client = Client(HTTP_HOST=HOST)
    counts = {}
    for name, url in urls.items():
        client.get(url, secure=True)  # warm the per-process caches
        with CaptureQueriesContext(connection) as captured:
            status = client.get(url, secure=True).status_code
        assert status == 200, (url, status)
        counts[name] = len(captured)
    print(json.dumps({"urls": urls, "queries": counts}))


def run_child(data, mode):
    done = subprocess.run(
        [PYTHON, __file__, f"--{mode}", data["kind"]],
        cwd=ROOT,
        env=data["env"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        sys.exit(f"{data['label']}: {mode} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout) if mode != "prepare" else None


# --- The servers and the load -----------------------------------------------------------------


def ensure_database(name):
    exists = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{name}'",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)


def start_server(data):
    log = open(ROOT / "var" / f"bench-growth-{data['kind']}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "--config",
            "portal/gunicorn.conf.py",
            "portal.wsgi:application",
        ],
        cwd=ROOT,
        env={**data["env"], "BIND": f"127.0.0.1:{data['port']}"},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if fetch(opener(), f"{data['url']}/healthz")[0] == 200:
                return process
        except OSError:
            time.sleep(0.3)
    sys.exit(f"{data['label']}: gunicorn did not start (var/bench-growth-{data['kind']}.log)")


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def wrk(url, seconds=SECONDS):
    args = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s"]
    for name, value in HEADERS.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run(args + [url], capture_output=True, text=True, check=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        sys.exit(f"{url}: {non_2xx[1]} failed answers under load")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def opener():
    return urllib.request.build_opener(NoRedirect)


def fetch(open_, url, data=None, headers=None):
    """(status, body, Set-Cookie values) of one request, redirects not followed."""
    request = urllib.request.Request(url, data=data, headers={**HEADERS, **(headers or {})})
    try:
        with open_.open(request, timeout=60) as response:
            return (
                response.status,
                response.read().decode(),
                response.headers.get_all("Set-Cookie") or [],
            )
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), error.headers.get_all("Set-Cookie") or []


def search_latency(data):
    sys.path.insert(0, str(ROOT / "bench"))
    queries = [
        "dang ky khai sinh",
        "Đăng ký khai sinh",
        "ĐĂNG KÍ KẾT HÔN",
        "giay phep xay dung",
        "tạm trú",
        "ho kinh doanh",
        "chứng thực bản sao",
        "1.001193",
        "125/2025/KH-UBND",
        "lich tiem chung",
        "khai sinhh",
        "may bay truc thang",
        "dang ky",
        "thu tuc",
    ]
    open_ = opener()
    times = []
    for query in queries:
        url = f"{data['url']}/tim-kiem/?q={urllib.parse.quote(query)}"
        fetch(open_, url)
        for _ in range(5):
            started = time.perf_counter()
            status = fetch(open_, url)[0]
            times.append((time.perf_counter() - started) * 1000)
            assert status == 200, (url, status)
    return statistics.median(times), statistics.quantiles(times, n=20)[-1]


def submissions(data):
    """REPORTS citizens open the form, then all send at the same moment."""
    before = run_child(data, "reports")
    citizens = []
    for n in range(REPORTS):
        open_ = opener()
        address = f"10.{n // 250}.{n % 250}.{n % 200 + 1}"
        status, html, cookies = fetch(
            open_, data["url"] + FORM, headers={"X-Forwarded-For": address}
        )
        assert status == 200, status
        fields = dict(re.findall(r'name="(csrfmiddlewaretoken|token)" value="([^"]+)"', html))
        category = re.search(r'name="category"[\s\S]*?value="(\d+)"', html)
        fields.update(
            {
                "category": category[1],
                "urgency": "thuong",
                "description": f"Rác thải ứ đọng ở đầu ngõ {n} nhiều ngày, đề nghị phường thu gom.",
                "consent": "on",
            }
        )
        # The CSRF cookie is Secure (the front speaks HTTPS): sent by hand over loopback HTTP.
        cookie = "; ".join(c.split(";", 1)[0] for c in cookies)
        body = urllib.parse.urlencode(fields).encode()
        citizens.append((open_, address, cookie, body))
    barrier = threading.Barrier(REPORTS)
    times, statuses = [], []

    def send(open_, address, cookie, body):
        barrier.wait()
        started = time.perf_counter()
        status = fetch(
            open_,
            data["url"] + FORM,
            body,
            {
                "X-Forwarded-For": address,
                "Cookie": cookie,
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": f"https://{HOST}",
                "Referer": f"https://{HOST}{FORM}",
            },
        )[0]
        times.append(time.perf_counter() - started)
        statuses.append(status)

    threads = [threading.Thread(target=send, args=c) for c in citizens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stored = run_child(data, "reports") - before
    ok = sum(1 for s in statuses if s == 302)
    if ok < REPORTS:
        print(f"{data['label']}: answers to the reports: {sorted(set(statuses))}", flush=True)
    return stored, ok, statistics.quantiles(times, n=20)[-1] * 1000


def main():
    (ROOT / "var").mkdir(exist_ok=True)
    sets = data_sets()
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=sets[0]["env"],
        check=True,
    )
    for data in sets:
        ensure_database(data["db"])
        print(f"preparing {data['label']} ({data['db']})…", flush=True)
        run_child(data, "prepare")
        data.update(run_child(data, "queries"))
    servers = [start_server(data) for data in sets]
    try:
        rates = {data["kind"]: {name: [] for name in data["urls"]} for data in sets}
        for data in sets:  # warm every worker
            for url in data["urls"].values():
                wrk(data["url"] + url, seconds=1)
        for _ in range(ROUNDS):
            for name in sets[0]["urls"]:
                for data in sets:
                    rates[data["kind"]][name].append(wrk(data["url"] + data["urls"][name]))
        latency = {data["kind"]: search_latency(data) for data in sets}
        reports = {data["kind"]: submissions(data) for data in sets}
    finally:
        for server in servers:
            stop(server)

    demo, large = sets
    print()
    print(
        f"wrk: {CONNECTIONS} connections, {SECONDS} s a round, median of {ROUNDS} alternated rounds"
    )
    print(f"{'':<18} {demo['label']:>22} {large['label']:>22} {'cost ratio':>11}")
    print(f"{'':<18} {'req/s':>10} {'queries':>11} {'req/s':>10} {'queries':>11}")
    for name in demo["urls"]:
        d = statistics.median(rates["demo"][name])
        g = statistics.median(rates["large"][name])
        print(
            f"{name:<18} {d:>10.1f} {demo['queries'][name]:>11} {g:>10.1f}"
            f" {large['queries'][name]:>11} {d / g:>10.2f}×"
        )
    print()
    for data in sets:
        median, p95 = latency[data["kind"]]
        stored, ok, p95_reports = reports[data["kind"]]
        print(
            f"{data['label']:<11} search one at a time: median {median:.0f} ms, p95 {p95:.0f} ms"
            f" | {REPORTS} reports at once: {stored} stored, {ok} answered with the receipt,"
            f" p95 {p95_reports:.0f} ms"
        )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1].startswith("--"):
        child(sys.argv[1][2:], sys.argv[2])
    else:
        main()

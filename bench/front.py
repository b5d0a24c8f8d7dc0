"""The caching front against gunicorn, against a static file and against the commit before
the front (issue 17), side by side in one run.

    . ./bench.env   # the production variables, DATABASE_URL of a seeded demo ward, REDIS_URL
    .venv/bin/python bench/front.py

Starts the stack (bin/stack.py, in var/bench-front) and, from a git worktree of BENCH_BASE
(the commit the issue was measured on), that commit's gunicorn on the same database. Saves the
home page's HTML into STATIC_ROOT so nginx serves it as a plain file, and prints for home, a
procedure page and the procedure list, in alternated rounds (median of BENCH_ROUNDS): req/s
through the front (cache hit), through the front with a session cookie (bypass: gunicorn
renders), of gunicorn directly (today's and the base commit's, same worker count), of the
static file, and the ratios. Then publishes a new revision of a live page as an editor does
and prints how long until an anonymous request through the front shows it, and publishes an
emergency notice that starts and ends a few seconds later and prints how long after its start
the banner shows through the front and how long after its end it is gone. Stops everything.

Needs wrk (Debian's package).
"""

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench-front"
PORT = int(os.environ.get("BENCH_PORT", 8090))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 3))
SECONDS = int(os.environ.get("BENCH_SECONDS", 5))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", 32))
HOST = os.environ.get("BENCH_HOST", "localhost")
BASE = os.environ.get("BENCH_BASE", "a799a56")
BASE_PORT = PORT + 10
WORKERS = {"WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", "2"), "WEB_THREADS": "1"}
ENV = {
    **os.environ,
    **WORKERS,
    "PORT": str(PORT),
    "STACK_VAR": str(VAR),
    "STATIC_ROOT": str(VAR / "static"),
}


def wrk(url, *headers):
    args = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "-H", f"Host: {HOST}"]
    for header in headers:
        args += ["-H", header]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in out:
        sys.exit(f"{url}: failed answers under load\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])


def get(path, port=PORT, **headers):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", headers={"Host": HOST, **headers}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return dict(response.headers), response.read().decode()


def stack(action):
    subprocess.run(
        [sys.executable, "bin/stack.py", action], cwd=ROOT, env=ENV, check=True, capture_output=True
    )


def shell_process(code):
    """``manage.py shell -c code`` with the stack's production settings, running."""
    env = {
        **ENV,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECURE_SSL_REDIRECT": "0",
    }
    env["FRONT_CACHE_PURGE_URL"] = f"http://127.0.0.1:{PORT + 2}/_purge"
    env["FRONT_CACHE_DIR"] = str(VAR / "stack" / "cache")
    return subprocess.Popen(
        [sys.executable, "manage.py", "shell", "-v0", "-c", code],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def manage_shell(code):
    process = shell_process(code)
    out, err = process.communicate()
    if process.returncode:
        sys.exit(err)
    return out.strip().splitlines()[-1]


def start_base():
    """The base commit's gunicorn on BASE_PORT, from a worktree (its own Redis database)."""
    tree = Path(tempfile.gettempdir()) / f"portal-bench-base-{BASE}"
    if not tree.exists():
        subprocess.run(
            ["git", "worktree", "add", "--detach", str(tree), BASE], cwd=ROOT, check=True
        )
    subprocess.run(["git", "checkout", "-q", "--detach", BASE], cwd=tree, check=True)
    redis = ENV["REDIS_URL"].rsplit("/", 1)
    env = {
        **ENV,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": str(VAR / "base-static"),
        "REDIS_URL": f"{redis[0]}/{int(redis[1]) + 1}",
        "BIND": f"127.0.0.1:{BASE_PORT}",
    }
    python = str(ROOT / ".venv" / "bin" / "python")
    subprocess.run(
        [python, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=tree, env=env, check=True
    )
    log = open(VAR / "base.log", "w")  # noqa: SIM115 - open while the server runs
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "--config", "portal/gunicorn.conf.py"]
        + ["portal.wsgi:application"],
        cwd=tree,
        env=env,
        stdout=log,
        stderr=log,
    )
    for _ in range(100):
        try:
            get("/", port=BASE_PORT)
            return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    sys.exit(f"the base commit's gunicorn did not start: see {VAR / 'base.log'}")


def banner_timing():
    """Seconds from an emergency notice's start until the front shows its banner, and from its
    end until the banner is gone, with nobody publishing in between."""
    marker = f"Thử dải thông báo {time.time():.0f}"
    lead, length = 15, 20
    starts = float(
        manage_shell(
            "import time, datetime; from django.utils import timezone; "
            "from society.models import EmergencyIndexPage, EmergencyNoticePage; "
            "index = EmergencyIndexPage.objects.live().first(); now = timezone.now(); "
            f"n = index.add_child(instance=EmergencyNoticePage(title={marker!r}, "
            f"slug='thu-dai-thong-bao-{int(time.time())}', banner_message={marker!r}, "
            f"starts_at=now + datetime.timedelta(seconds={lead}), "
            f"ends_at=now + datetime.timedelta(seconds={lead + length}))); "
            f"n.save_revision().publish(); print(now.timestamp() + {lead})"
        )
    )
    ends = starts + length
    get("/")  # the page is cached before the notice starts
    while marker not in get("/")[1]:
        time.sleep(0.25)
    shown = time.time() - starts
    while marker in get("/")[1]:
        time.sleep(0.25)
    gone = time.time() - ends
    manage_shell(
        "from society.models import EmergencyNoticePage; "
        f"[p.delete() for p in EmergencyNoticePage.objects.filter(title={marker!r})]; print('ok')"
    )
    return shown, gone


def main():
    stack("start")
    base = start_base()
    try:
        _, home = get("/")
        (VAR / "static" / "bench-home.html").write_text(home)
        listing = "/thu-tuc-hanh-chinh/"
        procedure = manage_shell(
            "from tthc.models import ProcedurePage; "
            "print(ProcedurePage.objects.live().order_by('path').first().url)"
        )
        paths = {"home": "/", "procedure list": listing, "procedure page": procedure}
        kinds = ("hit", "bypass", "direct", "base", "static")
        results = {name: {kind: [] for kind in kinds} for name in paths}
        front = f"http://127.0.0.1:{PORT}"
        web = f"http://127.0.0.1:{PORT + 1}"
        old = f"http://127.0.0.1:{BASE_PORT}"
        for _ in range(ROUNDS):
            for name, path in paths.items():
                get(path)  # warm
                get(path, port=BASE_PORT)
                results[name]["hit"].append(wrk(front + path))
                results[name]["bypass"].append(wrk(front + path, "Cookie: sessionid=bench"))
                results[name]["direct"].append(wrk(web + path))
                results[name]["base"].append(wrk(old + path))
                results[name]["static"].append(wrk(front + "/static/bench-home.html"))
        if ROUNDS:  # BENCH_ROUNDS=0: only the publish and banner timings
            print(f"req/s, median of {ROUNDS} alternated rounds, wrk -c{CONNECTIONS} -d{SECONDS}s;")
            print(f"gunicorn {WORKERS['WEB_CONCURRENCY']} sync workers; base commit {BASE}")
            print(
                f"{'page':16} {'hit':>8} {'bypass':>8} {'direct':>8} {'base':>8} {'static':>8}"
                f" {'hit/static':>10} {'direct/base':>11}"
            )
            for name, r in results.items():
                hit, bypass, direct, old_rate, static = (statistics.median(r[k]) for k in kinds)
                print(
                    f"{name:16} {hit:8.0f} {bypass:8.0f} {direct:8.0f} {old_rate:8.0f} {static:8.0f}"
                    f" {hit / static:10.2f} {direct / old_rate:11.2f}"
                )
        # An editor publishes a new revision of a live article; how long until the front
        # shows it (polled while the publishing process is still running).
        path = manage_shell(
            "from wagtail.models import Page; p = Page.objects.live().filter(depth=4)"
            ".order_by('path').first(); print(p.url)"
        )
        get(path)
        marker = f"Cập nhật {time.time():.0f}"
        editor = shell_process(
            "import time; from wagtail.models import Page; p = Page.objects.live()"
            f".filter(depth=4).order_by('path').first().specific; p.title = {marker!r}; "
            "t = time.time(); p.save_revision().publish(); print(t)"
        )
        while marker not in get(path)[1]:
            time.sleep(0.02)
        seen = time.time()
        out, err = editor.communicate(timeout=60)
        if editor.returncode:
            sys.exit(err)
        started = float(out.strip().splitlines()[-1])
        print(f"publish to visible through the front: {seen - started:.2f} s (target 2 s)")
        shown, gone = banner_timing()
        print(f"emergency banner, start to visible through the front: {shown:.1f} s (target 60 s)")
        print(f"emergency banner, end to gone through the front: {gone:.1f} s (target 60 s)")
    finally:
        base.terminate()
        base.wait(30)
        stack("stop")


if __name__ == "__main__":
    main()

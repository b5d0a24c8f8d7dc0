"""The caching front against gunicorn and against a static file, side by side (issue 17).

    . ./bench.env   # the production variables, DATABASE_URL of a seeded demo ward, REDIS_URL
    .venv/bin/python bench/front.py

Starts the stack (bin/stack.py, in var/bench-front), saves the home page's HTML into
STATIC_ROOT so nginx serves it as a plain file, and prints for home, a procedure page and the
procedure list, in alternated rounds (median of BENCH_ROUNDS): req/s through the front (cache
hit), req/s bypassing the cache (a session cookie: gunicorn renders), req/s of the static file,
and the ratios. Then publishes a new revision of a live page as an editor does and prints how
long until an anonymous request through the front shows it. Stops the stack at the end.

Needs wrk (Debian's package). Not yet measured here: today's commit from a worktree in the
same run, and the emergency banner's start-to-visible time.
"""

import os
import re
import statistics
import subprocess
import sys
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
ENV = {**os.environ, "PORT": str(PORT), "STACK_VAR": str(VAR), "STATIC_ROOT": str(VAR / "static")}


def wrk(url, *headers):
    args = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "-H", f"Host: {HOST}"]
    for header in headers:
        args += ["-H", header]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in out:
        sys.exit(f"{url}: failed answers under load\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])


def get(path, **headers):
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}{path}", headers={"Host": HOST, **headers}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return dict(response.headers), response.read().decode()


def stack(action):
    subprocess.run(
        [sys.executable, "bin/stack.py", action], cwd=ROOT, env=ENV, check=True, capture_output=True
    )


def manage_shell(code):
    env = {
        **ENV,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECURE_SSL_REDIRECT": "0",
    }
    env["FRONT_CACHE_PURGE_URL"] = f"http://127.0.0.1:{PORT + 2}/_purge"
    env["FRONT_CACHE_DIR"] = str(VAR / "stack" / "cache")
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v0", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        sys.exit(done.stderr)
    return done.stdout.strip().splitlines()[-1]


def main():
    stack("start")
    try:
        _, home = get("/")
        (VAR / "static" / "bench-home.html").write_text(home)
        listing = "/thu-tuc-hanh-chinh/"
        _, body = get(listing)
        procedure = re.search(r'href="(/thu-tuc-hanh-chinh/[^"?#]+/)"', body)
        paths = {"home": "/", "procedure list": listing}
        if procedure:
            paths["procedure page"] = procedure[1]
        results = {name: {"hit": [], "bypass": [], "static": []} for name in paths}
        base = f"http://127.0.0.1:{PORT}"
        for _ in range(ROUNDS):
            for name, path in paths.items():
                get(path)  # warm
                results[name]["hit"].append(wrk(base + path))
                results[name]["bypass"].append(wrk(base + path, "Cookie: sessionid=bench"))
                results[name]["static"].append(wrk(base + "/static/bench-home.html"))
        print(
            f"{'page':16} {'hit req/s':>10} {'bypass':>8} {'static':>9} {'hit/static':>10} {'hit/bypass':>10}"
        )
        for name, r in results.items():
            hit, bypass, static = (statistics.median(r[k]) for k in ("hit", "bypass", "static"))
            print(
                f"{name:16} {hit:10.0f} {bypass:8.0f} {static:9.0f} {hit / static:10.2f} {hit / bypass:10.0f}"
            )
        # An editor publishes a new revision of a live page; how long until the front shows it.
        path = manage_shell(
            "from content.models import HomePage; h = HomePage.objects.get(depth=2); "
            "p = h.get_children().live().first(); print(p.url_path[len(h.url_path) - 1:])"
        )
        get(path)
        marker = f"Cập nhật {time.time():.0f}"
        started = float(
            manage_shell(
                "import time; from content.models import HomePage; h = HomePage.objects.get(depth=2); "
                f"p = h.get_children().live().first().specific; p.title = {marker!r}; "
                "t = time.time(); p.save_revision().publish(); print(t)"
            )
        )
        while marker not in get(path)[1]:
            time.sleep(0.05)
        print(f"publish to visible through the front: {time.time() - started:.2f} s (target 2 s)")
    finally:
        stack("stop")


if __name__ == "__main__":
    main()

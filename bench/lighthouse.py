"""Lighthouse's four mobile scores of the pages citizens open most, served through the caching
front of the production stack (issue 17: they must stay 100).

    . ./bench.env   # as for bench/front.py
    .venv/bin/python bench/lighthouse.py

Starts the stack as bench/front.py does, runs Lighthouse (npm package, installed into
var/lighthouse on first use; Debian's chromium, never a downloaded browser) on home, a
procedure page, the report form and the dashboard, each once uncached and once from the
front's cache, and prints performance, accessibility, best practices and SEO.
"""

import contextlib
import json
import os
import re
import subprocess
import sys
import urllib.error
from pathlib import Path

from front import PORT, ROOT, VAR, get, stack

LIGHTHOUSE = "lighthouse@12.8.2"
PREFIX = ROOT / "var" / "lighthouse"
BINARY = PREFIX / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def install():
    if not BINARY.exists():
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(PREFIX), LIGHTHOUSE],
            check=True,
        )


def scores(url, name):
    report = VAR / f"lighthouse-{name}.json"
    subprocess.run(
        [
            str(BINARY),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
    )
    categories = json.loads(report.read_text())["categories"]
    return [round(categories[c]["score"] * 100) for c in CATEGORIES]


def main():
    install()
    stack("start")
    try:
        _, listing = get("/thu-tuc-hanh-chinh/")
        procedure = re.search(r'href="(/thu-tuc-hanh-chinh/thu-tuc-[^"?#]+/)"', listing)
        paths = {
            "home": "/",
            "procedure page": procedure[1] if procedure else "/thu-tuc-hanh-chinh/",
            "report form": "/phan-anh-kien-nghi/gui/",
            "dashboard": "/so-lieu/",
        }
        print(f"{'page':16} {'cache':6} " + " ".join(f"{c[:13]:>13}" for c in CATEGORIES))
        worst = 100
        for name, path in paths.items():
            for attempt in ("miss", "hit"):
                if attempt == "miss":  # drop the front's copy: Lighthouse's load renders
                    with contextlib.suppress(urllib.error.HTTPError):  # 404: nothing cached
                        get("/_purge" + path, port=PORT + 2)
                label = f"{name}-{attempt}".replace(" ", "-")
                found = scores(f"http://localhost:{PORT}{path}", label)
                worst = min(worst, *found)
                print(f"{name:16} {attempt:6} " + " ".join(f"{s:13}" for s in found))
        print(f"lowest score: {worst} (target 100)")
        return 0 if worst == 100 else 1
    finally:
        stack("stop")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).parent))
    sys.exit(main())

"""The three-click rule (DESIGN.md): every page of the site map is reached from the home page
by following at most three links of the HTML, the way a citizen clicks."""

import re
from collections import deque
from html import unescape
from urllib.parse import urljoin, urlsplit

import pytest

pytestmark = pytest.mark.django_db
HREF = re.compile(r'href="([^"]+)"')
LOC = re.compile(r"<loc>([^<]+)</loc>")
MAX_CLICKS = 3


def page_links(html, host, base):
    """Same-host paths an HTML page links to, with the query strings it writes itself
    (relative links, such as a filter's ``?trang=2``, resolved against ``base``)."""
    found = set()
    for href in HREF.findall(html):
        parts = urlsplit(urljoin(f"http://{host}{base}", unescape(href)))
        if parts.scheme not in ("", "http", "https") or (parts.netloc and parts.netloc != host):
            continue
        if not parts.path.startswith("/"):
            continue
        found.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def reached_within(client, clicks, host):
    """{url: clicks from home} for every HTML page reached breadth-first."""
    seen = {"/": 0}
    queue = deque(["/"])
    while queue:
        url = queue.popleft()
        if seen[url] == clicks:
            continue
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for link in page_links(response.content.decode(), host, url):
            if link not in seen and not link.startswith(("/admin", "/static", "/media")):
                seen[link] = seen[url] + 1
                queue.append(link)
    return seen


def test_every_page_of_the_sitemap_is_within_three_clicks_of_home(client, demo_full):
    host = "localhost"
    sitemap = client.get("/sitemap.xml").content.decode()
    pages = {urlsplit(loc).path for loc in LOC.findall(sitemap)}
    assert len(pages) > 150  # the whole demo ward, not an empty site
    reached = reached_within(client, MAX_CLICKS, host)
    missing = sorted(pages - {url.split("?")[0] for url in reached})
    assert missing == []

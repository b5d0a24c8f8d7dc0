"""The Content-Security-Policy of public pages and of the admin, HSTS in production, and the
500 page (portal/csp.py, portal/errors.py; docs/operations.md, "Security headers").

Row 14 of section (b) of the reliability checklist: an enforced CSP, HSTS, nosniff,
Referrer-Policy and frame-ancestors; the 500 page shows a reference ID and no stack trace.
"""

import json
import logging
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import path
from wagtail.models import Page

from portal.caching import NEVER
from portal.error_style import ERROR_CSS_HASH
from tests import test_query_budget
from tests.admin_urls import admin_url_names
from tests.test_startup import PRODUCTION_ENV, ROOT

CSP = "Content-Security-Policy"
# Script types a browser runs; any other type (application/ld+json, application/json) is a data
# block, which is never executed and which CSP does not govern.
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


def directives(header):
    parsed = {}
    for part in header.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


class Markup(HTMLParser):
    """Inline scripts (with their nonce), inline event handlers and style attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inline_scripts, self.handlers, self.styles, self._open = [], [], [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
        if "style" in attrs:
            self.styles.append(f"<{tag} style={attrs['style']!r}>")
        script_type = (attrs.get("type") or "").strip().lower()
        if tag == "script" and "src" not in attrs and script_type in SCRIPT_TYPES:
            self._open = {"nonce": attrs.get("nonce"), "text": ""}
            self.inline_scripts.append(self._open)

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._open = None


def markup(response):
    parser = Markup()
    parser.feed(response.content.decode())
    return parser


def assert_public_policy(header):
    policy = directives(header)
    assert policy["script-src"] == ["'self'"], header
    # Files, and the standalone error pages' one inline style by its hash (portal/error_style.py).
    assert policy["style-src"] == ["'self'", ERROR_CSS_HASH], header
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["default-src"] == ["'self'"]
    assert "nonce-" not in header and "unsafe" not in header


@pytest.mark.xdist_group("demo_full")
def test_every_public_page_type_has_the_one_enforced_policy_and_no_inline_script(demo_full):
    """Row 14: every public page type (one page of each type of the full demo, and the public
    views that are not pages) answers with the enforced public policy, the same for every
    visitor (the front caches it), and its HTML has no inline script, no inline event handler
    and no style attribute."""
    client = Client()
    named = test_query_budget.urls(demo_full)
    named["404"] = "/khong-co-trang-nay/"
    assert len(named) > 40
    headers, problems = set(), {}
    for name, url in named.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "404" else 200), (name, url)
        assert "Content-Security-Policy-Report-Only" not in response
        headers.add(response[CSP])
        if not response["Content-Type"].startswith("text/html"):
            continue
        found = markup(response)
        if found.inline_scripts or found.handlers or found.styles:
            problems[url] = (found.inline_scripts, found.handlers, found.styles)
    assert not problems, problems
    assert len(headers) == 1, headers
    assert_public_policy(headers.pop())
    # The other headers of row 14.
    response = client.get("/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def admin_urls():
    """The admin's pages that take no argument (from the resolver, as the role matrix does),
    and the explorer and edit view of one page of each page type."""
    urls = ["/admin/"]
    for route in admin_url_names().values():
        if "<" in route or "(" in route or route.startswith("admin/api/"):
            continue
        if any(
            word in route for word in ("logout", "jsi18n", "sprite", "password_reset", "failwhale")
        ):
            continue
        urls.append("/" + route)
    seen = set()
    for page in Page.objects.live().specific().order_by("depth", "path"):
        if type(page) not in seen:
            seen.add(type(page))
            urls += [f"/admin/pages/{page.pk}/", f"/admin/pages/{page.pk}/edit/"]
    return sorted(set(urls))


@pytest.mark.xdist_group("demo_full")
def test_the_admin_has_a_nonce_policy_and_every_inline_script_carries_the_nonce(
    demo_full, django_user_model
):
    """Row 14: every admin page a portal admin opens has the admin's enforced policy with a
    fresh nonce, never 'unsafe-inline' for scripts, and each inline script of the page
    (Wagtail's choosers, date pickers and panels included) carries that nonce."""
    admin = django_user_model.objects.create_superuser("csp-admin", password="x-password-123")
    client = Client()
    client.force_login(admin)
    checked, problems, nonces = 0, {}, set()
    for url in admin_urls():
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        checked += 1
        policy = directives(response[CSP])
        assert policy["frame-ancestors"] == ["'self'"], url
        assert "'unsafe-inline'" not in policy["script-src"], url
        assert "'unsafe-eval'" not in policy["script-src"], url
        assert "no-store" in response["Cache-Control"], url
        nonce = [v for v in policy["script-src"] if v.startswith("'nonce-")]
        found = markup(response)
        if found.inline_scripts:
            assert nonce, url
            nonces.add(nonce[0])
            wrong = [
                s["text"][:80] for s in found.inline_scripts if f"'nonce-{s['nonce']}'" != nonce[0]
            ]
            if wrong:
                problems[url] = wrong
    assert checked > 150
    assert not problems, problems
    assert len(nonces) > 20  # a new nonce on each answer


def boom(request):
    raise RuntimeError("secret detail: database password hunter2")


urlpatterns = [path("loi-thu/", boom)]
handler500 = "portal.errors.server_error"


def test_the_500_page_shows_a_reference_that_is_in_the_error_log(settings, caplog, db):
    """Row 14: an unexpected error answers 500 with a Vietnamese page showing a reference
    number and nothing else (no stack trace, no exception text); the same number is in the
    error's log line, with the traceback, for staff."""
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/loi-thu/")
    assert response.status_code == 500
    body = response.content.decode()
    reference = response["X-Error-Reference"]
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{10}", reference)
    assert f"<code>{reference}</code>" in body
    assert "Hệ thống đang gặp sự cố" in body and "mã tham chiếu" in body
    for leak in ("Traceback", "RuntimeError", "hunter2", "loi-thu", "boom"):
        assert leak not in body
    text = re.sub(r"<style>.*?</style>|<[^>]+>", " ", body)
    assert len(" ".join(text.split())) < 220  # a heading, one sentence and the reference
    # Enforced CSP: the page's own style only, by its hash.
    policy = directives(response[CSP])
    assert ERROR_CSS_HASH in policy["style-src"] and "'unsafe-inline'" not in policy["style-src"]
    assert found_inline_scripts(response) == []
    assert response["Cache-Control"] == NEVER
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.reference == reference
    assert reference in record.getMessage()
    assert record.exc_info and "hunter2" in str(record.exc_info[1])
    # Another error, another reference.
    assert client.get("/loi-thu/")["X-Error-Reference"] != reference


def found_inline_scripts(response):
    return markup(response).inline_scripts


def test_production_sends_hsts_and_the_policy_over_https():
    """Row 14: with the production settings, HTTPS answers carry HSTS for a year (with
    subdomains) and the enforced CSP."""
    script = (
        "import django, json; django.setup()\n"
        "from django.http import HttpResponse\n"
        "from django.test import RequestFactory\n"
        "from django.middleware.security import SecurityMiddleware\n"
        "from portal.csp import PortalCSPMiddleware\n"
        "app = SecurityMiddleware(PortalCSPMiddleware(lambda r: HttpResponse('ok')))\n"
        "r = app(RequestFactory().get('/', secure=True, HTTP_HOST='phuong.example.gov.vn'))\n"
        "print(json.dumps(dict(r.headers)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**PRODUCTION_ENV, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    headers = json.loads(done.stdout.strip().splitlines()[-1])
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert_public_policy(headers[CSP])


def test_the_standalone_pages_style_is_allowed_by_the_public_policy(db):
    """The 400, 503 and «kept» pages carry the 500 page's inline style: its hash must be in the
    public policy, or browsers show them unstyled (portal/error_style.py)."""
    import base64
    import hashlib

    from django.template.loader import render_to_string

    response = Client().get("/tim-kiem/", {"q": "a\x01b"})
    assert response.status_code == 400
    allowed = directives(response[CSP])["style-src"]
    for name in ("400.html", "503.html", "feedback/kept.html"):
        styles = re.findall(r"<style>(.*?)</style>", render_to_string(name, {}), re.S)
        assert styles, name
        for style in styles:
            digest = base64.b64encode(hashlib.sha256(style.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in allowed, name

"""Nothing is marked safe unless it was reviewed: every ``|safe``, ``|safeseq``, ``{% autoescape
off %}`` in our templates and every ``mark_safe``/``SafeString`` in our code is listed here
with the reason it holds. A new one fails until it is reviewed and added.

Row 2 of section (b) of the reliability checklist (the grep; the payloads:
tests/test_feedback_report.py, tests/test_feedback_pages.py, tests/test_search.py)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODE = [
    "business",
    "content",
    "dashboard",
    "feedback",
    "governance",
    "portal",
    "sitesearch",
    "society",
    "staffauth",
    "tthc",
]
UNSAFE = re.compile(r"\|\s*safe(?:seq)?\b|autoescape\s+off|mark_safe\(|SafeString\(|SafeData\(")

# file → how many such uses, and why they are safe.
APPROVED = {
    # The error page's own stylesheet, a constant of portal/error_style.py.
    "templates/500.html": 1,
    # A QR code's SVG made by the qrcode library from the enrolment URL.
    "templates/staffauth/setup.html": 1,
    # Wagtail's own date widgets (copied to add the CSP nonce): JSON built by Wagtail.
    "templates/wagtailadmin/widgets/date_input.html": 1,
    "templates/wagtailadmin/widgets/datetime_input.html": 1,
    "templates/wagtailadmin/widgets/time_input.html": 1,
    # json_script_value: <, > and & escaped first, as django.utils.html.json_script does.
    "content/text.py": 1,
    # The poster's QR SVG, made by qrcode from our own short URL.
    "content/posters.py": 1,
    # Search highlights: every piece of the text is escaped before <mark> is added.
    "sitesearch/text.py": 1,
    # Wagtail's widget HTML plus its own script, with the nonce.
    "portal/csp.py": 1,
}


def uses():
    found = {}
    files = list((ROOT / "templates").rglob("*.html")) + list((ROOT / "templates").rglob("*.txt"))
    for folder in CODE:
        files += (ROOT / folder).rglob("*.html")
        files += [p for p in (ROOT / folder).rglob("*.py") if "migrations" not in p.parts]
    for path in files:
        count = len(UNSAFE.findall(path.read_text(encoding="utf-8")))
        if count:
            found[str(path.relative_to(ROOT))] = count
    return found


def test_row_2_nothing_is_marked_safe_without_review():
    assert uses() == APPROVED

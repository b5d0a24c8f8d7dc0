"""The one style of the portal's standalone pages (the 400, 500 and 503 pages, a report kept
while the database is down): inline, so that they show even when static files or the database
do not, and allowed by its hash in the public Content-Security-Policy, which has no
'unsafe-inline'. The templates carry this text literally (tests/test_security_headers.py
checks that each one's hash is allowed)."""

import base64
import hashlib

ERROR_CSS = (
    "body{font:1.125rem/1.6 system-ui,sans-serif;margin:0 auto;max-width:40rem;"
    "padding:2rem 1rem;color:#1a1a1a}a{color:#a3120c}code{font-size:1.25em;font-weight:700}"
)
_DIGEST = base64.b64encode(hashlib.sha256(ERROR_CSS.encode()).digest()).decode()
ERROR_CSS_HASH = f"'sha256-{_DIGEST}'"

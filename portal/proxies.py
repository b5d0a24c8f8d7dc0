"""Who is asking: the client's address as the trusted reverse proxy saw it.

The caching front (deploy/nginx.conf.in) replaces whatever ``X-Forwarded-For`` a client sends
with the address it saw (``$remote_addr``), and gunicorn leaves REMOTE_ADDR at the front's
address. So: when the request comes from a trusted proxy (``FORWARDED_ALLOW_IPS``, the same
variable gunicorn reads), the client is the right-most ``X-Forwarded-For`` hop that is not
itself a trusted proxy; from anyone else, REMOTE_ADDR, and ``X-Forwarded-For`` is ignored. A
hop a client forges is never the right-most one behind a proxy that appends, and never arrives
at all behind ours, which replaces (docs/operations.md, «Client addresses»).

Used by the feedback rate limit and by the sign-in lockout (django-axes).
"""

import hashlib

from django.conf import settings


def client_address(request):
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = set(settings.TRUSTED_PROXIES)
    if "*" not in trusted and remote not in trusted:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed([h for h in hops if h]):
        if hop not in trusted:
            return hop
    return remote


def address_digest(address, length=32):
    """A keyed hash of an address: the same client gives the same value, which reveals no
    address (logs and cache keys carry this, never the address)."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:length]

"""The HTTP caching rules of the whole portal, in one place (docs/operations.md, "Caching").

Every response leaves through ``CachePolicyMiddleware``, which decides what the caching front
(nginx in front of gunicorn) and browsers may keep:

- an anonymous ``GET``/``HEAD`` answer that sets no cookie, with status 200, 301, 404 or 410,
  and without a ``Cache-Control`` of its own: ``public, max-age=BROWSER, s-maxage=FRONT``.
  Both ages are bounded by ``request.front_cache_until`` when a part of the page changes at
  a known time (the emergency banner's next start or end, ``society.banner``);
- everything else: ``private, no-store``: the admin, a request carrying the session cookie (a
  signed-in user; the front passes those through without looking at its cache), other
  methods (POST answers), any answer that sets a cookie, redirects that count something
  (the QR short links) and errors;
- a view that set ``Cache-Control`` itself keeps it (``never_cache`` pages with personal data,
  such as a report's status page).

Anonymous forms carry no per-visitor CSRF token, so a page served from the cache works for
every visitor: ``OriginCsrfMiddleware`` checks where an anonymous POST comes from (the
``Origin`` header, or the ``Referer`` when a browser sends no ``Origin``) instead of a
cookie token; requests with a session keep Django's full token check.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.middleware.csrf import REASON_BAD_ORIGIN, CsrfViewMiddleware
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import is_same_domain

CACHEABLE_STATUSES = {200, 301, 404, 410}
SAFE_METHODS = {"GET", "HEAD"}
NEVER = "private, no-store"
REASON_NO_SOURCE = "Origin and Referer are both missing from an anonymous form."
REASON_BAD_REFERER = "The Referer (%s) is not this site."


def front_ttl():
    return settings.FRONT_CACHE_S_MAXAGE


def browser_ttl():
    return settings.FRONT_CACHE_MAX_AGE


def is_signed_in(request):
    """The front's own rule: a request with the session cookie bypasses the cache."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def bound_cache(request, until):
    """Cached copies of this answer must not outlive ``until`` (an aware datetime)."""
    current = getattr(request, "front_cache_until", None)
    if until is not None and (current is None or until < current):
        request.front_cache_until = until


def cacheable(request, response):
    if request.method not in SAFE_METHODS or response.status_code not in CACHEABLE_STATUSES:
        return False
    if request.path_info.startswith(settings.FRONT_CACHE_NEVER_PREFIXES):
        return False
    return not (is_signed_in(request) or response.cookies)


def headers_for(request, response):
    """The ``Cache-Control`` value this answer gets (None: keep the view's own)."""
    own = response.get("Cache-Control", "")
    if own and not cacheable(request, response):
        return None if ("no-store" in own or "private" in own) else NEVER
    if own:
        return None
    if not cacheable(request, response):
        return NEVER
    front, browser = front_ttl(), browser_ttl()
    until = getattr(request, "front_cache_until", None)
    if until is not None:
        left = max(0, int((until - timezone.now()).total_seconds()))
        front, browser = min(front, left), min(browser, left)
    return f"public, max-age={browser}, s-maxage={front}"


class CachePolicyMiddleware:
    """Sets ``Cache-Control`` on every answer (the module's docstring lists the rules)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        value = headers_for(request, response)
        if value is not None:
            if "Cache-Control" in response:
                del response["Cache-Control"]
            if value == NEVER:
                patch_cache_control(response, private=True, no_store=True)
                response.headers.pop("Expires", None)
            else:
                response["Cache-Control"] = value
                # Only anonymous requests get a shared copy, so the session cookie cannot
                # change it: ``Vary: Cookie`` would only split the front's cache by the
                # visitors' analytics cookies.
                vary = [
                    v.strip()
                    for v in response.get("Vary", "").split(",")
                    if v.strip() and v.strip().lower() != "cookie"
                ]
                if vary:
                    response["Vary"] = ", ".join(vary)
                else:
                    response.headers.pop("Vary", None)
        return response


def _same_site(request, url):
    parts = urlsplit(url)
    if not parts.netloc:
        return False
    origin = f"{parts.scheme}://{parts.netloc}"
    if parts.netloc == request.get_host():
        return True
    trusted = settings.CSRF_TRUSTED_ORIGINS
    return origin in trusted or any(
        is_same_domain(parts.netloc, urlsplit(t).netloc.replace("*", ""))
        for t in trusted
        if "*" in t
    )


class OriginCsrfMiddleware(CsrfViewMiddleware):
    """Django's CSRF protection, with anonymous forms checked by origin, not by cookie.

    A cached page cannot carry one visitor's CSRF token. Browsers send ``Origin`` with every
    form POST (and a ``Referer`` where an old one does not), which a forging site cannot
    choose; so an anonymous POST is accepted when ``Origin`` (else ``Referer``) names this
    site. With the session cookie (staff in the admin) the token is required as before."""

    def process_view(self, request, callback, callback_args, callback_kwargs):
        if (
            request.method in SAFE_METHODS | {"OPTIONS", "TRACE"}
            or is_signed_in(request)
            or getattr(callback, "csrf_exempt", False)
            or getattr(request, "_dont_enforce_csrf_checks", False)
            or getattr(request, "csrf_processing_done", False)
        ):
            return super().process_view(request, callback, callback_args, callback_kwargs)
        origin = request.META.get("HTTP_ORIGIN")
        if origin is not None:
            if origin != "null" and (self._origin_verified(request) or _same_site(request, origin)):
                return self._accept(request)
            return self._reject(request, REASON_BAD_ORIGIN % origin)
        referer = request.META.get("HTTP_REFERER")
        if referer is None:
            return self._reject(request, REASON_NO_SOURCE)
        if _same_site(request, referer):
            return self._accept(request)
        return self._reject(request, REASON_BAD_REFERER % referer)

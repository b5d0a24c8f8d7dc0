"""The Content-Security-Policy of the portal: one policy for public pages, one for the admin
(docs/operations.md, "Security headers").

Public pages are kept by the caching front and served to every visitor from one copy, so their
policy is the same for everyone and carries no nonce: they run only script files from the
portal itself (``script-src 'self'``), with no inline script, no inline event handler and no
``style`` attribute. ``<script type="application/ld+json">`` blocks are data, which a browser
never runs and CSP does not govern.

The admin is never cached (``private, no-store``), so it gets a fresh nonce on each answer.
Wagtail 8's admin still writes a few inline scripts (the date and time pickers, inline panels),
from widget templates that have no request; the templates of ``portal/templates`` put the nonce
on those scripts, reading it from ``current_nonce()``. Wagtail sets ``style`` attributes in the
admin's markup, so the admin's ``style-src`` allows inline styles; its scripts stay nonce-only.

The public policy has no nonce source at all, so a nonce a public template might ask for
would never make its script run (a nonce shared through the cache would be no nonce at all).
"""

from contextvars import ContextVar

from csp.constants import NONCE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

ADMIN_PREFIX = "/admin/"

# The admin's directives replace the public ones; those not named here are the same.
ADMIN_DIRECTIVES = {
    "script-src": [SELF, NONCE],
    "style-src": [SELF, UNSAFE_INLINE],
    # Wagtail's live preview shows the page in a frame of the editor.
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
}

_nonce = ContextVar("csp_nonce", default=None)


def current_nonce():
    """The nonce of the admin answer being rendered in this thread, or '' outside one."""
    request = _nonce.get()
    if request is None or not is_admin(request):
        return ""
    return str(request.csp_nonce)


def is_admin(request):
    return request.path_info.startswith(ADMIN_PREFIX)


def policy():
    """The public directives, from ``CONTENT_SECURITY_POLICY``."""
    return settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]


def admin_policy():
    public = policy()
    # Image uploads show the chosen files from blob: URLs before they are sent.
    return {**public, **ADMIN_DIRECTIVES, "img-src": [*public["img-src"], "blob:"]}


def nonce_attribute():
    """`` nonce="…"`` for an inline script of the admin, or '' elsewhere (templates/wagtailadmin/)."""
    nonce = current_nonce()
    return format_html(' nonce="{}"', nonce) if nonce else ""


def install_chooser_nonce():
    """Wagtail's chooser widgets write ``<script>new XChooser(…)</script>`` after their markup
    from Python (``BaseChooser.render``), where no template can add the nonce: this is the same
    method with the nonce on that script. Called once, from ``content.apps``."""
    from wagtail.admin.widgets.chooser import BaseChooser

    if getattr(BaseChooser.render, "csp_nonce", False):
        return

    def render(self, name, value, attrs=None, renderer=None):
        try:
            id_ = attrs["id"]
        except (KeyError, TypeError) as e:
            raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from e
        value_data = self.get_value_data(value)
        widget_html = self.render_html(name, value_data, attrs)
        js = self.render_js_init(id_, name, value_data)
        # The same markup as Wagtail's, which marks it safe too; only the nonce is added.
        return mark_safe(f"{widget_html}<script{nonce_attribute()}>{js}</script>")  # noqa: S308

    render.csp_nonce = True
    BaseChooser.render = render


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's policy for /admin/, and the nonce of the answer
    being rendered known to widget templates (``current_nonce``)."""

    def process_request(self, request):
        super().process_request(request)
        request._csp_token = _nonce.set(request)

    def process_response(self, request, response):
        token = getattr(request, "_csp_token", None)
        if token is not None:
            _nonce.reset(token)
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and is_admin(request) and parts.config is None:
            return PolicyParts(admin_policy(), parts.update, parts.replace, parts.nonce)
        return parts

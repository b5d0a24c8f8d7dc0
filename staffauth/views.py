"""The second step, enrolment, recovery codes, a superuser's reset, and the lockout page.

The pages a member of staff sees before the second step use the layout of Wagtail's sign-in
page (no menu: nothing behind it is reachable yet)."""

import math
import re

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice
from wagtail.admin import messages

from content.short_links import qr_svg_markup

from . import devices
from .forms import CodeForm, EnrolForm
from .signal_handlers import log_second_step

FRESH_CODES = "staffauth_fresh_codes"


def _next_url(request):
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def _with_next(url_name, request):
    return f"{reverse(url_name)}?{urlencode({'next': _next_url(request)})}"


def _issuer_label(user):
    return f"{settings.OTP_TOTP_ISSUER}: {user.get_username()}"


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "HEAD", "POST"])
def verify(request):
    """The second step: a code of the user's authenticator app, or one recovery code."""
    user = request.user
    if not user.is_authenticated:
        return redirect(reverse("wagtailadmin_login"))
    if user.is_verified():
        return redirect(_next_url(request))
    if not devices.has_second_factor(user):
        return redirect(_with_next("staffauth_setup", request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = _seconds_to_wait(user)
        if wait:
            # Not even tried: a code sent while throttled does not count either way.
            form.add_error("code", f"Vui lòng đợi {wait} giây rồi nhập mã mới.")
        else:
            device = devices.verify(request, form.cleaned_data["code"])
            log_second_step(request, device)
            if device is not None:
                if isinstance(device, StaticDevice):
                    left = devices.recovery_codes_left(user)
                    messages.warning(
                        request,
                        f"Bạn vừa dùng một mã khôi phục; còn {left} mã. Nếu mất điện thoại, "
                        "hãy nhờ quản trị Cổng đặt lại xác thực hai bước.",
                    )
                return redirect(_next_url(request))
            message = "Mã không đúng hoặc đã hết hạn. Vui lòng nhập mã mới."
            wait = _seconds_to_wait(user)
            if wait > 1:
                message += f" Đã nhập sai nhiều lần: đợi {wait} giây trước lần nhập tới."
            form.add_error("code", message)
    return TemplateResponse(
        request,
        "staffauth/verify.html",
        {"form": form, "next": _next_url(request), "label": _issuer_label(user)},
        status=200 if not form.errors else 400,
    )


def _seconds_to_wait(user):
    until = devices.throttled_until(user)
    if until is None:
        return 0
    return max(1, math.ceil((until - timezone.now()).total_seconds()))


def _qr_markup(url):
    """The enrolment QR code as inline SVG, sized in CSS pixels (no inline style)."""
    svg = qr_svg_markup(url, "M")
    svg = re.sub(r'width="[\d.]+mm" height="[\d.]+mm"', 'width="232" height="232"', svg, count=1)
    return svg.replace(
        "<svg ", '<svg role="img" aria-label="Mã QR để thêm tài khoản vào ứng dụng xác thực" ', 1
    )


def _grouped(secret):
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "HEAD", "POST"])
def setup(request):
    """Enrolment: a QR code (or the key, to type) for an authenticator app, confirmed by a
    code the app shows. Reached without the second step only by who has none yet."""
    user = request.user
    if not user.is_authenticated:
        return redirect(reverse("wagtailadmin_login"))
    device = devices.pending_app(user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if devices.confirm_app(request, device, form.cleaned_data["code"]):
            if devices.recovery_codes_left(user) == 0:
                request.session[FRESH_CODES] = devices.new_recovery_codes(user)
                return redirect(_with_next("staffauth_recovery_codes", request))
            messages.success(request, "Đã bật xác thực hai bước với ứng dụng mới.")
            return redirect(_next_url(request))
        form.add_error(
            "code",
            "Mã không đúng. Kiểm tra giờ trên điện thoại (đặt tự động) và nhập mã đang hiện.",
        )
    secret = device.config_url.split("secret=", 1)[1].split("&", 1)[0]
    due = None if devices.has_second_factor(user) else devices.enrolment_due(user)
    return TemplateResponse(
        request,
        "staffauth/setup.html",
        {
            "form": form,
            "next": _next_url(request),
            "qr": _qr_markup(device.config_url),
            "secret": secret,
            "secret_grouped": _grouped(secret),
            "label": _issuer_label(user),
            "replacing": devices.confirmed_app(user) is not None,
            "due": due,
            "overdue": due is not None and due <= timezone.now(),
        },
        status=200 if not form.errors else 400,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def recovery_codes(request):
    """The recovery codes just made, shown once; or how many are left, and a new set."""
    user = request.user
    if devices.confirmed_app(user) is None:
        # Recovery codes stand in for the app: there are none without one.
        return redirect(_with_next("staffauth_setup", request))
    if request.method == "POST":
        request.session[FRESH_CODES] = devices.new_recovery_codes(user)
        return redirect(_with_next("staffauth_recovery_codes", request))
    codes = request.session.pop(FRESH_CODES, None)
    return TemplateResponse(
        request,
        "staffauth/recovery_codes.html",
        {
            "codes": [f"{c[:4]}-{c[4:]}" for c in codes] if codes else None,
            "left": devices.recovery_codes_left(user),
            "next": _next_url(request),
        },
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def reset(request, pk):
    """A superuser removes a member of staff's second factors (a lost phone), logged."""
    if not request.user.is_superuser:
        raise PermissionDenied
    member = get_object_or_404(get_user_model(), pk=pk)
    if request.method == "POST":
        ended = devices.reset(member, by=request.user)
        messages.success(
            request,
            f"Đã đặt lại xác thực hai bước của {member.get_username()} và đóng {ended} phiên "
            "đang mở. Lần đăng nhập tới, người này quét mã QR mới ngay sau mật khẩu.",
        )
        return redirect(reverse("wagtailusers_users:index"))
    app = devices.confirmed_app(member)
    return TemplateResponse(
        request,
        "staffauth/reset.html",
        {
            "member": member,
            "app": app,
            "codes_left": devices.recovery_codes_left(member),
        },
    )


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a sign-in while locked out (AXES_LOCKOUT_CALLABLE): the same
    page whether or not the name is an account's."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    # Rendered now: axes' middleware hands it back after the view's own response was rendered.
    return render(
        request,
        "staffauth/locked_out.html",
        {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes},
        status=429,
    )

"""What every request of a signed-in member of staff passes: the session's limits, then the
second step on every admin URL."""

import time

from django.conf import settings
from django.contrib import auth, messages
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from portal.caching import is_signed_in

from . import devices

SESSION_STARTED = "staffauth_started"
SESSION_SEEN = "staffauth_seen"
GRACE_REMINDED = "staffauth_grace_reminded"
# Activity is written to the session at most this often (seconds), not on every request.
SEEN_RESOLUTION = 60

# Admin URLs a member of staff reaches before the second step: signing in and out, a forgotten
# password, the second step itself, and the icons and translations those pages load.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "staffauth_verify",
}
# ... and, for one who has no second factor yet, enrolling one.
ENROL_URL_NAMES = {"staffauth_setup"}
# Requests a page sends by itself, which do not count as someone at work: Wagtail's editor
# pings while it is open (unless it holds unsaved changes, below).
BACKGROUND_URL_NAMES = {"wagtailadmin_editing_sessions:ping"}


def admin_prefix():
    return reverse("wagtailadmin_home")


class StaffSessionMiddleware:
    """A session ends after ``STAFF_SESSION_MAX_AGE`` seconds from sign-in (a working day)
    and after ``STAFF_SESSION_IDLE`` seconds without a request (the cookie's own age is the
    same working day). Wagtail's editor pings in the background while a page is open; a ping
    counts as activity only while the editor holds unsaved changes, so that an open tab alone
    never keeps a session alive, and unsaved work is never lost to the idle limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Without the session cookie nobody is signed in: the session is not even looked at
        # (looking would add ``Vary: Cookie`` to every public answer).
        if not is_signed_in(request) or not request.user.is_authenticated:
            return None
        now = int(time.time())
        session = request.session
        started = session.get(SESSION_STARTED)
        seen = session.get(SESSION_SEEN)
        if started is None or seen is None:
            # A session from before these limits: they count from now.
            session[SESSION_STARTED] = session[SESSION_SEEN] = now
            return None
        if now - started > settings.STAFF_SESSION_MAX_AGE:
            return self.end(request, "Phiên làm việc đã hết hạn sau một ngày làm việc.")
        if now - seen > settings.STAFF_SESSION_IDLE:
            minutes = settings.STAFF_SESSION_IDLE // 60
            return self.end(
                request, f"Phiên làm việc đã hết hạn sau {minutes} phút không thao tác."
            )
        if now - seen >= SEEN_RESOLUTION and self.is_activity(request):
            session[SESSION_SEEN] = now
        return None

    @staticmethod
    def is_activity(request):
        match = request.resolver_match
        if match is not None and match.view_name in BACKGROUND_URL_NAMES:
            return request.POST.get("is_editing") not in (None, "", "0", "false")
        return True

    @staticmethod
    def end(request, reason):
        path = request.get_full_path()
        auth.logout(request)
        if request.path_info.startswith(admin_prefix()):
            messages.warning(request, f"{reason} Vui lòng đăng nhập lại.")
            return redirect_to_login(path, login_url=reverse("wagtailadmin_login"))
        return None


def start_session(request):
    """Called on sign-in (signal_handlers): the limits count from now."""
    now = int(time.time())
    request.session[SESSION_STARTED] = request.session[SESSION_SEEN] = now


class SecondFactorMiddleware:
    """Every admin URL asks a signed-in member of staff whose session has not passed the
    second step for it (checklist row 11), except ``OPEN_URL_NAMES``:

    - who has a second factor enters a code from it (``staffauth_verify``), whether or not two
      factors are required (``STAFF_2FA_REQUIRED``): one who enrolled is always asked;
    - who has none is sent to enrol (``staffauth_setup``) while two factors are required,
      once their grace period (``STAFF_2FA_GRACE_DAYS``) is over, and reminded until then.

    Needs django_otp's OTPMiddleware before it (``request.user.is_verified``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not is_signed_in(request) or not request.path_info.startswith(admin_prefix()):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if not user.has_perm("wagtailadmin.access_admin"):
            return None  # Wagtail turns them away itself
        name = request.resolver_match.view_name
        if name in OPEN_URL_NAMES:
            return None
        if devices.has_second_factor(user):
            return redirect_to_login(request.get_full_path(), reverse("staffauth_verify"))
        if name in ENROL_URL_NAMES:
            return None
        due = devices.enrolment_due(user)
        if due is None:
            return None
        if timezone.now() < due:
            if not request.session.get(GRACE_REMINDED):
                request.session[GRACE_REMINDED] = True
                messages.warning(
                    request,
                    "Tài khoản quản trị cần bật xác thực hai bước trước "
                    f"{date_format(timezone.localtime(due), 'd/m/Y H:i')}: vào «Tài khoản» "
                    "→ «Xác thực hai bước», quét mã QR bằng ứng dụng xác thực trên điện thoại.",
                )
            return None
        return redirect_to_login(request.get_full_path(), reverse("staffauth_setup"))

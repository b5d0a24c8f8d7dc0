"""The second factors of a member of staff: one authenticator app (TOTP, django-otp's
otp_totp) and one set of one-time recovery codes (otp_static), and what changes them.

Every change is written to Wagtail's log on the user (the site history report, which only
those who may manage users see) and to the ``staffauth`` logger."""

import logging
from datetime import timedelta

import django_otp
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from .models import EnrolmentDeadline

logger = logging.getLogger("staffauth")

APP_DEVICE_NAME = "Ứng dụng xác thực"
CODES_DEVICE_NAME = "Mã khôi phục"
RECOVERY_CODE_COUNT = 10
# One recovery code: StaticToken.random_token(), 8 base32 characters.
RECOVERY_CODE_LENGTH = 8

ENROL_ACTION = "staffauth.enrol"
RESET_ACTION = "staffauth.reset"
NEW_CODES_ACTION = "staffauth.new_recovery_codes"
CODE_USED_ACTION = "staffauth.recovery_code_used"
LOG_ACTIONS = {
    ENROL_ACTION: ("Bật xác thực hai bước", "Đã bật xác thực hai bước (ứng dụng xác thực)"),
    RESET_ACTION: ("Đặt lại xác thực hai bước", "Đã xóa ứng dụng xác thực và mã khôi phục"),
    NEW_CODES_ACTION: ("Tạo mã khôi phục mới", "Đã tạo bộ mã khôi phục mới"),
    CODE_USED_ACTION: ("Dùng mã khôi phục", "Đã đăng nhập bằng một mã khôi phục"),
}


def _record(user, action, by):
    """Wagtail's log entry on ``user``. request.user is a lazy object (twice over, with
    django-otp's middleware), which Wagtail's log would silently skip: unwrap it."""
    log(instance=_concrete(user), action=action, user=_concrete(by) if by else None)


def _concrete(user):
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def has_second_factor(user):
    return django_otp.user_has_device(user, confirmed=True)


def confirmed_app(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_app(user):
    """The authenticator app being enrolled: the same secret on every visit of the
    enrolment page until it is confirmed, so a reload does not invalidate a scanned code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def confirm_app(request, device, token):
    """Confirm ``device`` with a code it shows; it then replaces any earlier app. True when
    the code was right. The session counts as verified by the new app."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_token(normalise(token)):
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user_id).exclude(pk=device.pk).delete()
        EnrolmentDeadline.objects.filter(user=device.user_id).delete()
    django_otp.login(request, device)
    _record(device.user, ENROL_ACTION, by=request.user)
    logger.info("second factor enrolled", extra={"username": device.user.get_username()})
    return True


def new_recovery_codes(user, by=None):
    """A fresh set of recovery codes, replacing the old set; returns them, in the clear, once."""
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    with transaction.atomic():
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=CODES_DEVICE_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    _record(user, NEW_CODES_ACTION, by=by or user)
    return codes


def recovery_codes_left(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def normalise(token):
    """A code as typed or pasted: spaces and dashes between groups do not count, nor case."""
    return "".join(str(token).split()).replace("-", "").lower()


def verify(request, token):
    """The device that accepts ``token`` for the signed-in user, marked on the session; or
    None. A code of six digits is asked of the app, a code of eight characters of the
    recovery codes (each works once); wrong codes slow the device down (django-otp's
    throttling: 1, 2, 4, … seconds)."""
    user = request.user
    token = normalise(token)
    if token.isdigit() and len(token) == 6:
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    elif len(token) == RECOVERY_CODE_LENGTH:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    else:
        return None
    for device in devices:
        verified = django_otp.verify_token(user, device.persistent_id, token)
        if verified is not None:
            django_otp.login(request, verified)
            if isinstance(verified, StaticDevice):
                _record(user, CODE_USED_ACTION, by=user)
            return verified
    return None


def throttled_until(user):
    """When wrong codes let this user try again, if they must wait now."""
    waits = []
    for device in django_otp.devices_for_user(user):
        allowed, data = device.verify_is_allowed()
        if not allowed and data and data.get("locked_until"):
            waits.append(data["locked_until"])
    return max(waits) if waits else None


def enrolment_due(user):
    """When ``user``, who has no second factor, must have one; None while not required."""
    if not settings.STAFF_2FA_REQUIRED:
        return None
    deadline, _ = EnrolmentDeadline.objects.get_or_create(
        user=user,
        defaults={"due": timezone.now() + timedelta(days=settings.STAFF_2FA_GRACE_DAYS)},
    )
    return deadline.due


def reset(user, by=None):
    """A lost or stolen phone: remove the user's app and recovery codes and end every session
    they have open, so that whoever holds one cannot enrol a device of their own. The user
    enrols again at their next sign-in, with no grace period."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        EnrolmentDeadline.objects.update_or_create(user=user, defaults={"due": timezone.now()})
        ended = end_sessions(user)
    _record(user, RESET_ACTION, by=by)
    logger.warning(
        "second factor reset",
        extra={
            "username": user.get_username(),
            "by": by.get_username() if by else "manage.py",
            "sessions_ended": ended,
        },
    )
    return ended


def end_sessions(user):
    """Delete the user's sessions (the database session store); returns how many."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended

"""Sign-ins, failed sign-ins, lockouts and second steps, written to the ``staffauth`` logger
(one JSON line each in production, docs/operations.md «Logs»).

Never a password; never the client's address either, only a keyed hash of it (``client``:
the same address gives the same value, as in the feedback rate limit). The name typed on a
failed sign-in is logged only when it is an account's name: people type their password into
the name field by mistake."""

import logging

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from portal.proxies import address_digest, client_address

from .devices import CODES_DEVICE_NAME

logger = logging.getLogger("staffauth")


def _client(request):
    return address_digest(client_address(request), 16) if request is not None else None


def _known_username(username):
    if not username:
        return None
    model = get_user_model()
    exists = model._default_manager.filter(**{model.USERNAME_FIELD: username}).exists()
    return username if exists else None


@receiver(user_logged_in)
def log_sign_in(sender, request, user, **kwargs):
    from .middleware import start_session

    if request is None:
        return
    start_session(request)
    logger.info("sign-in", extra={"username": user.get_username(), "client": _client(request)})


@receiver(user_login_failed)
def log_failed_sign_in(sender, credentials, request=None, **kwargs):
    # ``credentials`` comes cleansed by Django (the password masked); only the name is read.
    username = _known_username(credentials.get("username"))
    logger.warning(
        "sign-in failed",
        extra={
            "username": username,
            "unknown_account": username is None,
            "client": _client(request),
            "locked_out": bool(getattr(request, "axes_locked_out", False)),
        },
    )


@receiver(user_locked_out)
def log_lockout(sender, request, username=None, ip_address=None, **kwargs):
    logger.warning(
        "sign-in locked out",
        extra={"username": _known_username(username), "client": _client(request)},
    )


@receiver(user_logged_out)
def log_sign_out(sender, request, user, **kwargs):
    if user is not None:
        logger.info("sign-out", extra={"username": user.get_username()})


def log_second_step(request, device):
    """One second step (staffauth.views.verify), passed or failed."""
    extra = {"username": request.user.get_username(), "client": _client(request)}
    if device is None:
        logger.warning("second step failed", extra=extra)
    else:
        extra["device"] = "recovery code" if device.name == CODES_DEVICE_NAME else "app"
        logger.info("second step passed", extra=extra)

"""Signing in to the admin as a browser does, behind the caching front, for the staffauth tests."""

import base64
import hashlib
import hmac
import struct
import time

from django.conf import settings
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.workflow_helpers import user

PASSWORD = "mat-khau-dung-9271"  # noqa: S105 - test accounts only
FRONT = "127.0.0.1"  # the caching front, a trusted proxy (TRUSTED_PROXIES)


def totp(secret, at=None, step=30, digits=6):
    """The code an authenticator app shows for the base32 ``secret`` (RFC 6238, SHA-1)."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // step)
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    number = (struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF) % 10**digits
    return f"{number:0{digits}d}"


def secret_of(device):
    return base64.b32encode(device.bin_key).decode()


def staff_member(username, password=PASSWORD):
    member = user(username)
    member.set_password(password)
    member.save()
    return member


def enrolled(member):
    """``member`` with a confirmed authenticator app; returns its base32 secret."""
    device = TOTPDevice.objects.create(user=member, name="Ứng dụng xác thực", confirmed=True)
    return secret_of(device)


class Browser:
    """A client that posts as a browser behind the caching front: the CSRF token of its
    cookie (what the forms of its pages carry, masked), an ``Origin`` header, and its address as the front passes it on
    (REMOTE_ADDR the front's, ``X-Forwarded-For`` the client's). ``forged`` puts a hop the
    client made up before it, as a proxy that appends would pass it."""

    def __init__(self, address="203.0.113.10"):
        self.client = Client(enforce_csrf_checks=True)
        self.address = address

    def meta(self, forged=None, direct=False):
        if direct:  # straight to gunicorn, not through the front
            hops = [forged] if forged else []
            meta = {"REMOTE_ADDR": self.address}
        else:
            hops = [forged, self.address] if forged else [self.address]
            meta = {"REMOTE_ADDR": FRONT}
        if hops:
            meta["HTTP_X_FORWARDED_FOR"] = ", ".join(hops)
        return {**meta, "HTTP_ORIGIN": "http://testserver"}

    def get(self, url, forged=None, direct=False, **extra):
        return self.client.get(url, **self.meta(forged, direct), **extra)

    def post(self, url, data, forged=None, direct=False, **extra):
        cookie = self.client.cookies.get(settings.CSRF_COOKIE_NAME)
        data = {"csrfmiddlewaretoken": cookie.value if cookie else "", **data}
        return self.client.post(url, data, **self.meta(forged, direct), **extra)

    def sign_in(self, username, password=PASSWORD, next_url="/admin/", **where):
        self.get(f"/admin/login/?next={next_url}", **where)
        return self.post(
            "/admin/login/",
            {"username": username, "password": password, "next": next_url},
            **where,
        )

    def second_step(self, code, next_url="/admin/"):
        self.get(f"/admin/xac-thuc/?next={next_url}")
        return self.post("/admin/xac-thuc/", {"code": code, "next": next_url})

    def sign_out(self):
        self.get("/admin/", follow=True)  # any page of the admin, for a fresh token
        return self.post("/admin/logout/", {})

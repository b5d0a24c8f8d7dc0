"""The channels a citizen can hear of their report by: one small interface, three adapters.

An adapter knows the address it needs from the report (``address``), whether the ward has
configured it (``available``) and how to send one message (``send``). ``send`` raises
``DeliveryError`` when the message did not go; ``retryable`` says whether trying again can
help (a timeout, a refused connection, a 5xx, 408 or 429) or not (any other 4xx: a wrong
token or a number the gateway refuses). Retries and "never twice" are the outbox's
(feedback/outbox.py); every send carries the delivery's key for the gateway to drop a
repeat.

- e-mail: Django's mail (today's e-mail), to the address the citizen left;
- SMS: an HTTP gateway per ward (``WardSettings.sms_gateway_url``), JSON POST
  ``{"to", "text", "idempotency_key"}``;
- Zalo ZNS: an HTTP gateway per ward (``WardSettings.zalo_gateway_url`` and
  ``zalo_template_id``), JSON POST ``{"phone", "template_id", "template_data",
  "tracking_id"}``, the phone in the international form ZNS expects (84…).

Tokens come from the environment (``FEEDBACK_SMS_TOKEN``, ``FEEDBACK_ZALO_TOKEN``, or per ward
``FEEDBACK_SMS_TOKEN_<site id>`` / ``FEEDBACK_ZALO_TOKEN_<site id>``) and are sent as
``Authorization: Bearer``; docs/feedback.md "Notifications to the citizen".
"""

import os

import requests
from django.core.mail import send_mail

from content.models import WardSettings

from .models import Channel

TIMEOUT = (5, 10)  # connect, read (seconds)
PASSING_CLIENT_ERRORS = (408, 429)


class DeliveryError(Exception):
    def __init__(self, message, *, retryable=True):
        super().__init__(message)
        self.retryable = retryable


def ward_token(kind, site_id):
    """The gateway token of ``kind`` ("SMS", "ZALO") for the ward: its own variable first."""
    return os.environ.get(f"FEEDBACK_{kind}_TOKEN_{site_id}") or os.environ.get(
        f"FEEDBACK_{kind}_TOKEN", ""
    )


def international(phone):
    """0912345678 → 84912345678; +84… → 84…"""
    if phone.startswith("+"):
        return phone[1:]
    if phone.startswith("0"):
        return "84" + phone[1:]
    return phone


class EmailAdapter:
    code = Channel.EMAIL

    def available(self, site):
        return True

    def address(self, report):
        return report.contact_email

    def send(self, site, to, message, key):
        try:
            send_mail(
                subject=message.subject,
                message=message.body,
                from_email=None,
                recipient_list=[to],
            )
        except OSError as error:
            raise DeliveryError(f"Máy chủ thư không nhận thư: {error}") from error


class HttpGatewayAdapter:
    code = None
    kind = None

    def gateway_url(self, site):
        raise NotImplementedError

    def payload(self, site, to, message, key):
        raise NotImplementedError

    def available(self, site):
        return bool(self.gateway_url(site))

    def address(self, report):
        return report.contact_phone

    def send(self, site, to, message, key):
        url = self.gateway_url(site)
        if not url:
            raise DeliveryError("Phường chưa cấu hình cổng gửi tin.", retryable=False)
        headers = {"Idempotency-Key": key}
        token = ward_token(self.kind, site.pk)
        if token:
            headers["Authorization"] = f"Bearer {token}"
        try:
            response = requests.post(
                url, json=self.payload(site, to, message, key), headers=headers, timeout=TIMEOUT
            )
        except requests.RequestException as error:
            raise DeliveryError(
                f"Không kết nối được cổng gửi tin: {type(error).__name__}"
            ) from error
        if response.status_code >= 300:
            retryable = response.status_code >= 500 or response.status_code in PASSING_CLIENT_ERRORS
            raise DeliveryError(
                f"Cổng gửi tin trả lời {response.status_code}.", retryable=retryable
            )


class SmsAdapter(HttpGatewayAdapter):
    code = Channel.SMS
    kind = "SMS"

    def gateway_url(self, site):
        return WardSettings.for_site(site).sms_gateway_url

    def payload(self, site, to, message, key):
        return {"to": to, "text": message.text, "idempotency_key": key}


class ZaloZnsAdapter(HttpGatewayAdapter):
    code = Channel.ZALO
    kind = "ZALO"

    def gateway_url(self, site):
        settings = WardSettings.for_site(site)
        return settings.zalo_gateway_url if settings.zalo_template_id else ""

    def payload(self, site, to, message, key):
        return {
            "phone": international(to),
            "template_id": WardSettings.for_site(site).zalo_template_id,
            "template_data": message.fields,
            "tracking_id": key,
        }


ADAPTERS = {adapter.code: adapter for adapter in (EmailAdapter(), SmsAdapter(), ZaloZnsAdapter())}


def adapter(channel):
    return ADAPTERS[channel]


def available_channels(site):
    """The channels the ward can send by, in Channel order."""
    return [code for code in Channel.values if ADAPTERS[code].available(site)]

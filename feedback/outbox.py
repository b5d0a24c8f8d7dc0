"""Messages to the citizen about their report: an outbox in PostgreSQL, sent after commit,
retried with backoff, never twice.

A status change (``FeedbackReport.change_status``, and the receipt in ``create_report``) adds
one ``NotificationDelivery`` row per channel the citizen chose, in the same transaction as the
change; unique per (status entry, channel). Once the transaction commits, a task is queued
for each row (``feedback.tasks.deliver_notification``); with Redis down the queueing fails
quietly and the row waits. ``feedback.tasks.drain_outbox`` (Celery beat, every minute; also
``manage.py sweep_feedback_notifications``) sends every row that is due. Sending locks the row
(``skip_locked``) and marks it sent in the same transaction, so two runs never send it twice;
the row's key goes to the gateway as its idempotency key for the case where the gateway took
the message but the commit failed. A failed send waits ``backoff(attempts)`` (1, 2, 4 … min,
at most 6 h) and is tried again, for FEEDBACK_NOTIFY_MAX_ATTEMPTS tries (about two days),
then marked failed in the delivery log; a refusal a retry cannot mend (a 4xx) is marked
failed at once.

The e-mail with the tracking code on receipt stays where it was (``notify.send_new_report``),
so the receipt goes through the outbox for SMS and Zalo only.
"""

import datetime
import logging
import string

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Channel, MessageText, NotificationDelivery, Status

logger = logging.getLogger(__name__)

# The ward's words per status while it has not written its own (admin: «Mẫu tin báo»).
DEFAULT_TEXTS = {
    Status.RECEIVED: "{phuong} đã nhận phản ánh {ma}. Theo dõi: {lien_ket}",
    Status.IN_PROGRESS: "Phản ánh {ma} đang được xử lý. Xem: {lien_ket}",
    Status.PAUSED: "Phản ánh {ma} tạm dừng xử lý. Xem lý do: {lien_ket}",
    Status.RESOLVED: "Phản ánh {ma} đã xử lý xong. Xem kết quả, đánh giá: {lien_ket}",
    Status.REJECTED: "Phản ánh {ma} không được thụ lý. Xem lý do: {lien_ket}",
    Status.FORWARDED: "Phản ánh {ma} đã chuyển cơ quan khác. Xem: {lien_ket}",
    Status.UNFIXED: "Phản ánh {ma} đã đóng, chưa khắc phục được. Xem lý do: {lien_ket}",
    Status.OUT_OF_SCOPE: "Phản ánh {ma} không thuộc thẩm quyền của phường. Xem: {lien_ket}",
    Status.REOPENED: "Phản ánh {ma} đã được mở lại theo ý kiến của bạn. Theo dõi: {lien_ket}",
}
PLACEHOLDERS = {"ma", "trang_thai", "lien_ket", "phuong"}
MAX_BACKOFF = 6 * 3600


def check_text(text):
    """The placeholders of ``text`` that are not known, or a format error, as a Vietnamese
    message; None when the text can be used."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return "Dấu ngoặc { } không khớp. Dùng {ma}, {trang_thai}, {lien_ket}, {phuong}."
    unknown = sorted(names - PLACEHOLDERS)
    if unknown:
        return (
            "Không dùng được: "
            + ", ".join("{" + name + "}" for name in unknown)
            + ". Chỉ dùng {ma}, {trang_thai}, {lien_ket}, {phuong}."
        )
    return None


class Message:
    """What one delivery says: ``text`` (SMS, Zalo, the e-mail's first line), the e-mail's
    subject and body (with the ward's public note), and ``fields`` for a ZNS template."""

    def __init__(self, report, entry, text):
        self.text = text
        self.subject = f"Phản ánh {report.code}: {entry.get_status_display()}"
        self.body = (
            text
            + "\n"
            + (f"\n{entry.note}\n" if entry.note else "")
            + "\nĐây là thư tự động, vui lòng không trả lời.\n"
        )
        self.fields = {
            "ma": report.code,
            "trang_thai": entry.get_status_display(),
            "lien_ket": _status_url(report),
        }


def _status_url(report):
    from .notify import status_url

    return status_url(report)


def ward_name(site):
    from content.models import WardSettings

    return site.site_name or WardSettings.for_site(site).ward_name


def message_for(report, entry):
    row = MessageText.objects.filter(site_id=report.site_id, status=entry.status).first()
    template = row.text if row and not check_text(row.text) else DEFAULT_TEXTS[entry.status]
    values = {
        "ma": report.code,
        "trang_thai": entry.get_status_display(),
        "lien_ket": _status_url(report),
        "phuong": ward_name(report.site),
    }
    return Message(report, entry, template.format_map(values).strip())


def backoff(attempts):
    """Seconds to wait after ``attempts`` failed tries: 1, 2, 4 … minutes, at most 6 hours."""
    return min(60 * 2 ** max(attempts - 1, 0), MAX_BACKOFF)


def enqueue(report, entry):
    """Add the rows for status change ``entry`` (one per chosen channel) and queue them after
    commit. Nothing for a report without channels or anonymised."""
    if report.anonymised_at or not report.channels:
        return []
    ids = []
    for channel in report.channels:
        if channel == Channel.EMAIL and entry.status == Status.RECEIVED:
            continue  # the receipt e-mail with the code (notify.send_new_report)
        try:
            with transaction.atomic():
                delivery = NotificationDelivery.objects.create(
                    site_id=report.site_id,
                    report=report,
                    entry=entry,
                    channel=channel,
                    status=entry.status,
                    key=f"pa-{entry.pk}-{channel}",
                )
        except IntegrityError:
            continue  # already there
        ids.append(delivery.pk)
    if ids:
        from .notify import _queue_soon

        transaction.on_commit(
            lambda: [_queue_soon(pk, "deliver_notification") for pk in ids], robust=True
        )
    return ids


def deliver(delivery_id, now=None):
    """Send delivery ``delivery_id`` if it is due and unsent. Returns True when this call sent
    it. A failed send is rescheduled (or marked failed) and logged, never raised."""
    from .channels import DeliveryError, adapter

    now = now or timezone.now()
    with transaction.atomic():
        delivery = (
            NotificationDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("report__site__root_page", "report__category", "entry")
            .filter(
                pk=delivery_id,
                state=NotificationDelivery.State.PENDING,
                next_attempt_at__lte=now,
            )
            .first()
        )
        if delivery is None:
            return False
        report = delivery.report
        channel = adapter(delivery.channel)
        to = channel.address(report)
        if report.anonymised_at or not to:
            delivery.state = NotificationDelivery.State.SKIPPED
            delivery.save(update_fields=["state"])
            return False
        delivery.attempts += 1
        try:
            channel.send(report.site, to, message_for(report, delivery.entry), delivery.key)
        except DeliveryError as error:
            delivery.last_error = str(error)[:300]
            if not error.retryable or delivery.attempts >= settings.FEEDBACK_NOTIFY_MAX_ATTEMPTS:
                delivery.state = NotificationDelivery.State.FAILED
            else:
                delivery.next_attempt_at = now + datetime.timedelta(
                    seconds=backoff(delivery.attempts)
                )
            delivery.save(update_fields=["attempts", "last_error", "state", "next_attempt_at"])
            logger.warning(
                "citizen notification not sent",
                extra={"delivery": delivery.pk, "channel": delivery.channel, "error": str(error)},
            )
            return False
        delivery.state = NotificationDelivery.State.SENT
        delivery.sent_at = timezone.now()
        delivery.last_error = ""
        delivery.save(update_fields=["attempts", "state", "sent_at", "last_error"])
    return True


def drain(now=None, limit=500):
    """Send every delivery that is due (the broker was down, or a gateway failed). Returns
    how many went."""
    now = now or timezone.now()
    due = NotificationDelivery.objects.filter(
        state=NotificationDelivery.State.PENDING, next_attempt_at__lte=now
    ).order_by("next_attempt_at", "pk")
    sent = 0
    for delivery_id in list(due.values_list("pk", flat=True)[:limit]):
        sent += deliver(delivery_id, now=now)
    return sent

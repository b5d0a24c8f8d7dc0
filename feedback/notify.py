"""Telling the ward's staff about a new report, exactly once, whatever Redis does.

The report is committed first; only then is a task queued (``transaction.on_commit``). When the
broker is down the queueing fails quietly and the report waits with ``notified_at`` empty;
the sweeper (Celery beat, every five minutes) sends what is still unsent. Sending locks the
report row and sets ``notified_at`` in the same transaction, so two runs never send twice.
Messages carry the code, category and place: never the reporter's personal data.
"""

import logging
import threading

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from content.models import Notification

from .models import FeedbackReport, FeedbackStatusEntry, Status

logger = logging.getLogger(__name__)


QUEUE_THREAD_NAME = "feedback-queue"


def queue_new_report(report_id):
    """After commit, queue the notification; a dead broker only delays it."""
    transaction.on_commit(lambda: _queue_soon(report_id))


def _queue_soon(object_id, task_name="notify_new_report"):
    """Publish from a short-lived thread: redis-py retries a refused connection for several
    seconds, and the citizen must not wait for that. Tasks run in process (no broker) are run
    at once."""
    from portal.celery import app

    if app.conf.task_always_eager:
        _queue(object_id, task_name)
        return
    threading.Thread(
        target=_queue, args=(object_id, task_name), name=QUEUE_THREAD_NAME, daemon=True
    ).start()


def _queue(object_id, task_name="notify_new_report"):
    from . import tasks

    try:
        getattr(tasks, task_name).apply_async((object_id,), retry=False)
    except Exception:
        logger.warning(
            "could not queue feedback notification; the sweeper will send it",
            extra={"id": object_id, "task": task_name},
            exc_info=True,
        )


def queue_status_email(entry_id):
    """After commit, queue the e-mail telling the reporter of a status change."""
    transaction.on_commit(lambda: _queue_soon(entry_id, "email_status_change"))


def handlers(site_id):
    """Active staff of the ward who may handle reports."""
    return (
        get_user_model()
        .objects.filter(is_active=True, staff_profile__site_id=site_id)
        .filter(
            Q(groups__permissions__codename="change_feedbackreport")
            | Q(user_permissions__codename="change_feedbackreport")
        )
        .distinct()
    )


def send_new_report(report_id):
    """Notify the ward's handlers of report ``report_id`` unless that was done. Returns True
    when this call sent it."""
    with transaction.atomic():
        report = (
            FeedbackReport.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("category", "place", "site__root_page")
            .filter(pk=report_id, notified_at__isnull=True)
            .first()
        )
        if report is None:
            return False
        message = f"Phản ánh mới {report.code}: {report.display_title}"[:300]
        if report.urgency == "khan":
            message = "[KHẨN] " + message
        users = list(handlers(report.site_id))
        Notification.objects.bulk_create(
            [Notification(recipient=user, message=message) for user in users]
        )
        emails = [user.email for user in users if user.email]
        if emails:
            link = (
                settings.WAGTAILADMIN_BASE_URL.rstrip("/")
                + f"/admin/feedback/report/edit/{report.pk}/"
            )
            # An error here rolls back notified_at: the sweeper tries again later.
            send_mail(
                subject=f"[Cổng thông tin] {message[:120]}",
                message=f"{message}\n\nXử lý tại: {link}\n",
                from_email=None,
                recipient_list=emails,
            )
        report.notified_at = timezone.now()
        fields = ["notified_at"]
        if report.contact_email and report.reporter_emailed_at is None:
            _email_reporter(report)
            report.reporter_emailed_at = report.notified_at
            fields.append("reporter_emailed_at")
        report.save(update_fields=fields)
    return True


def status_url(report):
    """The absolute address of the report's public status page, or "" without a pillar page."""
    from .models import feedback_page

    page = feedback_page(report.site)
    if page is None:
        return ""
    return page.full_url + page.reverse_subpage("status_route", args=[report.code])


def _email_reporter(report):
    """The tracking code, to the address the reporter left. Plain text: nothing the reporter
    wrote is repeated, only the code, category and link."""
    url = status_url(report)
    body = (
        f"Ủy ban nhân dân phường đã nhận phản ánh của bạn.\n\n"
        f"Mã phản ánh: {report.code}\n"
        f"Lĩnh vực: {report.category.name}\n"
        + (f"Theo dõi tiến độ: {url}\n" if url else "")
        + "\nĐây là thư tự động, vui lòng không trả lời.\n"
    )
    send_mail(
        subject=f"Đã nhận phản ánh {report.code}",
        message=body,
        from_email=None,
        recipient_list=[report.contact_email],
    )


def pending_status_emails():
    return (
        FeedbackStatusEntry.objects.filter(
            reporter_emailed_at__isnull=True,
            report__source="portal",
            report__anonymised_at__isnull=True,
        )
        .exclude(status=Status.RECEIVED)
        .exclude(report__contact_email="")
    )


def send_status_email(entry_id):
    """Tell the reporter of status change ``entry_id`` unless that was done. Plain text: the
    code, the new status and the ward's public note. Returns True when this call sent it."""
    with transaction.atomic():
        entry = (
            pending_status_emails()
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("report", "report__site__root_page")
            .filter(pk=entry_id)
            .first()
        )
        if entry is None:
            return False
        report = entry.report
        url = status_url(report)
        body = (
            f"Phản ánh {report.code}: {entry.get_status_display()}.\n"
            + (f"{entry.note}\n" if entry.note else "")
            + (f"\nXem chi tiết: {url}\n" if url else "")
            + "\nĐây là thư tự động, vui lòng không trả lời.\n"
        )
        send_mail(
            subject=f"Phản ánh {report.code}: {entry.get_status_display()}",
            message=body,
            from_email=None,
            recipient_list=[report.contact_email],
        )
        entry.reporter_emailed_at = timezone.now()
        entry.save(update_fields=["reporter_emailed_at"])
    return True


def sweep():
    """Send every notification still unsent (the broker was down, or a send failed)."""
    sent = 0
    for entry_id in list(pending_status_emails().values_list("pk", flat=True)):
        try:
            sent += send_status_email(entry_id)
        except OSError:
            logger.warning("status e-mail failed", extra={"entry": entry_id}, exc_info=True)
    pending = FeedbackReport.objects.filter(notified_at__isnull=True, source="portal").values_list(
        "pk", flat=True
    )
    for report_id in list(pending):
        try:
            sent += send_new_report(report_id)
        except OSError:
            logger.warning(
                "feedback notification failed", extra={"report": report_id}, exc_info=True
            )
    return sent

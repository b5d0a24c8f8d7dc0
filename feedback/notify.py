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

from .models import FeedbackReport

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


def queue_reopened(report_id):
    """Within the reopening's transaction: tell the report's handlers (the member of staff it
    is assigned to, else the ward's handlers) that the citizen reopened it. The admin
    notification is stored now and e-mailed after commit (content.notifications)."""
    from content.notifications import notify

    report = FeedbackReport.objects.select_related("category", "place").get(pk=report_id)
    users = []
    if report.assigned_user_id and report.assigned_user.is_active:
        users = [report.assigned_user]
    if not users:
        users = list(handlers(report.site_id))
    message = f"Người dân mở lại phản ánh {report.code}: {report.display_title}"
    notify(users, None, message)


def sweep():
    """Send every notification still unsent (the broker was down, or a send failed): the
    staff's, the receipts, and the citizen's outbox (feedback/outbox.py)."""
    from .outbox import drain

    sent = drain()
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

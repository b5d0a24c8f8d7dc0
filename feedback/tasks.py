"""Celery tasks of the feedback pillar; each is safe to run twice."""

import logging

from celery import shared_task
from django.core.management import call_command

logger = logging.getLogger(__name__)


@shared_task(name="feedback.tasks.notify_new_report", ignore_result=True)
def notify_new_report(report_id):
    from .notify import send_new_report

    send_new_report(report_id)


@shared_task(name="feedback.tasks.deliver_notification", ignore_result=True)
def deliver_notification(delivery_id):
    """One message to the citizen (feedback/outbox.py); a failure waits for drain_outbox."""
    from .outbox import deliver

    deliver(delivery_id)


@shared_task(name="feedback.tasks.email_status_change", ignore_result=True)
def email_status_change(entry_id):
    """Kept so that a message queued by the previous release is consumed; the outbox sends
    status changes now."""


@shared_task(name="feedback.tasks.drain_outbox", ignore_result=True)
def drain_outbox():
    """Send the citizen's messages that are due (queued while Redis was down, or retried)."""
    from .outbox import drain

    return drain()


@shared_task(name="feedback.tasks.sweep_notifications", ignore_result=True)
def sweep_notifications():
    """Send what the broker could not queue (notify.sweep)."""
    call_command("sweep_feedback_notifications")


@shared_task(name="feedback.tasks.anonymise_expired", ignore_result=True)
def anonymise_expired():
    call_command("anonymise_feedback")


@shared_task(name="feedback.tasks.sync_ihanoi", ignore_result=True)
def sync_ihanoi():
    """Hourly pull of every ward's iHanoi items, one subtask per ward with its iHanoi unit
    (content.ward_jobs.fan_out); does nothing until IHANOI_URL is set."""
    from django.conf import settings

    from content.ward_jobs import fan_out

    from .ihanoi import UNIT_FIELD

    if not settings.IHANOI_URL:
        return "IHANOI_URL is not set; nothing to do."
    return fan_out(sync_ward_ihanoi, "sync_ihanoi", UNIT_FIELD)


@shared_task(name="feedback.tasks.sync_ward_ihanoi", bind=True, ignore_result=True, max_retries=2)
def sync_ward_ihanoi(self, site_id):
    """One ward's iHanoi sync. A run that could not reach iHanoi is retried for this ward
    after 5 and 10 minutes (the next hourly pass tries again anyway); while another sync of
    the same ward runs, this one gives way."""
    from wagtail.models import Site

    from content.models import SyncRun
    from content.upstream import retry_delay
    from content.ward_jobs import NoUnit

    from . import ihanoi

    site = Site.objects.filter(pk=site_id).first()
    if site is None:
        return f"No ward {site_id}."
    try:
        run = ihanoi.sync_ward(site)
    except (NoUnit, ihanoi.SyncBusy) as error:
        return str(error)
    if run is None:
        return "IHANOI_URL is not set; nothing to do."
    # A timeout or a 5xx may pass: tried again later. A 401 or 422 will not (content/upstream.py).
    retryable = run.status == SyncRun.Status.FAILED and getattr(run, "retryable", True)
    if retryable and self.request.retries < self.max_retries:
        raise self.retry(countdown=retry_delay(self.request.retries))
    return run.message


@shared_task(name="feedback.tasks.write_spooled_reports", ignore_result=True)
def write_spooled_reports():
    """Write the reports kept on disk while the database was down (feedback.spool); nothing
    to do, and no query, while there are none. While it is still down, the next run tries
    again."""
    from django.db.utils import OperationalError

    try:
        call_command("write_spooled_reports")
    except OperationalError as error:
        logger.warning("kept reports wait: the database is still down", extra={"error": str(error)})

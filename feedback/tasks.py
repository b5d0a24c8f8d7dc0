"""Celery tasks of the feedback pillar; each is safe to run twice."""

import logging

from celery import shared_task
from django.core.management import call_command

logger = logging.getLogger(__name__)


@shared_task(name="feedback.tasks.notify_new_report", ignore_result=True)
def notify_new_report(report_id):
    from .notify import send_new_report

    send_new_report(report_id)


@shared_task(name="feedback.tasks.email_status_change", ignore_result=True)
def email_status_change(entry_id):
    from .notify import send_status_email

    send_status_email(entry_id)


@shared_task(name="feedback.tasks.sweep_notifications", ignore_result=True)
def sweep_notifications():
    """Send what the broker could not queue (notify.sweep)."""
    call_command("sweep_feedback_notifications")


@shared_task(name="feedback.tasks.anonymise_expired", ignore_result=True)
def anonymise_expired():
    call_command("anonymise_feedback")


@shared_task(name="feedback.tasks.sync_ihanoi", ignore_result=True)
def sync_ihanoi():
    """Hourly pull of iHanoi items; does nothing until IHANOI_URL is set."""
    from django.conf import settings

    if not settings.IHANOI_URL:
        return "IHANOI_URL is not set; nothing to do."
    call_command("sync_ihanoi")


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

"""Periodic jobs of the shared app; each is a thin wrapper over a management command."""

from celery import shared_task
from django.core.management import call_command


@shared_task(name="content.tasks.publish_scheduled_pages", ignore_result=True)
def publish_scheduled_pages():
    """Publish pages whose go-live time has come and unpublish expired ones."""
    call_command("publish_scheduled")


@shared_task(name="content.tasks.send_notification_emails", ignore_result=True)
def send_notification_emails(notification_ids):
    """E-mail stored notifications that have not been e-mailed yet (safe to run twice)."""
    from .mail import send_notification_emails as send

    send(notification_ids)


@shared_task(name="content.tasks.send_review_reminders", ignore_result=True)
def send_review_reminders():
    """Remind owner groups of pages past their review-by date, once per page per period."""
    call_command("send_review_reminders")


@shared_task(name="content.tasks.purge_records", ignore_result=True)
def purge_records(records):
    """Purge the caching front of the pages that show changed records (content/front_purge.py)."""
    from .front_purge import purge_records_now

    purge_records_now(records)


@shared_task(name="content.tasks.backup", ignore_result=True)
def backup():
    """Write tonight's backup set into BACKUP_DIR (content/backups.py)."""
    call_command("backup")


@shared_task(name="content.tasks.verify_backup", ignore_result=True)
def verify_backup():
    """Restore the newest backup into a scratch database and record whether it holds up. A
    failed check is recorded (the admin home and /healthz show it), not raised."""
    from .backups import verify_latest

    verify_latest()

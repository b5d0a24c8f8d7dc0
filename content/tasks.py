"""Periodic jobs of the shared app; each is a thin wrapper over a management command."""

from celery import shared_task
from django.core.management import call_command


@shared_task(name="content.tasks.publish_scheduled_pages", ignore_result=True)
def publish_scheduled_pages():
    """Publish pages whose go-live time has come and unpublish expired ones."""
    call_command("publish_scheduled")

"""Celery tasks of the procedures pillar: thin wrappers over ``tthc.sync``."""

from celery import shared_task
from django.conf import settings

from content.models import SyncRun
from content.upstream import retry_delay

from . import sync


@shared_task(
    name="tthc.tasks.sync_procedures",
    bind=True,
    autoretry_for=(sync.SyncBusy,),
    retry_backoff=300,
    retry_backoff_max=3600,
    max_retries=3,
)
def sync_procedures(self):
    """Nightly pull of the catalogue. HTTP calls retry with backoff inside the client; a run
    that fails to reach the upstream is retried by Celery with backoff as well."""
    if not settings.TTHC_CATALOGUE_URL:
        return "TTHC_CATALOGUE_URL is not set; nothing to do."
    run = sync.sync_from_url(settings.TTHC_CATALOGUE_URL, settings.TTHC_CATALOGUE_TOKEN or "")
    # A timeout or a 5xx may pass: tried again later. A 401 or 422 will not (content/upstream.py).
    retryable = run.status == SyncRun.Status.FAILED and getattr(run, "retryable", True)
    if retryable and self.request.retries < self.max_retries:
        raise self.retry(countdown=retry_delay(self.request.retries))
    # A refused catalogue (malformed, or one that would withdraw too much) is not retried: it
    # waits for a person (the admin home says so).
    if run.status != SyncRun.Status.SUCCESS:
        return f"{run.get_status_display()}: {run.message}"
    return run.summary()

"""Celery tasks of the dashboard: thin wrappers over ``dashboard.jobs``."""

from celery import shared_task
from django.conf import settings
from wagtail.models import Site

from content.models import SyncRun

from . import jobs
from .sources.base import Busy


@shared_task(
    name="dashboard.tasks.pull_case_stats",
    bind=True,
    autoretry_for=(Busy,),
    retry_backoff=300,
    retry_backoff_max=3600,
    max_retries=3,
)
def pull_case_stats(self):
    """Nightly pull of the default ward's case statistics (CASE_STATS_URL is one ward's feed).
    HTTP calls retry with backoff inside the client; a run that could not reach the upstream
    is retried by Celery with backoff as well."""
    if not settings.CASE_STATS_URL:
        return "CASE_STATS_URL is not set; nothing to do."
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return "No ward."
    run = jobs.pull_case_stats(site)
    if run.status == SyncRun.Status.FAILED and self.request.retries < self.max_retries:
        raise self.retry(countdown=300 * 2**self.request.retries)
    return run.message


@shared_task(
    name="dashboard.tasks.compute_feedback_stats",
    autoretry_for=(Busy,),
    retry_backoff=60,
    max_retries=3,
    ignore_result=True,
)
def compute_feedback_stats():
    for site in jobs.wards():
        jobs.compute_feedback_stats(site)


@shared_task(
    name="dashboard.tasks.compute_portal_stats",
    autoretry_for=(Busy,),
    retry_backoff=60,
    max_retries=3,
    ignore_result=True,
)
def compute_portal_stats():
    for site in jobs.wards():
        jobs.compute_portal_stats(site)

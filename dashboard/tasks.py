"""Celery tasks of the dashboard: thin wrappers over ``dashboard.jobs``.

Each beat entry is a pass over every ward: it queues one subtask per ward
(``content.ward_jobs.fan_out``), so one ward's failing upstream is retried, logged and
reported for that ward alone, and the other wards get their figures."""

from celery import shared_task
from django.conf import settings
from wagtail.models import Site

from content.models import SyncRun
from content.upstream import retry_delay
from content.ward_jobs import NoUnit, fan_out

from . import jobs
from .sources.base import Busy


@shared_task(name="dashboard.tasks.pull_case_stats")
def pull_case_stats():
    """Nightly pull of every ward's case statistics, one subtask per ward with a unit code."""
    if not settings.CASE_STATS_URL:
        return "CASE_STATS_URL is not set; nothing to do."
    return fan_out(pull_ward_case_stats, "pull_case_stats", jobs.CASES_UNIT_FIELD)


@shared_task(
    name="dashboard.tasks.pull_ward_case_stats",
    bind=True,
    autoretry_for=(Busy,),
    retry_backoff=300,
    retry_backoff_max=3600,
    max_retries=3,
)
def pull_ward_case_stats(self, site_id):
    """One ward's pull. HTTP calls retry with backoff inside the client; a run that could not
    reach the upstream is retried by Celery with backoff as well, for this ward only."""
    site = Site.objects.filter(pk=site_id).first()
    if site is None:
        return f"No ward {site_id}."
    try:
        run = jobs.pull_case_stats(site)
    except NoUnit as error:
        return str(error)
    if run is None:
        return "CASE_STATS_URL is not set; nothing to do."
    # A timeout or a 5xx may pass: tried again later. A 401 or 422 will not (content/upstream.py).
    retryable = run.status == SyncRun.Status.FAILED and getattr(run, "retryable", True)
    if retryable and self.request.retries < self.max_retries:
        raise self.retry(countdown=retry_delay(self.request.retries))
    return run.message


@shared_task(name="dashboard.tasks.compute_feedback_stats", ignore_result=True)
def compute_feedback_stats():
    return fan_out(compute_ward_feedback_stats, "compute_feedback_stats")


@shared_task(
    name="dashboard.tasks.compute_ward_feedback_stats",
    autoretry_for=(Busy,),
    retry_backoff=60,
    max_retries=3,
    ignore_result=True,
)
def compute_ward_feedback_stats(site_id):
    site = Site.objects.filter(pk=site_id).first()
    if site is not None:
        jobs.compute_feedback_stats(site)


@shared_task(name="dashboard.tasks.compute_portal_stats", ignore_result=True)
def compute_portal_stats():
    return fan_out(compute_ward_portal_stats, "compute_portal_stats")


@shared_task(
    name="dashboard.tasks.compute_ward_portal_stats",
    autoretry_for=(Busy,),
    retry_backoff=60,
    max_retries=3,
    ignore_result=True,
)
def compute_ward_portal_stats(site_id):
    site = Site.objects.filter(pk=site_id).first()
    if site is not None:
        jobs.compute_portal_stats(site)

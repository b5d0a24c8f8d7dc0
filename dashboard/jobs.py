"""The dashboard's jobs, each written once: the management commands and the Celery tasks
call these. Every job is idempotent (a month is replaced, never added to) and logged."""

from django.conf import settings
from wagtail.models import Site

from .sources import cases, feedback, portal


def wards(site_id=None):
    sites = Site.objects.order_by("pk")
    return sites.filter(pk=site_id) if site_id else sites


def pull_case_stats(site, url=None, token=None):
    """Pull the ward's case statistics from the national portal; None when no URL is set."""
    url = url or settings.CASE_STATS_URL
    if not url:
        return None
    return cases.pull(site, url, token if token is not None else settings.CASE_STATS_TOKEN or "")


def compute_feedback_stats(site, months=2):
    return feedback.compute(site, months)


def compute_portal_stats(site, months=2):
    return portal.compute(site, months)

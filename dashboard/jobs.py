"""The dashboard's jobs, each written once: the management commands and the Celery tasks
call these. Every job is idempotent (a month is replaced, never added to) and logged."""

from django.conf import settings

from content.upstream import unit_url
from content.ward_jobs import require_unit

from .sources import cases, feedback, portal

# The ward's unit at the national public-service portal (WardSettings).
CASES_UNIT_FIELD = "dvc_unit_code"


def pull_case_stats(site, url=None, token=None, **client_options):
    """Pull the ward's case statistics from the national portal; None when no URL is set.
    ``url`` (default CASE_STATS_URL) is the upstream's base: the ward's unit code goes in its
    ``{unit}`` or as ``?unit=`` (content.upstream.unit_url). Raises ``NoUnit`` for a ward
    without a unit code."""
    base_url = url or settings.CASE_STATS_URL
    if not base_url:
        return None
    unit = require_unit(site, CASES_UNIT_FIELD)
    token = token if token is not None else settings.CASE_STATS_TOKEN or ""
    return cases.pull(site, unit_url(base_url, unit), token, unit=unit, **client_options)


def compute_feedback_stats(site, months=2):
    return feedback.compute(site, months)


def compute_portal_stats(site, months=2):
    return portal.compute(site, months)

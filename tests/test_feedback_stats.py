"""Counts the dashboard computes feedback rates from (feedback/stats.py)."""

import datetime

import pytest
from django.utils import timezone

from feedback.models import FeedbackReport, PageUsefulness, Status
from feedback.stats import feedback_counts
from tests import feedback_helpers
from tests.feedback_helpers import make_report

ward = feedback_helpers.ward
photo_root = feedback_helpers.photo_root

pytestmark = pytest.mark.django_db


def test_counts_of_a_period(ward):
    now = timezone.now()
    start, end = now - datetime.timedelta(days=30), now + datetime.timedelta(minutes=1)
    on_time = make_report(ward)
    on_time.change_status(Status.RESOLVED, note="Xong.")
    FeedbackReport.objects.filter(pk=on_time.pk).update(rating=5)
    late = make_report(ward)
    FeedbackReport.objects.filter(pk=late.pk).update(due_at=now - datetime.timedelta(hours=1))
    late.refresh_from_db()
    late.change_status(Status.RESOLVED, note="Xong muộn.")
    FeedbackReport.objects.filter(pk=late.pk).update(rating=2)
    overdue = make_report(ward)
    FeedbackReport.objects.filter(pk=overdue.pk).update(due_at=now - datetime.timedelta(hours=1))
    make_report(ward, received_at=now - datetime.timedelta(days=60))  # outside the period
    PageUsefulness.objects.create(site=ward, page=ward.root_page, useful=True)
    PageUsefulness.objects.create(site=ward, page=ward.root_page, useful=False)

    counts = feedback_counts(ward.pk, start, end)
    assert counts.received == 3
    assert counts.resolved == counts.closed == 2
    assert counts.closed_on_time == 1
    assert counts.open_overdue == 1
    assert (counts.rated, counts.satisfied, counts.mean_rating) == (2, 1, 3.5)
    assert (counts.useful_yes, counts.useful_answers) == (1, 2)


def test_counts_cost_a_fixed_number_of_queries(ward, django_assert_max_num_queries):
    for _ in range(5):
        make_report(ward)
    now = timezone.now()
    with django_assert_max_num_queries(3):
        feedback_counts(ward.pk, now - datetime.timedelta(days=1), now)

"""Step 5, follow-up: pages past their review-by date and the reminders sent about them."""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import BasePage, ReviewReminder
from .notifications import notify, ward_members


def pages_past_review(root=None, today=None):
    """Live pages (specific) whose review-by date has passed, optionally under ``root``."""
    today = today or timezone.localdate()
    found = []
    for model in BasePage.__subclasses__():
        queryset = model.objects.live().filter(review_by__lt=today)
        if root is not None:
            queryset = queryset.descendant_of(root, inclusive=True)
        found.extend(queryset.select_related("owner_group"))
    return sorted(found, key=lambda page: page.review_by)


def current_period(today=None):
    """The first day of the reminder period holding ``today``; periods are counted from a
    fixed Monday so that every ward and every run agrees on them."""
    today = today or timezone.localdate()
    length = settings.REVIEW_REMINDER_PERIOD_DAYS
    epoch = datetime.date(2024, 1, 1)
    return epoch + datetime.timedelta(days=((today - epoch).days // length) * length)


def send_review_reminders(today=None):
    """Remind each overdue page's owner group once per period. Returns the pages reminded."""
    period = current_period(today)
    reminded = []
    for page in pages_past_review(today=today):
        if not page.owner_group_id:
            continue
        try:
            with transaction.atomic():
                ReviewReminder.objects.create(page=page, period=period, review_by=page.review_by)
                notify(
                    ward_members([page.owner_group], page),
                    page,
                    f"«{page.title}» đã quá hạn rà soát ({page.review_by:%d/%m/%Y}): "
                    "hãy kiểm tra, cập nhật hoặc đặt hạn mới.",
                )
        except IntegrityError:
            continue  # already reminded in this period
        reminded.append(page)
    return reminded

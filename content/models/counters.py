"""Counting without personal data: one row per thing and day, incremented in place."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone


def add_one(model, values=None, **keys):
    """Add one to today's ``count`` of ``model`` for ``keys``, and set the fields in ``values``;
    concurrent calls add up (no lost update), and the first call of a day creates the row."""
    keys["day"] = timezone.localdate()
    values = values or {}
    if model.objects.filter(**keys).update(count=F("count") + 1, **values):
        return
    try:
        with transaction.atomic():
            model.objects.create(count=1, **keys, **values)
    except IntegrityError:
        model.objects.filter(**keys).update(count=F("count") + 1, **values)

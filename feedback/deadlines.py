"""Deadlines counted in working time (DESIGN.md §4): Monday to Friday, office hours from the
settings (``WORKING_HOURS``), minus Vietnamese public holidays (Tết included, from the
``holidays`` package) and minus pauses (time a report waits on something outside the ward).

A deadline of N working days is N × the length of a working day in working hours, so a report
received on Friday at 16:00 with one working day is due on Monday at 15:00 (office hours
7:30–11:30 and 13:00–17:00). Time received outside office hours starts at the next opening.

Nothing here touches the database; any module of the project may use it.
"""

import datetime
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone


def parse_working_hours(value):
    """``"07:30-11:30,13:00-17:00"`` → ``[(time(7, 30), time(11, 30)), (time(13), time(17))]``."""
    periods = []
    for part in str(value).split(","):
        if not part.strip():
            continue
        start, _, end = part.strip().partition("-")
        start_t = datetime.time.fromisoformat(start.strip().rjust(5, "0"))
        end_t = datetime.time.fromisoformat(end.strip().rjust(5, "0"))
        if end_t <= start_t:
            raise ValueError(f"working period {part!r} ends before it starts")
        periods.append((start_t, end_t))
    if not periods:
        raise ValueError("no working period given")
    return sorted(periods)


def office_periods():
    return parse_working_hours(getattr(settings, "WORKING_HOURS", "07:30-11:30,13:00-17:00"))


def hours_per_day(periods=None):
    """Length of one working day in hours (8.0 with the default office hours)."""
    total = datetime.timedelta()
    for start, end in periods or office_periods():
        total += datetime.datetime.combine(datetime.date.min, end) - datetime.datetime.combine(
            datetime.date.min, start
        )
    return total.total_seconds() / 3600


@lru_cache(maxsize=64)
def _vn_holidays(year):
    return frozenset(holidays.country_holidays("VN", years=year).keys())


def is_working_day(day):
    """Monday–Friday and not a Vietnamese public holiday (nor one in ``EXTRA_HOLIDAYS``)."""
    if day.weekday() >= 5:
        return False
    if day in _vn_holidays(day.year):
        return False
    return day.isoformat() not in set(getattr(settings, "EXTRA_HOLIDAYS", ()))


def _working_intervals(day, tz, periods):
    if not is_working_day(day):
        return []
    return [
        (
            datetime.datetime.combine(day, start, tzinfo=tz),
            datetime.datetime.combine(day, end, tzinfo=tz),
        )
        for start, end in periods
    ]


def _subtract(interval, pauses):
    """Parts of ``interval`` not covered by any pause (pauses: (start, end|None) pairs)."""
    parts = [interval]
    for p_start, p_end in pauses:
        p_end = p_end or datetime.datetime.max.replace(tzinfo=datetime.UTC)
        next_parts = []
        for start, end in parts:
            if p_end <= start or p_start >= end:
                next_parts.append((start, end))
                continue
            if p_start > start:
                next_parts.append((start, p_start))
            if p_end < end:
                next_parts.append((p_end, end))
        parts = next_parts
    return parts


def add_working_time(start, hours, pauses=()):
    """The moment ``hours`` working hours after ``start``, skipping pauses; an open pause
    (end None) means the deadline cannot be known yet, and None is returned."""
    if any(p_end is None for _, p_end in pauses):
        return None
    tz = timezone.get_default_timezone()
    start = start.astimezone(tz)
    remaining = datetime.timedelta(hours=hours)
    periods = office_periods()
    day = start.date()
    # 3660 days is far beyond any deadline: a guard against an endless loop, not a limit.
    for _ in range(3660):
        for iv_start, iv_end in _working_intervals(day, tz, periods):
            iv_start = max(iv_start, start)
            if iv_end <= iv_start:
                continue
            for part_start, part_end in _subtract((iv_start, iv_end), pauses):
                length = part_end - part_start
                if length >= remaining:
                    return part_start + remaining
                remaining -= length
        day += datetime.timedelta(days=1)
    raise ValueError("deadline too far away")


def add_working_days(start, days, pauses=()):
    return add_working_time(start, days * hours_per_day(), pauses)


def working_hours_between(start, end, pauses=()):
    """Working hours from ``start`` to ``end`` (0 when end is earlier), pauses excluded."""
    if end <= start:
        return 0.0
    tz = timezone.get_default_timezone()
    start, end = start.astimezone(tz), end.astimezone(tz)
    periods = office_periods()
    total = datetime.timedelta()
    day = start.date()
    while day <= end.date():
        for iv_start, iv_end in _working_intervals(day, tz, periods):
            iv_start, iv_end = max(iv_start, start), min(iv_end, end)
            if iv_end <= iv_start:
                continue
            for part_start, part_end in _subtract((iv_start, iv_end), pauses):
                total += part_end - part_start
        day += datetime.timedelta(days=1)
    return total.total_seconds() / 3600

"""Deadlines in working time (feedback/deadlines.py): office hours, weekends, Vietnamese
public holidays with Tết, and pauses that do not count."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from feedback import deadlines

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(autouse=True)
def _office_hours(settings):
    settings.WORKING_HOURS = "07:30-11:30,13:00-17:00"
    settings.EXTRA_HOLIDAYS = []


def at(*args):
    return datetime.datetime(*args, tzinfo=VN)


def test_a_working_day_is_eight_hours_with_the_default_office_hours():
    assert deadlines.hours_per_day() == 8.0


def test_friday_afternoon_report_is_due_on_monday_afternoon_skipping_the_weekend():
    # Friday 27 Nov 2026, 16:00; one working day: 1 h on Friday, 7 h on Monday.
    assert deadlines.add_working_days(at(2026, 11, 27, 16, 0), 1) == at(2026, 11, 30, 16, 0)


def test_report_sent_on_saturday_starts_counting_on_monday_morning():
    assert deadlines.add_working_time(at(2026, 11, 28, 10, 0), 4) == at(2026, 11, 30, 11, 30)


def test_lunch_break_does_not_count():
    assert deadlines.add_working_time(at(2026, 11, 30, 11, 0), 1) == at(2026, 11, 30, 13, 30)
    assert deadlines.add_working_time(at(2026, 11, 30, 12, 0), 1) == at(2026, 11, 30, 14, 0)


def test_tet_holidays_come_from_the_holidays_package():
    # Tết Đinh Mùi: Thursday 4 to Wednesday 10 February 2027 are days off.
    for day in range(4, 11):
        assert not deadlines.is_working_day(datetime.date(2027, 2, day))
    assert deadlines.is_working_day(datetime.date(2027, 2, 3))
    assert deadlines.is_working_day(datetime.date(2027, 2, 11))
    # National Day, and an ordinary Tuesday.
    assert not deadlines.is_working_day(datetime.date(2026, 9, 2))
    assert deadlines.is_working_day(datetime.date(2026, 12, 1))


def test_deadline_across_tet_skips_the_holidays_and_the_weekend():
    # Wednesday before Tết, 15:00, two working days (16 h): 2 h that day, then nothing until
    # Thursday 11 Feb (8 h), and 6 h on Friday 12 Feb.
    assert deadlines.add_working_days(at(2027, 2, 3, 15, 0), 2) == at(2027, 2, 12, 15, 0)


def test_a_pause_does_not_count():
    # Monday 08:00, 8 h; paused from Monday 10:00 to Wednesday 09:00: 2 h before the pause,
    # then 2.5 h and 3.5 h on Wednesday.
    pauses = [(at(2026, 11, 30, 10, 0), at(2026, 12, 2, 9, 0))]
    assert deadlines.add_working_time(at(2026, 11, 30, 8, 0), 8, pauses) == at(2026, 12, 2, 16, 30)
    assert deadlines.add_working_time(at(2026, 11, 30, 8, 0), 8) == at(2026, 12, 1, 8, 0)


def test_a_pause_across_tet_and_a_weekend():
    # Received Wednesday 3 Feb 2027 at 08:00 with 16 h; paused from 10:00 that day until
    # Thursday 11 Feb at 09:30 (Tết and a weekend inside the pause): 2 h, then 6 h on the
    # 11th, 8 h on the 12th.
    pauses = [(at(2027, 2, 3, 10, 0), at(2027, 2, 11, 9, 30))]
    assert deadlines.add_working_time(at(2027, 2, 3, 8, 0), 16, pauses) == at(2027, 2, 12, 17, 0)


def test_an_open_pause_leaves_the_deadline_unknown():
    assert (
        deadlines.add_working_time(at(2026, 11, 30, 8, 0), 8, [(at(2026, 11, 30, 9), None)]) is None
    )


def test_working_hours_between_skips_nights_weekends_and_pauses():
    start, end = at(2026, 11, 27, 16, 0), at(2026, 11, 30, 9, 30)
    assert deadlines.working_hours_between(start, end) == 3.0
    pause = [(at(2026, 11, 30, 8, 0), at(2026, 11, 30, 9, 0))]
    assert deadlines.working_hours_between(start, end, pause) == 2.0
    assert deadlines.working_hours_between(end, start) == 0.0


def test_office_hours_and_extra_days_off_come_from_the_settings(settings):
    settings.WORKING_HOURS = "08:00-12:00,13:30-17:30"
    assert deadlines.add_working_time(at(2026, 11, 30, 11, 0), 2) == at(2026, 11, 30, 14, 30)
    settings.EXTRA_HOLIDAYS = ["2026-12-01"]
    assert deadlines.add_working_time(at(2026, 11, 30, 17, 30), 1) == at(2026, 12, 2, 9, 0)


def test_bad_office_hours_are_refused():
    with pytest.raises(ValueError):
        deadlines.parse_working_hours("17:00-07:30")
    with pytest.raises(ValueError):
        deadlines.parse_working_hours("")

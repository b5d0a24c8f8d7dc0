"""The leaders' weekly schedule: this week and next at a glance, earlier weeks archived, an
iCalendar feed that parses, and confidential entries that appear nowhere public."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar

from governance.models import ScheduleEntry, WeekSchedulePage
from governance.models.schedule import monday_of
from tests import governance_helpers as gh

pillar = gh.pillar
pytestmark = pytest.mark.django_db

SECRET = "Làm việc với đoàn kiểm tra về vụ việc MẬT-4711"


def week(pillar, monday, entries, publish=True):
    page = WeekSchedulePage(
        title=f"Lịch công tác tuần từ {monday:%d/%m/%Y}", week_start=monday, intro="Lịch tuần."
    )
    for order, (offset, hour, content, confidential) in enumerate(entries):
        page.entries.add(
            ScheduleEntry(
                sort_order=order,
                day=monday + datetime.timedelta(days=offset),
                start_time=datetime.time(hour, 0),
                end_time=datetime.time(hour + 1, 30),
                leader="Chủ tịch UBND phường",
                content=content,
                place="Phòng họp số 1",
                participants="Lãnh đạo UBND phường",
                confidential=confidential,
            )
        )
    pillar.schedule.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


@pytest.fixture
def weeks(pillar):
    this_monday = monday_of(gh.today())
    return {
        "previous": week(
            pillar,
            this_monday - datetime.timedelta(weeks=1),
            [(0, 8, "Giao ban tuần trước", False)],
        ),
        "this": week(
            pillar,
            this_monday,
            [
                (0, 8, "Giao ban đầu tuần", False),
                (2, 9, SECRET, True),
                (3, 14, "Tiếp công dân", False),
            ],
        ),
        "next": week(
            pillar, this_monday + datetime.timedelta(weeks=1), [(1, 8, "Họp HĐND tuần sau", False)]
        ),
    }


def test_this_week_and_next_at_a_glance_and_earlier_weeks_archived(client, pillar, weeks):
    html = gh.text_of(client.get(pillar.schedule.url))
    assert "Tuần này" in html and "Tuần sau" in html
    assert (
        html.index("Giao ban đầu tuần")
        < html.index("Tiếp công dân")
        < html.index("Họp HĐND tuần sau")
    )
    assert "Giao ban tuần trước" not in html
    assert "Lịch các tuần trước" in html and weeks["previous"].url in html
    assert "Giao ban tuần trước" in gh.text_of(client.get(weeks["previous"].url))


def test_a_missing_week_is_said_plainly(client, pillar):
    html = gh.text_of(client.get(pillar.schedule.url))
    assert "Lịch tuần này chưa được đăng." in html and "Lịch tuần sau chưa được đăng." in html


def test_confidential_entries_appear_nowhere_public(client, pillar, weeks):
    this = weeks["this"]
    public_urls = [
        pillar.schedule.url,
        this.url,
        pillar.schedule.url + "ical/",
        "/sitemap.xml",
        pillar.pillar.url,
    ]
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "4711" not in response.content.decode(), url
    assert "4711" not in this.search_text()
    assert "Giao ban đầu tuần" in this.search_text()
    # The office still has it.
    assert this.entries.filter(confidential=True).count() == 1


def test_ical_feed_parses_and_holds_the_public_entries(client, pillar, weeks):
    response = client.get(pillar.schedule.url + "ical/")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    summaries = sorted(str(event["SUMMARY"]) for event in events)
    assert summaries == sorted(
        ["Giao ban tuần trước", "Giao ban đầu tuần", "Tiếp công dân", "Họp HĐND tuần sau"]
    )
    first = next(e for e in events if str(e["SUMMARY"]) == "Giao ban đầu tuần")
    start = first.decoded("DTSTART")
    assert start.date() == monday_of(gh.today())
    assert (start.hour, start.utcoffset()) == (8, datetime.timedelta(hours=7))
    assert first.decoded("DTEND") - start == datetime.timedelta(hours=1, minutes=30)
    assert str(first["LOCATION"]) == "Phòng họp số 1"
    assert len({str(e["UID"]) for e in events}) == len(events)
    assert calendar.walk("VTIMEZONE"), "the feed carries its time zone"


def test_unpublished_weeks_stay_out_of_the_feed(client, pillar):
    week(pillar, monday_of(gh.today()), [(0, 8, "Bản nháp chưa duyệt", False)], publish=False)
    WeekSchedulePage.objects.update(live=False)
    body = client.get(pillar.schedule.url + "ical/").content.decode()
    assert "Bản nháp chưa duyệt" not in body
    assert "Bản nháp chưa duyệt" not in gh.text_of(client.get(pillar.schedule.url))


def test_a_week_starts_on_monday_and_holds_only_its_days(pillar):
    monday = monday_of(gh.today())
    page = WeekSchedulePage(title="Tuần thử", week_start=monday + datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "week_start" in error.value.message_dict
    page.week_start = monday
    page.entries.add(
        ScheduleEntry(
            day=monday + datetime.timedelta(days=8),
            start_time=datetime.time(8),
            leader="Chủ tịch",
            content="Ngoài tuần",
            place="Trụ sở",
        )
    )
    with pytest.raises(ValidationError):
        page.full_clean()


def test_week_address_comes_from_its_monday(pillar, weeks):
    assert weeks["this"].slug == f"tuan-{monday_of(gh.today()):%Y-%m-%d}"


def test_schedule_query_counts_stay_flat(client, pillar):
    this_monday = monday_of(gh.today())
    week(pillar, this_monday, [(0, 8, "A", False)])
    few = gh.count_queries(client, pillar.schedule.url)
    for offset in range(1, 15):
        week(
            pillar,
            this_monday - datetime.timedelta(weeks=offset),
            [(d, 8, "B", False) for d in range(5)],
        )
    week(pillar, this_monday + datetime.timedelta(weeks=1), [(d, 9, "C", d == 2) for d in range(5)])
    many = gh.count_queries(client, pillar.schedule.url)
    assert many <= few + 1  # the second week adds nothing but its presence in the page query
    assert many <= 10, many
    assert gh.count_queries(client, pillar.schedule.url + "ical/") <= 10


def test_a_week_costs_few_queries_however_many_entries_and_weeks(client, pillar):
    this_monday = monday_of(gh.today())
    page = week(pillar, this_monday, [(0, 8, "A", False)])
    few = gh.count_queries(client, page.url)
    many = week(
        pillar,
        this_monday + datetime.timedelta(weeks=1),
        [(d, 8, "B", False) for d in range(5)] * 3,
    )
    for offset in range(1, 6):
        week(pillar, this_monday - datetime.timedelta(weeks=offset), [(0, 8, "C", False)])
    assert gh.count_queries(client, page.url) == few
    assert gh.count_queries(client, many.url) == few
    assert few <= 10, few

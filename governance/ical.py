"""The iCalendar feed of the leaders' schedule (RFC 5545, with the ``icalendar`` package)."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event

DEFAULT_LENGTH = datetime.timedelta(hours=1)


def schedule_calendar(index_page, entries, request):
    """The public ``entries`` as an iCalendar document (bytes). Callers pass only public
    entries; confidential ones are filtered out before they reach this function."""
    zone = ZoneInfo(settings.TIME_ZONE)
    host = request.get_host().split(":")[0]
    calendar = Calendar()
    calendar.add("prodid", "-//Cong thong tin phuong xa//Lich cong tac//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", index_page.title)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for entry in entries:
        start = datetime.datetime.combine(entry.day, entry.start_time, tzinfo=zone)
        end = (
            datetime.datetime.combine(entry.day, entry.end_time, tzinfo=zone)
            if entry.end_time
            else start + DEFAULT_LENGTH
        )
        event = Event()
        event.add("uid", f"lich-{entry.pk}@{host}")
        event.add("dtstamp", entry.page.last_published_at or start)
        event.add("dtstart", start)
        event.add("dtend", end)
        event.add("summary", entry.content.splitlines()[0][:200] if entry.content else "")
        event.add("location", entry.place)
        description = f"Chủ trì: {entry.leader}"
        if entry.participants:
            description += f"\nThành phần: {entry.participants}"
        event.add("description", description)
        event.add("url", request.build_absolute_uri(entry.page.get_url(request)))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()

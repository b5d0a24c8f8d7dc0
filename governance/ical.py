"""iCalendar feeds (RFC 5545, with the ``icalendar`` package): the leaders' schedule, and any
other list of public events (the health schedule of a residential group uses
``events_calendar``)."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

DEFAULT_LENGTH = datetime.timedelta(hours=1)


def events_calendar(name, items, request):
    """An iCalendar document (bytes) named ``name`` of ``items``: dicts with ``uid`` (unique
    within the site), ``start`` and ``end`` (aware datetimes), ``summary``, ``location``,
    ``description``, ``url`` and optionally ``stamp``. Callers pass only public items."""
    host = request.get_host().split(":")[0]
    calendar = Calendar()
    calendar.add("prodid", "-//Cong thong tin phuong xa//Lich//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for item in items:
        event = Event()
        event.add("uid", f"{item['uid']}@{host}")
        event.add("dtstamp", item.get("stamp") or timezone.now())
        event.add("dtstart", item["start"])
        event.add("dtend", item["end"])
        event.add("summary", item["summary"])
        event.add("location", item["location"])
        event.add("description", item["description"])
        event.add("url", item["url"])
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def schedule_calendar(index_page, entries, request):
    """The public ``entries`` as an iCalendar document (bytes). Callers pass only public
    entries; confidential ones are filtered out before they reach this function."""
    zone = ZoneInfo(settings.TIME_ZONE)
    items = []
    for entry in entries:
        start = datetime.datetime.combine(entry.day, entry.start_time, tzinfo=zone)
        end = (
            datetime.datetime.combine(entry.day, entry.end_time, tzinfo=zone)
            if entry.end_time
            else start + DEFAULT_LENGTH
        )
        description = f"Chủ trì: {entry.leader}"
        if entry.participants:
            description += f"\nThành phần: {entry.participants}"
        items.append(
            {
                "uid": f"lich-{entry.pk}",
                "stamp": entry.page.last_published_at or start,
                "start": start,
                "end": end,
                "summary": entry.content.splitlines()[0][:200] if entry.content else "",
                "location": entry.place,
                "description": description,
                "url": request.build_absolute_uri(entry.page.get_url(request)),
            }
        )
    return events_calendar(index_page.title, items, request)

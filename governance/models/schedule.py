"""The leaders' weekly schedule (lịch công tác tuần): one page per week, entries inline.

Entries marked confidential are kept for the office but never leave the admin: every public
use (the pages, the iCalendar feed, search text) filters on ``confidential=False``, and
nothing public reads a revision (the admin alone does)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable

from content.models import BasePage
from content.text import nfc
from content.visibility import public

ARCHIVE_PER_PAGE = 12
# Weeks the iCalendar feed reaches back.
ICAL_WEEKS_BACK = 4
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def monday_of(day):
    return day - datetime.timedelta(days=day.weekday())


class ScheduleIndexPage(RoutablePageMixin, BasePage):
    """Lịch công tác: this week and next at a glance, earlier weeks archived, and an
    iCalendar feed (``ical/``, served as lich-cong-tac.ics) of the public entries."""

    parent_page_types = ["governance.GovernancePage"]
    subpage_types = ["governance.WeekSchedulePage"]
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [FieldPanel("intro")]
    search_kind = "lich"

    class Meta:
        verbose_name = "Lịch công tác (danh sách tuần)"
        verbose_name_plural = "Lịch công tác (danh sách tuần)"

    def weeks(self, request=None):
        return public(WeekSchedulePage.objects.child_of(self).live(), request)

    @path("")
    def index(self, request):
        this_monday = monday_of(timezone.localdate())
        next_monday = this_monday + datetime.timedelta(days=7)
        current = {
            week.week_start: week
            for week in self.weeks(request).filter(week_start__in=[this_monday, next_monday])
        }
        # Both weeks' public entries in one query.
        entries = {}
        for entry in ScheduleEntry.objects.filter(
            page__in=list(current.values()), confidential=False
        ).order_by("day", "start_time", "sort_order"):
            entries.setdefault(entry.page_id, []).append(entry)
        archive = self.weeks(request).filter(week_start__lt=this_monday).order_by("-week_start")
        page_obj = Paginator(
            archive.only("id", "title", "week_start", "url_path", "path", "depth"), ARCHIVE_PER_PAGE
        ).get_page(request.GET.get("trang"))
        glance = [
            {
                "label": "Tuần này",
                "monday": monday,
                "sunday": monday + datetime.timedelta(days=6),
                "page": current.get(monday),
                "days": group_by_day(
                    entries.get(current[monday].pk, []) if monday in current else []
                ),
            }
            for monday in (this_monday, next_monday)
        ]
        glance[1]["label"] = "Tuần sau"
        return self.render(request, context_overrides={"glance": glance, "archive": page_obj})

    @path("ical/", name="ical")
    def ical(self, request):
        from ..ical import schedule_calendar

        since = monday_of(timezone.localdate()) - datetime.timedelta(weeks=ICAL_WEEKS_BACK)
        entries = (
            ScheduleEntry.objects.filter(
                page__in=self.weeks(request).filter(week_start__gte=since),
                confidential=False,
            )
            .select_related("page")
            .order_by("day", "start_time")
        )
        body = schedule_calendar(self, entries, request)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="lich-cong-tac.ics"'
        return response


def group_by_day(entries):
    """[(date, weekday name, [entries])] in date order."""
    days = {}
    for entry in entries:
        days.setdefault(entry.day, []).append(entry)
    return [(day, WEEKDAYS[day.weekday()], items) for day, items in sorted(days.items())]


class WeekSchedulePage(BasePage):
    """The schedule of one week, Monday to Sunday."""

    week_start = models.DateField(
        "Tuần bắt đầu (thứ Hai)",
        help_text="Ngày thứ Hai của tuần. Địa chỉ trang được tạo từ ngày này.",
    )

    parent_page_types = ["governance.ScheduleIndexPage"]
    subpage_types = []
    search_kind = "lich"
    # A past week is a record, not content to keep current: no review reminders about it.
    default_review_days = 3650
    reviewed_fields = BasePage.reviewed_fields + ["week_start", "entries"]
    content_panels = (
        BasePage.content_panels
        + [
            FieldPanel("week_start"),
            FieldPanel("intro"),
            InlinePanel("entries", heading="Các buổi công tác", label="Buổi công tác"),
        ]
        + BasePage.change_note_panels
    )

    class Meta:
        verbose_name = "Lịch công tác tuần"
        verbose_name_plural = "Lịch công tác tuần"

    @property
    def week_end(self):
        return self.week_start + datetime.timedelta(days=6)

    def full_clean(self, *args, **kwargs):
        if self.week_start:
            self.slug = f"tuan-{self.week_start:%Y-%m-%d}"
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.week_start and self.week_start.weekday() != 0:
            raise ValidationError({"week_start": "Hãy chọn ngày thứ Hai đầu tuần."})
        if self.week_start:
            outside = [
                e.day
                for e in self.entries.all()
                if e.day and not self.week_start <= e.day <= self.week_end
            ]
            if outside:
                raise ValidationError(
                    f"Có buổi công tác ngày {outside[0]:%d/%m/%Y} nằm ngoài tuần "
                    f"{self.week_start:%d/%m} – {self.week_end:%d/%m/%Y}."
                )

    def public_entries(self):
        """The entries citizens may see, in time order (never the confidential ones)."""
        return self.entries.filter(confidential=False).order_by("day", "start_time", "sort_order")

    def search_text(self):
        return " ".join(
            f"{e.leader} {e.content} {e.place} {e.participants}" for e in self.public_entries()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["days"] = group_by_day(list(self.public_entries()))
        return context


class ScheduleEntry(Orderable):
    """One appointment of a leader in the week."""

    page = ParentalKey(WeekSchedulePage, on_delete=models.CASCADE, related_name="entries")
    day = models.DateField("Ngày")
    start_time = models.TimeField("Giờ bắt đầu")
    end_time = models.TimeField("Giờ kết thúc", null=True, blank=True)
    leader = models.CharField(
        "Lãnh đạo chủ trì",
        max_length=160,
        help_text="Chức vụ và họ tên, ví dụ: Chủ tịch UBND phường.",
    )
    content = models.TextField("Nội dung", max_length=1000)
    place = models.CharField("Địa điểm", max_length=255)
    participants = models.TextField("Thành phần", blank=True, max_length=1000)
    confidential = models.BooleanField(
        "Mật – không công khai",
        default=False,
        help_text="Buổi công tác mật: lưu cho Văn phòng, không bao giờ hiện trên Cổng, lịch iCal hay tìm kiếm.",
    )

    panels = [
        FieldRowPanel(["day", "start_time", "end_time"]),
        "leader",
        "content",
        "place",
        "participants",
        "confidential",
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Buổi công tác"
        verbose_name_plural = "Buổi công tác"

    def clean(self):
        super().clean()
        for name in ("leader", "content", "place", "participants"):
            setattr(self, name, nfc(getattr(self, name)) or "")
        if self.end_time and self.start_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": "Giờ kết thúc phải sau giờ bắt đầu."})

    @property
    def weekday(self):
        return WEEKDAYS[self.day.weekday()]

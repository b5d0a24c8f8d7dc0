"""Health (y tế): scheduled health events by residential group, and epidemic hot spots.

Events and hot spots are reference data of one ward (like ``content.Place``), kept by the
ward's health specialists in the admin («Y tế»): they change weekly and are only announced
dates and places, so they do not pass the five-step workflow; the two public pages that show
them (``HealthPage``, ``HotSpotPage``) do. What is upcoming, past, active or over is computed
at request time from today's date, so nothing needs a deploy or a job to drop off the list."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Site

from content import page_cache
from content.models import BasePage, Place
from content.text import nfc
from content.visibility import public

from ..forms import WardDataForm

# How far ahead the public schedule and the search text look.
SCHEDULE_DAYS = 60
# Hot spots declared over stay listed this long, so residents see that one has ended.
ENDED_VISIBLE_DAYS = 60
# The place filter's query parameter (a place code, e.g. tdp-05).
PLACE_PARAM = "to-dan-pho"
# Events described as schema.org JSON-LD: the nearest ones, so the page stays small.
JSON_LD_EVENTS = 20
# Places named in a listing; more are counted ("… và 34 tổ khác").
PLACE_NAMES_SHOWN = 4
WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def _clean_text(instance, names):
    for name in names:
        setattr(instance, name, nfc(getattr(instance, name)) or "")


class HealthEventQuerySet(models.QuerySet):
    def upcoming(self, site, today=None, days=SCHEDULE_DAYS):
        """Events of ``site`` from ``today`` on (today's included all day), nearest first."""
        today = today or timezone.localdate()
        return (
            self.filter(site=site, date__gte=today, date__lte=today + datetime.timedelta(days=days))
            .prefetch_related(models.Prefetch("places", queryset=Place.objects.only("id", "name")))
            .order_by("date", "start_time", "pk")
        )

    def for_place(self, place):
        """Events held for ``place`` and the ward-wide ones (no place given)."""
        return self.filter(models.Q(places=place) | models.Q(places__isnull=True)).distinct()


class HealthEvent(models.Model):
    """One scheduled health activity: a vaccination day, a vitamin A campaign, a spraying round
    in some residential groups, a health check."""

    class Kind(models.TextChoices):
        VACCINATION = "tiem-chung", "Tiêm chủng"
        VITAMIN_A = "vitamin-a", "Uống vitamin A"
        SPRAYING = "phun-thuoc", "Phun thuốc diệt muỗi"
        HEALTH_CHECK = "kham-suc-khoe", "Khám sức khỏe"
        CLEAN_UP = "ve-sinh", "Diệt bọ gậy, vệ sinh môi trường"
        OTHER = "khac", "Khác"

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="health_events", verbose_name="Phường/xã"
    )
    kind = models.CharField("Loại hoạt động", max_length=20, choices=Kind.choices)
    title = models.CharField(
        "Tên hoạt động",
        max_length=200,
        help_text="Ngắn gọn, ví dụ: Tiêm chủng mở rộng tháng 12 cho trẻ dưới 5 tuổi.",
    )
    date = models.DateField("Ngày")
    start_time = models.TimeField("Giờ bắt đầu")
    end_time = models.TimeField("Giờ kết thúc", null=True, blank=True)
    venue = models.CharField(
        "Địa điểm", max_length=255, help_text="Ví dụ: Trạm Y tế phường, số 2 đường …"
    )
    places = models.ManyToManyField(
        Place,
        blank=True,
        related_name="health_events",
        verbose_name="Tổ dân phố",
        help_text="Các tổ dân phố được tổ chức. Để trống nếu áp dụng cho toàn phường.",
    )
    eligible = models.TextField(
        "Đối tượng", max_length=1000, blank=True, help_text="Ví dụ: trẻ từ 6 đến 36 tháng tuổi."
    )
    bring = models.TextField(
        "Cần mang theo", max_length=1000, blank=True, help_text="Ví dụ: sổ tiêm chủng, CCCD."
    )
    notes = models.TextField(
        "Lưu ý",
        max_length=2000,
        blank=True,
        help_text="Ví dụ: đóng cửa sổ, che đậy thức ăn và nước uống khi phun thuốc.",
    )
    contact = models.CharField(
        "Liên hệ",
        max_length=255,
        blank=True,
        help_text="Đơn vị và số điện thoại công vụ, ví dụ: Trạm Y tế phường – 0243 000 0115.",
    )

    objects = HealthEventQuerySet.as_manager()
    base_form_class = WardDataForm

    panels = [
        FieldPanel("site"),
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldRowPanel(["date", "start_time", "end_time"]),
        FieldPanel("venue"),
        FieldPanel("places", widget=forms.CheckboxSelectMultiple),
        FieldPanel("eligible"),
        FieldPanel("bring"),
        FieldPanel("notes"),
        FieldPanel("contact"),
    ]

    class Meta:
        verbose_name = "Lịch y tế"
        verbose_name_plural = "Lịch y tế"
        ordering = ["-date", "start_time"]
        indexes = [models.Index(fields=["site", "date"], name="healthevent_site_date")]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.title}"

    def clean(self):
        super().clean()
        _clean_text(self, ["title", "venue", "eligible", "bring", "notes", "contact"])
        if self.end_time and self.start_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": "Giờ kết thúc phải sau giờ bắt đầu."})

    @property
    def weekday(self):
        return WEEKDAYS[self.date.weekday()]

    def place_names(self, limit=PLACE_NAMES_SHOWN):
        """The places' names (the first ``limit`` and how many more), or "Toàn phường"; reads
        the prefetched places."""
        names = [place.name for place in self.places.all()]
        if not names:
            return "Toàn phường"
        if len(names) > limit:
            return f"{', '.join(names[:limit])} và {len(names) - limit} tổ khác"
        return ", ".join(names)

    def starts_at(self):
        return timezone.make_aware(datetime.datetime.combine(self.date, self.start_time))

    def ends_at(self):
        if self.end_time:
            return timezone.make_aware(datetime.datetime.combine(self.date, self.end_time))
        return self.starts_at() + datetime.timedelta(hours=2)


class HotSpotQuerySet(models.QuerySet):
    def public(self, site, today=None):
        """Hot spots citizens see: every one not over, and those over for less than
        ``ENDED_VISIBLE_DAYS``; the active ones first, newest first."""
        today = today or timezone.localdate()
        since = today - datetime.timedelta(days=ENDED_VISIBLE_DAYS)
        status_order = models.Case(
            *(
                models.When(status=status, then=models.Value(order))
                for order, status in enumerate(HotSpot.Status.values)
            ),
            output_field=models.IntegerField(),
        )
        return (
            self.filter(site=site)
            .exclude(status=HotSpot.Status.ENDED, ended_on__lt=since)
            .prefetch_related(models.Prefetch("places", queryset=Place.objects.only("id", "name")))
            .order_by(status_order, "-since", "pk")
        )


class HotSpot(models.Model):
    """An epidemic hot spot (ổ dịch / điểm dịch) the ward's health station watches."""

    class Disease(models.TextChoices):
        DENGUE = "sot-xuat-huyet", "Sốt xuất huyết"
        HAND_FOOT_MOUTH = "tay-chan-mieng", "Tay chân miệng"
        MEASLES = "soi", "Sởi"
        INFLUENZA = "cum", "Cúm"
        COVID = "covid-19", "COVID-19"
        DIARRHOEA = "tieu-chay", "Tiêu chảy cấp"
        OTHER = "khac", "Bệnh khác"

    class Status(models.TextChoices):
        # Order matters: the public list shows them in this order.
        WATCHED = "dang-theo-doi", "Đang theo dõi"
        CONTAINED = "da-khong-che", "Đã khống chế"
        ENDED = "da-ket-thuc", "Đã kết thúc"

    site = models.ForeignKey(
        Site, on_delete=models.CASCADE, related_name="hot_spots", verbose_name="Phường/xã"
    )
    disease = models.CharField("Bệnh", max_length=20, choices=Disease.choices)
    other_disease = models.CharField(
        "Tên bệnh khác", max_length=120, blank=True, help_text="Chỉ điền khi chọn «Bệnh khác»."
    )
    area = models.CharField(
        "Khu vực",
        max_length=255,
        help_text="Mô tả dễ nhận ra, ví dụ: ngõ 45 đường …, khu tập thể …",
    )
    places = models.ManyToManyField(
        Place, blank=True, related_name="hot_spots", verbose_name="Tổ dân phố liên quan"
    )
    since = models.DateField("Ghi nhận từ ngày")
    status = models.CharField(
        "Tình trạng", max_length=20, choices=Status.choices, default=Status.WATCHED
    )
    ended_on = models.DateField(
        "Ngày kết thúc",
        null=True,
        blank=True,
        help_text="Khi tình trạng là «Đã kết thúc». Ổ dịch còn hiện công khai 60 ngày sau đó.",
    )
    cases = models.PositiveIntegerField(
        "Số ca mắc", null=True, blank=True, help_text="Không ghi tên hay địa chỉ người bệnh."
    )
    latitude = models.DecimalField(
        "Vĩ độ",
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="Không bắt buộc; để hiện trên bản đồ, ví dụ: 21.03812. Chọn điểm giữa khu vực, "
        "không phải nhà người bệnh.",
    )
    longitude = models.DecimalField(
        "Kinh độ",
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text="Ví dụ: 105.76120.",
    )
    advice = models.TextField(
        "Khuyến cáo",
        max_length=2000,
        blank=True,
        help_text="Người dân cần làm gì, ví dụ: đậy kín dụng cụ chứa nước, ngủ màn.",
    )

    objects = HotSpotQuerySet.as_manager()
    base_form_class = WardDataForm

    panels = [
        FieldPanel("site"),
        FieldRowPanel(["disease", "other_disease"]),
        FieldPanel("area"),
        FieldPanel("places", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel(["since", "status", "ended_on"]),
        FieldPanel("cases"),
        MultiFieldPanel([FieldRowPanel(["latitude", "longitude"])], "Vị trí trên bản đồ"),
        FieldPanel("advice"),
    ]

    class Meta:
        verbose_name = "Điểm dịch"
        verbose_name_plural = "Điểm dịch"
        ordering = ["-since"]

    def __str__(self):
        return f"{self.disease_name} – {self.area}"

    @property
    def disease_name(self):
        if self.disease == self.Disease.OTHER and self.other_disease:
            return self.other_disease
        return self.get_disease_display()

    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    def clean(self):
        super().clean()
        _clean_text(self, ["other_disease", "area", "advice"])
        errors = {}
        if self.disease == self.Disease.OTHER and not self.other_disease:
            errors["other_disease"] = "Hãy ghi tên bệnh."
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = "Hãy điền cả vĩ độ và kinh độ, hoặc để trống cả hai."
        if self.status == self.Status.ENDED and not self.ended_on:
            errors["ended_on"] = "Hãy ghi ngày kết thúc."
        if self.status != self.Status.ENDED and self.ended_on:
            errors["ended_on"] = "Chỉ ghi ngày kết thúc khi tình trạng là «Đã kết thúc»."
        if self.ended_on and self.since and self.ended_on < self.since:
            errors["ended_on"] = "Ngày kết thúc phải sau ngày ghi nhận."
        if errors:
            raise ValidationError(errors)


def residential_places(site):
    """The places a resident picks from: active residential groups, villages and hamlets."""
    return Place.objects.filter(site=site, is_active=True, kind__in=Place.RESIDENTIAL_KINDS).only(
        "id", "code", "name", "area"
    )


class HealthPage(RoutablePageMixin, BasePage):
    """Y tế: the upcoming health events, for one residential group or the whole ward (a plain
    GET form), an iCalendar feed per group (``ical/``), and the way to the hot spots."""

    parent_page_types = ["society.SocietyPage"]
    subpage_types = ["society.HotSpotPage"]
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [FieldPanel("intro")] + BasePage.change_note_panels

    class Meta:
        verbose_name = "Y tế (lịch tiêm chủng, phun thuốc)"
        verbose_name_plural = "Y tế (lịch tiêm chủng, phun thuốc)"

    def _site(self, request=None):
        return Site.find_for_request(request) if request else self.get_site()

    def chosen_place(self, request, site):
        """(place or None, message or None) from the request's place code."""
        code = request.GET.get(PLACE_PARAM, "").strip()
        if not code:
            return None, None
        # A place code is a short slug; anything else (NUL bytes, markup, a long paste) is
        # unknown without asking the database.
        valid = len(code) <= 32 and re.fullmatch(r"[-\w]+", code, re.ASCII)
        place = residential_places(site).filter(code=code).first() if valid else None
        if place is None:
            return None, (
                "Không tìm thấy tổ dân phố này. Hãy chọn tổ dân phố của bạn trong danh sách; "
                "dưới đây là lịch của toàn phường."
            )
        return place, None

    def events(self, site, place):
        events = HealthEvent.objects.upcoming(site)
        if place is not None:
            events = events.for_place(place)
        return events

    @path("")
    def index(self, request):
        site = self._site(request)
        place, message = self.chosen_place(request, site)
        events = list(self.events(site, place))
        days = {}
        for event in events:
            days.setdefault(event.date, []).append(event)
        return self.render(
            request,
            context_overrides={
                "places": residential_places(site),
                "place": place,
                "place_param": PLACE_PARAM,
                "place_message": message,
                "days": sorted(days.items()),
                "events": events,
                "events_json_ld": events_json_ld(events[:JSON_LD_EVENTS], request, self),
                # A page: kept until the next publication (content.page_cache).
                "hot_spot_page": page_cache.kept(
                    f"society:hot-spot-page:{self.pk}",
                    lambda: public(self.get_children().live()).type(HotSpotPage).first(),
                ),
                "active_hot_spots": HotSpot.objects.filter(site=site)
                .exclude(status=HotSpot.Status.ENDED)
                .count(),
                "schedule_days": SCHEDULE_DAYS,
            },
        )

    @path("ical/", name="ical")
    def ical(self, request):
        from governance.ical import events_calendar

        site = self._site(request)
        place, _ = self.chosen_place(request, site)
        events = self.events(site, place)
        url = request.build_absolute_uri(self.get_url(request))
        if place:
            url += f"?{PLACE_PARAM}={place.code}"
        name = f"{self.title} – {place.name}" if place else self.title
        items = [
            {
                "uid": f"y-te-{event.pk}",
                "start": event.starts_at(),
                "end": event.ends_at(),
                "summary": event.title,
                "location": event.venue,
                "description": event_description(event),
                "url": url,
            }
            for event in events
        ]
        body = events_calendar(name, items, request)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        filename = f"lich-y-te-{place.code}.ics" if place else "lich-y-te.ics"
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        return response

    def search_text(self):
        site = self.get_site()
        if site is None:
            return ""
        return " ".join(
            f"{event.get_kind_display()} {event.title} {event.venue} {event.place_names()}"
            for event in HealthEvent.objects.upcoming(site)
        )


def event_description(event):
    lines = [f"Tổ dân phố: {event.place_names()}"]
    if event.eligible:
        lines.append(f"Đối tượng: {event.eligible}")
    if event.bring:
        lines.append(f"Cần mang theo: {event.bring}")
    if event.notes:
        lines.append(f"Lưu ý: {event.notes}")
    if event.contact:
        lines.append(f"Liên hệ: {event.contact}")
    return "\n".join(lines)


def events_json_ld(events, request, page):
    """schema.org Event items of the listed events, for search engines."""
    url = request.build_absolute_uri(page.get_url(request))
    return [
        {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": event.title,
            "startDate": event.starts_at().isoformat(),
            "endDate": event.ends_at().isoformat(),
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "eventStatus": "https://schema.org/EventScheduled",
            "isAccessibleForFree": True,
            "location": {"@type": "Place", "name": event.venue, "address": event.venue},
            "description": event_description(event),
            "url": url,
        }
        for event in events
    ]


class HotSpotPage(BasePage):
    """Điểm dịch: the ward's epidemic hot spots as a text list (the source of truth, works
    without JavaScript) and, where the browser runs scripts, a map of those with a location."""

    parent_page_types = ["society.HealthPage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [FieldPanel("intro")] + BasePage.change_note_panels

    class Meta:
        verbose_name = "Điểm dịch (bản đồ và danh sách)"
        verbose_name_plural = "Điểm dịch (bản đồ và danh sách)"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request)
        hot_spots = list(HotSpot.objects.public(site))
        context["hot_spots"] = hot_spots
        context["active_count"] = sum(
            1 for spot in hot_spots if spot.status != HotSpot.Status.ENDED
        )
        context["has_map"] = any(spot.has_location for spot in hot_spots)
        return context

    def search_text(self):
        site = self.get_site()
        if site is None:
            return ""
        return " ".join(
            f"{spot.disease_name} {spot.area} {spot.get_status_display()}"
            for spot in HotSpot.objects.public(site)
        )

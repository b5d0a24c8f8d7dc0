"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) over the ward's feedback reports:
discovery, services, service definitions, requests (GET and POST), one request, tokens; each in
JSON and XML. docs/integrations.md «Open311 GeoReport v2» is the client's guide.

One jurisdiction per ward: ``jurisdiction_id`` is the ward's host name; without it the ward is
the one the request's host names. Reading is public and cache-friendly (anonymous, no cookie,
``Access-Control-Allow-Origin: *``). Filing needs the ``api_key`` of a client registered by
the ward's portal admins, and goes through the report form itself (``feedback.forms.ReportForm``
and ``feedback.views.file_report``): the same consent, checks, deadlines and staff queue.

What a public answer carries is what the public pages show: the staff-written title (or
«category – place»), the category, the residential group, the status with the ward's public
answer, the dates and the photos staff made public. Never the reporter's name, phone, e-mail,
exact address or own words; the map point only rounded to ``COORD_PLACES`` decimals.
"""

import datetime
import json
import re
import xml.etree.ElementTree as ET
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Site

from content.models import Place
from feedback import ratelimit
from feedback.channels import available_channels
from feedback.forms import CONSENT_TEXT, NOTIFY_CONSENT_TEXT, NOTIFY_LABELS, ReportForm, new_token
from feedback.models import (
    CLOSED_STATUSES,
    FeedbackCategory,
    FeedbackPhoto,
    FeedbackReport,
    FeedbackStatusEntry,
    Status,
    Urgency,
    feedback_page,
)
from feedback.views import file_report

from .models import ApiClient, ApiReport

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# The date of the last change to what this API answers (discovery's ``changeset``).
CHANGESET = "2026-12-07T00:00:00+07:00"
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
FORMATS = ["text/xml", "application/json"]
# Published coordinates are rounded to 3 decimals: a cell of about 110 m × 100 m in Hanoi,
# a block of houses rather than one door.
COORD_PLACES = 3
MAX_REQUESTS = 1000
MAX_SPAN = datetime.timedelta(days=90)
# Cached copies of request answers live a minute at the front, so a status change shows soon.
REQUESTS_CACHE = "public, max-age=30, s-maxage=60"
# The XML name of one item of each list.
ITEM_NAMES = {
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
}

# Attributes of every service (service definitions; ``attribute[<code>]`` when filing).
CONSENT = "dong_y"
CONSENT_YES = "co"
URGENCY = "muc_do"
PLACE = "to_dan_pho"
CONTACT_NOTE = "can_lien_he"
# The citizen's own choice of channels for news of the report (a multivaluelist, sent as
# ``attribute[nhan_tin][]=sms`` once per channel; absent: no news).
NOTIFY = "nhan_tin"

# Which Open311 argument each field of the report form comes from (for error descriptions).
FIELD_ARGUMENTS = {
    "category": "service_code",
    "urgency": f"attribute[{URGENCY}]",
    "place": f"attribute[{PLACE}]",
    "address": "address_string",
    "description": "description",
    "lat": "lat",
    "lng": "long",
    "contact_name": "first_name, last_name",
    "contact_phone": "phone",
    "contact_email": "email",
    "consent": f"attribute[{CONSENT}]",
    "notify": f"attribute[{NOTIFY}]",
}

MESSAGES = {
    "jurisdiction": "jurisdiction_id «{value}» không phải một phường/xã của Cổng.",
    "no_ward": "Không xác định được phường/xã: hãy gửi jurisdiction_id (tên miền của phường/xã).",
    "api_key": "api_key không đúng hoặc đã bị thu hồi: không gửi được phản ánh.",
    "api_key_ward": "api_key này được cấp cho phường/xã khác, không gửi phản ánh vào phường/xã "
    "này được.",
    "service_code": "Thiếu service_code (mã lĩnh vực phản ánh).",
    "service_unknown": "service_code «{value}» không có trong danh sách lĩnh vực (services).",
    "location": "Cần vị trí: lat và long, hoặc address_string, hoặc attribute[to_dan_pho].",
    "place_unknown": "attribute[to_dan_pho]: phường/xã không có tổ dân phố / thôn mã «{value}».",
    "media_url": "media_url: Cổng không nhận ảnh qua đường liên kết. Hãy gửi lại phản ánh không "
    "kèm media_url; người dân có thể gửi ảnh qua biểu mẫu phản ánh trên Cổng.",
    "date": "{name}: «{value}» không phải ngày giờ theo W3C (ví dụ 2026-12-01T08:00:00+07:00).",
    "date_order": "end_date phải sau start_date.",
    "date_span": "Khoảng từ start_date đến end_date không được dài quá 90 ngày.",
    "status": "status chỉ nhận open, closed hoặc cả hai, cách nhau bởi dấu phẩy.",
    "request_id": "service_request_id: «{value}» không phải số phản ánh.",
    "not_found": "Không có phản ánh số {value} ở phường/xã này.",
    "token_unknown": "Không có phản ánh nào gửi với token «{value}» ở phường/xã này.",
    "method": "Phương thức {value} không dùng được ở địa chỉ này.",
}


class ApiError(Exception):
    def __init__(self, status, *descriptions, headers=None):
        super().__init__(descriptions)
        self.status = status
        self.descriptions = descriptions
        self.headers = headers or {}


# --- Rendering ----------------------------------------------------------------------------------


# Characters XML 1.0 cannot carry (text imported from elsewhere might hold one).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_value(element, value):
    if value is None:
        return
    if isinstance(value, bool):
        element.text = "true" if value else "false"
    elif isinstance(value, dict):
        for key, item in value.items():
            _xml_child(element, key, item)
    else:
        element.text = NOT_XML.sub("", str(value))


def _xml_child(parent, name, value):
    element = ET.SubElement(parent, name)
    if isinstance(value, list):
        for item in value:
            _xml_value(ET.SubElement(element, ITEM_NAMES.get(name, "item")), item)
    else:
        _xml_value(element, value)


def to_xml(data, root, item):
    """``data`` (a dict, or a list of dicts each an ``item``) as the spec's XML document."""
    element = ET.Element(root)
    if isinstance(data, list):
        for entry in data:
            _xml_value(ET.SubElement(element, item), entry)
    else:
        _xml_value(element, data)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(element, encoding="unicode")


def render(fmt, data, root, item=None, status=200):
    body = to_xml(data, root, item) if fmt == "xml" else json.dumps(data, ensure_ascii=False)
    return HttpResponse(body, content_type=CONTENT_TYPES[fmt], status=status)


def error_response(fmt, status, descriptions):
    """The spec's error format: ``[{"code": 400, "description": "…"}]`` or ``<errors>``."""
    errors = [{"code": status, "description": text} for text in descriptions]
    return render(fmt, errors, "errors", "error", status=status)


def api_view(methods=("GET",), cache=None):
    """Answers in the format of the URL's suffix, turns ``ApiError`` into the spec's errors,
    lets any origin read GET answers (CORS) and needs no CSRF token (filing is authorised by
    the api_key, not by a cookie)."""

    def decorate(view):
        def wrapped(request, *args, fmt, **kwargs):
            allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())
            try:
                if request.method not in allowed:
                    raise ApiError(405, MESSAGES["method"].format(value=request.method))
                response = view(request, fmt, *args, **kwargs)
            except ApiError as error:
                response = error_response(fmt, error.status, error.descriptions)
                for name, value in error.headers.items():
                    response[name] = value
                if error.status == 405:
                    response["Allow"] = ", ".join(sorted(allowed))
            if request.method in ("GET", "HEAD"):
                response["Access-Control-Allow-Origin"] = "*"
                if cache and response.status_code == 200:
                    response["Cache-Control"] = cache
            return response

        wrapped.__name__ = view.__name__
        wrapped.__doc__ = view.__doc__
        return csrf_exempt(wrapped)

    return decorate


# --- Wards, dates, values -----------------------------------------------------------------------


def jurisdiction(request):
    """The ward asked for: ``jurisdiction_id`` (its host name), else the request's host."""
    value = request.GET.get("jurisdiction_id")
    if request.method == "POST":
        value = request.POST.get("jurisdiction_id") or value
    if value:
        site = (
            Site.objects.select_related("root_page").filter(hostname__iexact=value.strip()).first()
        )
        if site is None:
            raise ApiError(404, MESSAGES["jurisdiction"].format(value=value[:100]))
        return site
    site = Site.find_for_request(request)
    if site is None:
        raise ApiError(400, MESSAGES["no_ward"])
    return site


def w3c(moment):
    """A W3C date and time with the ward's offset, to the second: 2026-12-07T08:30:00+07:00."""
    if moment is None:
        return None
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def parse_w3c(name, value):
    text = value.strip()
    # A «+» left unencoded in a query string arrives as a space.
    text = re.sub(r" (\d\d:?\d\d)$", r"+\1", text)
    moment = None
    try:
        moment = parse_datetime(text)
        if moment is None:
            day = parse_date(text)
            if day is not None:
                moment = datetime.datetime.combine(day, datetime.time())
    except ValueError:
        moment = None
    if moment is None:
        raise ApiError(400, MESSAGES["date"].format(name=name, value=value[:60]))
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def coarse(value):
    """A coordinate rounded to ``COORD_PLACES`` decimals (the published map point)."""
    if value is None:
        return None
    step = Decimal(1).scaleb(-COORD_PLACES)
    return float(Decimal(value).quantize(step, rounding=ROUND_HALF_UP))


def ward_name(site):
    return site.site_name or site.hostname


# --- Discovery and services ---------------------------------------------------------------------


@api_view()
def discovery(request, fmt):
    site = jurisdiction(request)
    from content.models import WardSettings

    ward = WardSettings.for_site(site)
    contact = ", ".join(
        part for part in (ward.ward_name or ward_name(site), ward.email, ward.hotline) if part
    )
    data = {
        "changeset": CHANGESET,
        "contact": contact,
        "key_service": (
            "Khóa API (api_key) để gửi phản ánh do Quản trị Cổng của phường/xã cấp cho từng "
            "ứng dụng đã đăng ký; liên hệ: " + contact
        ),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": request.build_absolute_uri(
                    reverse("open311_discovery", kwargs={"fmt": fmt})
                ).rsplit("/", 1)[0],
                "changeset": CHANGESET,
                "type": "production",
                "formats": FORMATS,
            }
        ],
    }
    return render(fmt, data, "discovery")


def categories():
    return FeedbackCategory.objects.filter(is_active=True)


@api_view()
def services(request, fmt):
    jurisdiction(request)
    data = [
        {
            "service_code": category.slug,
            "service_name": category.name,
            "description": category.description,
            "metadata": True,
            "type": "realtime",
            "keywords": "",
            "group": "",
        }
        for category in categories()
    ]
    return render(fmt, data, "services", "service")


def urgency_values():
    return [
        {"key": str(key), "name": str(name)}
        for key, name in ReportForm.base_fields["urgency"].choices
    ]


@api_view()
def service_definition(request, fmt, code):
    site = jurisdiction(request)
    category = categories().filter(slug=code).first()
    if category is None:
        raise ApiError(404, MESSAGES["service_unknown"].format(value=code))
    places = Place.objects.filter(site=site, is_active=True).order_by("sort_order", "name")
    attributes = [
        {
            "variable": True,
            "code": CONSENT,
            "datatype": "singlevaluelist",
            "required": True,
            "datatype_description": "Gửi «co» khi người phản ánh đã đọc và đồng ý.",
            "order": 1,
            "description": CONSENT_TEXT,
            "values": [{"key": CONSENT_YES, "name": "Tôi đồng ý"}],
        },
        {
            "variable": True,
            "code": URGENCY,
            "datatype": "singlevaluelist",
            "required": False,
            "datatype_description": "Để trống: thông thường.",
            "order": 2,
            "description": "Mức độ",
            "values": urgency_values(),
        },
        {
            "variable": True,
            "code": PLACE,
            "datatype": "singlevaluelist",
            "required": False,
            "datatype_description": "Mã tổ dân phố / thôn nơi xảy ra sự việc.",
            "order": 3,
            "description": "Tổ dân phố / thôn",
            "values": [{"key": place.code, "name": place.name} for place in places],
        },
    ]
    channels = available_channels(site)
    if channels:
        attributes.append(
            {
                "variable": True,
                "code": NOTIFY,
                "datatype": "multivaluelist",
                "required": False,
                "datatype_description": (
                    "Chỉ gửi các kênh người phản ánh tự chọn, mỗi kênh một lần "
                    f"attribute[{NOTIFY}][]=…; không gửi: không nhận tin báo. Tin nhắn SMS và "
                    "Zalo cần phone, thư điện tử cần email."
                ),
                "order": 4,
                "description": NOTIFY_CONSENT_TEXT,
                "values": [{"key": code, "name": NOTIFY_LABELS[code]} for code in channels],
            }
        )
    if category.requires_contact:
        attributes.append(
            {
                "variable": False,
                "code": CONTACT_NOTE,
                "datatype": "string",
                "required": False,
                "datatype_description": None,
                "order": 5,
                "description": (
                    f"Lĩnh vực «{category.name}» cần số điện thoại (phone) hoặc thư điện tử "
                    "(email) để phường liên hệ."
                ),
                "values": [],
            }
        )
    data = {"service_code": category.slug, "attributes": attributes}
    return render(fmt, data, "service_definition")


# --- Requests -----------------------------------------------------------------------------------


def public_reports(site):
    """The ward's reports as the API shows them, with what the answer needs in a fixed number
    of queries. Anonymised reports are left out, as on the results pages."""
    return (
        FeedbackReport.objects.filter(site=site, anonymised_at__isnull=True)
        .select_related("category", "place")
        .prefetch_related(
            Prefetch(
                "history",
                queryset=FeedbackStatusEntry.objects.exclude(note="").order_by("created_at", "pk"),
                to_attr="noted_history",
            ),
            Prefetch(
                "photos",
                queryset=FeedbackPhoto.objects.filter(is_public=True).order_by("created_at", "pk"),
                to_attr="shown_photos",
            ),
        )
    )


def status_notes(report):
    """The ward's public answer; before there is one, the public note of the latest step."""
    if report.public_answer:
        return report.public_answer
    notes = getattr(report, "noted_history", None)
    return notes[-1].note if notes else None


def request_item(report, site):
    photos = getattr(report, "shown_photos", [])
    forwarded = report.status == Status.FORWARDED and report.forwarded_to
    return {
        "service_request_id": report.pk,
        "status": "closed" if report.status in CLOSED_STATUSES else "open",
        "status_notes": status_notes(report),
        "service_name": report.category.name,
        "service_code": report.category.slug,
        "description": report.display_title,
        "agency_responsible": report.forwarded_to if forwarded else ward_name(site),
        "service_notice": None,
        "requested_datetime": w3c(report.received_at),
        "updated_datetime": w3c(report.updated_at),
        "expected_datetime": None if report.status == Status.PAUSED else w3c(report.due_at),
        "address": report.place.name if report.place_id else None,
        "address_id": None,
        "zipcode": None,
        "lat": coarse(report.lat),
        "long": coarse(report.lng),
        "media_url": site.root_url + photos[0].public_path if photos else None,
    }


def _csv(value):
    return [part.strip() for part in value.split(",") if part.strip()]


def filtered_reports(site, params):
    reports = public_reports(site)
    ids = params.get("service_request_id")
    if ids:
        numbers = _csv(ids)
        for number in numbers:
            if not re.fullmatch(r"[0-9]{1,12}", number):
                raise ApiError(400, MESSAGES["request_id"].format(value=number[:40]))
        # The spec: service_request_id overrides every other filter.
        return reports.filter(pk__in=[int(n) for n in numbers]).order_by("-received_at")
    codes = params.get("service_code")
    if codes:
        reports = reports.filter(category__slug__in=_csv(codes))
    statuses = params.get("status")
    if statuses:
        chosen = set(_csv(statuses))
        if not chosen or not chosen <= {"open", "closed"}:
            raise ApiError(400, MESSAGES["status"])
        if chosen == {"open"}:
            reports = reports.exclude(status__in=CLOSED_STATUSES)
        elif chosen == {"closed"}:
            reports = reports.filter(status__in=CLOSED_STATUSES)
    start = parse_w3c("start_date", params["start_date"]) if params.get("start_date") else None
    end = parse_w3c("end_date", params["end_date"]) if params.get("end_date") else None
    if start and end:
        if end < start:
            raise ApiError(400, MESSAGES["date_order"])
        if end - start > MAX_SPAN:
            raise ApiError(400, MESSAGES["date_span"])
    elif start:
        end = start + MAX_SPAN
    elif end:
        start = end - MAX_SPAN
    else:
        end = timezone.now()
        start = end - MAX_SPAN
    reports = reports.filter(received_at__gte=start, received_at__lte=end)
    return reports.order_by("-received_at")


@api_view(methods=("GET", "POST"), cache=REQUESTS_CACHE)
def requests_view(request, fmt):
    if request.method == "POST":
        return file_request(request, fmt)
    site = jurisdiction(request)
    reports = filtered_reports(site, request.GET)[:MAX_REQUESTS]
    data = [request_item(report, site) for report in reports]
    return render(fmt, data, "service_requests", "request")


@api_view(cache=REQUESTS_CACHE)
def request_detail(request, fmt, pk):
    site = jurisdiction(request)
    report = public_reports(site).filter(pk=pk).first()
    if report is None:
        raise ApiError(404, MESSAGES["not_found"].format(value=pk))
    return render(fmt, [request_item(report, site)], "service_requests", "request")


@api_view()
def token_detail(request, fmt, token):
    site = jurisdiction(request)
    filed = ApiReport.objects.filter(token=token, report__site=site).first()
    if filed is None:
        raise ApiError(404, MESSAGES["token_unknown"].format(value=token))
    data = [{"service_request_id": filed.report_id, "token": filed.token}]
    return render(fmt, data, "service_requests", "request")


# --- Filing -------------------------------------------------------------------------------------


def _coordinate(value):
    """The form takes six decimals (about 10 cm); a client's longer ones are rounded."""
    try:
        return str(Decimal(value.strip()).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP))
    except (InvalidOperation, ValueError):
        return value


def form_data(site, params, category):
    """The report form's fields from an Open311 POST (the spec's argument names)."""
    place_code = params.get(f"attribute[{PLACE}]", "").strip()
    place = None
    if place_code:
        place = Place.objects.filter(site=site, code=place_code, is_active=True).first()
        if place is None:
            raise ApiError(400, MESSAGES["place_unknown"].format(value=place_code[:40]))
    lat, lng = params.get("lat", "").strip(), params.get("long", "").strip()
    address = params.get("address_string", "").strip()
    if not ((lat and lng) or address or place):
        raise ApiError(400, MESSAGES["location"])
    name = " ".join(
        part
        for part in (params.get("first_name", "").strip(), params.get("last_name", "").strip())
        if part
    )
    # The spec's multivaluelist: attribute[code][]=value, repeated; one value without the
    # brackets is taken too.
    notify = [
        value.strip()
        for name in (f"attribute[{NOTIFY}][]", f"attribute[{NOTIFY}]")
        for value in params.getlist(name)
        if value.strip()
    ]
    return {
        "category": category.pk,
        "urgency": params.get(f"attribute[{URGENCY}]", "").strip() or Urgency.NORMAL,
        "place": place.pk if place else "",
        "address": address,
        "description": params.get("description", ""),
        "lat": _coordinate(lat) if lat else "",
        "lng": _coordinate(lng) if lng else "",
        "contact_name": name,
        "contact_phone": params.get("phone", ""),
        "contact_email": params.get("email", "").strip(),
        "notify": notify,
        "consent": "on" if params.get(f"attribute[{CONSENT}]", "").strip() == CONSENT_YES else "",
        "website": "",
        "token": new_token(),
    }


def form_errors(form):
    """Each message of the form, prefixed by the Open311 argument it is about."""
    descriptions = []
    for field, errors in form.errors.items():
        argument = FIELD_ARGUMENTS.get(field)
        for message in errors:
            descriptions.append(f"{argument}: {message}" if argument else message)
    return descriptions


def file_request(request, fmt):
    """POST requests: a report, through the report form, for a registered client's key."""
    site = jurisdiction(request)
    params = request.POST
    client = ApiClient.for_key(params.get("api_key", ""))
    if client is None:
        raise ApiError(403, MESSAGES["api_key"])
    if client.site_id != site.pk:
        raise ApiError(403, MESSAGES["api_key_ward"])
    if ratelimit.hit(request, scope=f"open311-{client.pk}", limit=client.hourly_limit):
        raise ApiError(
            429, ratelimit.MESSAGE, headers={"Retry-After": str(settings.FEEDBACK_RATE_WINDOW)}
        )
    code = params.get("service_code", "").strip()
    if not code:
        raise ApiError(400, MESSAGES["service_code"])
    category = categories().filter(slug=code).first()
    if category is None:
        raise ApiError(404, MESSAGES["service_unknown"].format(value=code[:60]))
    if params.get("media_url", "").strip():
        raise ApiError(400, MESSAGES["media_url"])
    form = ReportForm(form_data(site, params, category), site=site)
    if not form.is_valid():
        raise ApiError(400, *form_errors(form))
    report, _created = file_report(site, form)
    filed = ApiReport.objects.create(report=report, client=client)
    ApiClient.objects.filter(pk=client.pk).update(last_used_at=timezone.now())
    data = [
        {
            "service_request_id": report.pk,
            "token": filed.token,
            "service_notice": service_notice(site, report),
            "account_id": None,
        }
    ]
    return render(fmt, data, "service_requests", "request")


def service_notice(site, report):
    """What the citizen is told once the report is in: its tracking code (their key to the
    status page and the rating) and the deadline."""
    notice = f"Phường đã tiếp nhận phản ánh. Mã theo dõi: {report.code}."
    page = feedback_page(site)
    if page is not None:
        url = page.get_full_url() + page.reverse_subpage("status_route", args=[report.code])
        notice += f" Tra cứu: {url}"
    if report.due_at:
        due = timezone.localtime(report.due_at)
        notice += f" Hạn xử lý: {due:%H:%M} ngày {due:%d/%m/%Y}."
    return notice

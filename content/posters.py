"""Printable QR posters (admin): A4 and A5, one page's code, optionally tagged with the place
where it will hang, and a bulk sheet with one poster per residential group of the ward.

Posters are HTML with a print stylesheet (static/css/poster.css): the browser's "Print → Save
as PDF" makes the PDF, so no PDF library is needed (docs/qr-codes.md). The QR code is inline SVG
at error-correction level Q (a quarter of the code may be dirty or torn and it still reads), and
the link printed under it is the one in the code, so it can be typed by hand."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe

from .models import Place, SatisfactionPage, ShortLink, WardSettings
from .scoping import ward_queryset
from .short_links import qr_svg_markup, short_path

VIEW_PERMISSION = "content.view_shortlink"
POSTER_EC = "Q"


@dataclass(frozen=True)
class PaperSize:
    key: str
    label: str
    css: str  # the @page size


SIZES = {
    "a4": PaperSize("a4", "A4", "210mm 297mm"),
    "a5": PaperSize("a5", "A5", "148mm 210mm"),
}

INSTRUCTION = "Mở camera điện thoại, hướng vào mã QR để xem thông tin trên Cổng thông tin phường."
VOTE_INSTRUCTION = (
    "Sau khi nhận kết quả hồ sơ, quét mã QR để đánh giá mức độ hài lòng (không ghi tên)."
)


def _root_url(link, request):
    """The ward's public address: a multi-ward install's admin may live on another host."""
    if link.site is not None:
        return link.site.root_url
    return request.build_absolute_uri("/").rstrip("/")


def poster(link, request, place=None):
    """What one poster shows, as a dict for templates/content/admin/poster.html."""
    url = _root_url(link, request) + short_path(link, place)
    page = link.page.specific if link.page is not None else None
    is_vote = isinstance(page, SatisfactionPage)
    return {
        "title": page.title if page is not None else link.last_title,
        "place": place,
        "place_label": place_label(place) if place is not None else "",
        "instruction": VOTE_INSTRUCTION if is_vote else INSTRUCTION,
        "is_vote": is_vote,
        "qr": mark_safe(qr_svg_markup(url, POSTER_EC)),  # noqa: S308 - made by qrcode from our URL
        "url": url,
        "typed_url": url.split("://", 1)[-1],
    }


def place_label(place):
    """ "Tổ dân phố số 12", or "Nhà văn hóa · Cụm 5" when the name does not say what it is."""
    kind = place.get_kind_display()
    if kind.lower() in place.name.lower() or place.kind == Place.Kind.OTHER:
        return place.name
    return f"{kind} · {place.name}"


def _check(request):
    if not request.user.has_perm(VIEW_PERMISSION):
        raise PermissionDenied


def _size(request):
    size = SIZES.get(request.GET.get("size", "a4").lower())
    if size is None:
        raise Http404("Khổ giấy chỉ nhận A4 hoặc A5")
    return size


def _render(request, link, size, posters, title):
    ward = WardSettings.for_site(link.site) if link.site is not None else None
    return TemplateResponse(
        request,
        "content/admin/poster.html",
        {
            "link": link,
            "ward": ward,
            "size": size,
            "sizes": SIZES.values(),
            "posters": posters,
            "page_title": title,
            "header_title": title,
        },
    )


def poster_view(request, code):
    """One poster: ?size=a4|a5, and ?place=<place code> for the place where it will hang."""
    _check(request)
    link = get_object_or_404(
        ward_queryset(ShortLink.objects.select_related("page", "site"), request.user), code=code
    )
    size = _size(request)
    place = None
    if request.GET.get("place"):
        place = get_object_or_404(Place, site_id=link.site_id, code=request.GET["place"].lower())
    item = poster(link, request, place)
    return _render(request, link, size, [item], f"Áp phích {size.label} – {item['title']}")


def poster_sheet_view(request, code):
    """One poster per active residential group (or village) of the page's ward, each on its own
    sheet and tagged with its place: for printing all of a ward's notice boards at once."""
    _check(request)
    link = get_object_or_404(
        ward_queryset(ShortLink.objects.select_related("page", "site"), request.user), code=code
    )
    size = _size(request)
    places = Place.objects.filter(
        site_id=link.site_id, is_active=True, kind__in=Place.RESIDENTIAL_KINDS
    )
    posters = [poster(link, request, place) for place in places]
    title = posters[0]["title"] if posters else link.last_title
    return _render(
        request, link, size, posters, f"Áp phích {size.label} cho mọi tổ dân phố – {title}"
    )

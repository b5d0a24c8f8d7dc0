"""``/q/<code>``: the short links printed as QR codes (content.models.short_links), and their
QR images as SVG and PNG.

A code can carry the place where it is posted: ``/q/<code>/<place code>`` (for example
``/q/k7m2x/tdp-12``, a residential group's notice board; ``/q/k7m2x/mot-cua``, the one-stop
desk). It leads to the same page; the scan is counted for that place. A place code that is
unknown (mistyped, or the place was removed) still leads to the page and counts without a place:
the link never breaks because of its tag."""

import io

import qrcode
import qrcode.image.svg
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page

from .models import Place, ShortLink, ShortLinkScan

ERROR_CORRECTION = {
    "L": qrcode.constants.ERROR_CORRECT_L,
    "M": qrcode.constants.ERROR_CORRECT_M,
    "Q": qrcode.constants.ERROR_CORRECT_Q,
    "H": qrcode.constants.ERROR_CORRECT_H,
}
PNG_SIZES = range(100, 2001)  # pixels, for a phone screen up to an A3 poster
DEFAULT_PNG_SIZE = 600


def _link(code):
    link = ShortLink.objects.select_related("page").filter(code=code.lower()).first()
    if link is None:
        raise Http404("Mã không tồn tại")
    return link


def short_path(link, place=None):
    """The path printed under a QR code: /q/<code>, or /q/<code>/<place code>."""
    return f"/q/{link.code}/{place.code}" if place is not None else f"/q/{link.code}"


def short_url(request, link, place=None):
    return request.build_absolute_uri(short_path(link, place))


def _place_id(link, place_code):
    """The id of the place tagged in a scanned URL, or None (untagged, or unknown here)."""
    if not place_code or link.site_id is None:
        return None
    ids = Place.objects.filter(site_id=link.site_id, code=place_code.lower()).order_by()
    return next(iter(ids.values_list("pk", flat=True)[:1]), None)


@require_GET
def follow(request, code, place=None):
    link = _link(code)
    ShortLinkScan.record(link, _place_id(link, place))
    page = link.page
    if page is not None and page.live:
        return HttpResponseRedirect(page.get_url(request))
    return TemplateResponse(
        request,
        "content/short_link_gone.html",
        {"link": link, "nearest": _nearest_live_page(link), "title": link.last_title},
    )


def _nearest_live_page(link):
    """The closest live page above where the page was: its section, else the ward's home."""
    if link.page is not None:
        return link.page.get_ancestors().live().filter(depth__gt=1).order_by("-depth").first()
    path = link.last_url_path
    prefixes = [path[: i + 1] for i, char in enumerate(path) if char == "/" and i]
    pages = Page.objects.live().filter(url_path__in=prefixes[:-1], depth__gt=1)
    return pages.order_by("-depth").first()


def make_qr(url, error_correction="M"):
    qr = qrcode.QRCode(error_correction=ERROR_CORRECTION[error_correction], border=4)
    qr.add_data(url)
    qr.make(fit=True)
    return qr


def qr_svg_markup(url, error_correction="M"):
    """The QR code of ``url`` as an inline <svg> element (for posters: crisp at any size)."""
    image = make_qr(url, error_correction).make_image(
        image_factory=qrcode.image.svg.SvgPathFillImage
    )
    return image.to_string(encoding="unicode").split("?>", 1)[-1].strip()


def _tagged_place(request, link):
    """The place named by ``?place=`` for a QR image; images are made on purpose by staff, so
    an unknown place is an error here (unlike a scan)."""
    code = request.GET.get("place", "").strip().lower()
    if not code:
        return None
    place = Place.objects.filter(site_id=link.site_id, code=code).first()
    if place is None:
        raise Http404("Không có nơi dán với mã này")
    return place


def _qr(request, link, error_correction):
    return make_qr(short_url(request, link, _tagged_place(request, link)), error_correction)


def _options(request):
    level = request.GET.get("ec", "M").upper()
    if level not in ERROR_CORRECTION:
        raise Http404("Mức sửa lỗi chỉ nhận L, M, Q hoặc H")
    return level


@require_GET
@cache_control(max_age=86400, public=True)
def qr_svg(request, code):
    qr = _qr(request, _link(code), _options(request))
    image = qr.make_image(image_factory=qrcode.image.svg.SvgPathFillImage)
    return HttpResponse(image.to_string(encoding="unicode"), content_type="image/svg+xml")


@require_GET
@cache_control(max_age=86400, public=True)
def qr_png(request, code):
    link = _link(code)
    qr = _qr(request, link, _options(request))
    try:
        size = int(request.GET.get("px", DEFAULT_PNG_SIZE))
    except ValueError:
        size = DEFAULT_PNG_SIZE
    size = min(max(size, PNG_SIZES.start), PNG_SIZES.stop - 1)
    modules = qr.modules_count + 2 * qr.border
    qr.box_size = max(1, size // modules)
    output = io.BytesIO()
    qr.make_image().save(output, format="PNG")
    response = HttpResponse(output.getvalue(), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="qr-{link.code}.png"'
    return response

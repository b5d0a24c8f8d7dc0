"""What the public side accepts as text: no NUL and no other control characters (issue 23).

A NUL byte in a query parameter or a form field reached PostgreSQL, which refuses it in any
text value, and the citizen got a 500. Rather than a check in each view and each form (most
public views read ``request.GET`` directly, and a new one would forget), one middleware looks
at every public request before any view does: the path, every query parameter and every
field of a form body, names and values. A request carrying a control character gets a small
Vietnamese 400 page; nothing else runs. The admin is left to Django's and Wagtail's forms.

Allowed: the tab everywhere (HTML keeps a pasted tab in a one-line field, so a citizen who
pasted from a spreadsheet is not punished), and line breaks (LF, CR) in form bodies, where a
``<textarea>`` sends them; a line break in a query parameter or in the path never comes from a
form. Everything else of Unicode's category Cc (U+0000–U+001F, U+007F–U+009F) is refused.
"""

import re

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

# Unicode's control characters (category Cc) but the tab, and but the tab and line breaks.
_IN_LINE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f]")
_IN_BODY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

MESSAGE = (
    "Địa chỉ hoặc nội dung gửi lên có ký tự điều khiển (như ký tự NUL) mà Cổng không nhận. "
    "Những ký tự này không gõ được từ bàn phím: thường do sao chép từ nơi khác hoặc do đường "
    "liên kết bị hỏng. Xin xoá chúng rồi gửi lại."
)


TOO_BIG = (
    "Dữ liệu gửi lên quá lớn: tối đa {mb} MB. Phản ánh gửi kèm tối đa {photos} ảnh, mỗi ảnh "
    "tối đa {photo_mb} MB."
)


def too_big(request):
    """True when a public request declares a body larger than PUBLIC_MAX_BODY: refused from
    its Content-Length alone, before anything reads it (uploaded files are streamed to disk
    while the body is parsed, so a check in a view would come after the whole body)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False  # Django refuses a malformed length itself
    return length > settings.PUBLIC_MAX_BODY


def _any_control(query, pattern):
    return any(
        pattern.search(key) or any(pattern.search(value) for value in values)
        for key, values in query.lists()
    )


def refused(request):
    """True when the request carries a control character where the public side takes text."""
    if _IN_LINE.search(request.path_info) or _any_control(request.GET, _IN_LINE):
        return True
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return False
    return _any_control(request.POST, _IN_BODY)


def is_public(request):
    return not request.path_info.startswith(settings.PUBLIC_INPUT_EXEMPT_PREFIXES)


def _refusal(request, message, status):
    """The refusal page; the Open311 API's own error format on its URLs (open311/views.py)."""
    if request.path_info.startswith("/open311/"):
        from open311.views import error_response

        fmt = "xml" if request.path_info.endswith(".xml") else "json"
        return error_response(fmt, status, [message])
    return HttpResponse(render_to_string("400.html", {"message": message}), status=status)


class ControlCharacterMiddleware:
    """Answers 400 with a Vietnamese page to a public request carrying a control character
    (the module's docstring says which are allowed where), and 413 to one declaring a body
    larger than PUBLIC_MAX_BODY, before reading it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_public(request) and too_big(request):
            mb = 1024 * 1024
            message = TOO_BIG.format(
                mb=settings.PUBLIC_MAX_BODY // mb,
                photos=settings.FEEDBACK_MAX_PHOTOS,
                photo_mb=settings.FEEDBACK_MAX_PHOTO_BYTES // mb,
            )
            return _refusal(request, message, 413)
        if is_public(request) and refused(request):
            return _refusal(request, MESSAGE, 400)
        return self.get_response(request)

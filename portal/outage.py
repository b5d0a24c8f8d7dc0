"""While the database cannot be reached: a Vietnamese 503 page instead of a 500, and a
citizen's report kept rather than lost (issue 23).

Any view that fails because PostgreSQL is unreachable (or refuses: an ``OperationalError`` or
``InterfaceError``) answers 503 with ``Retry-After``, so the caching front serves its last copy
of the page instead (``proxy_cache_use_stale … http_503`` in deploy/nginx.conf.in) and a
monitor sees an outage, not a bug. A POST of the report form is kept on disk
(``feedback.spool``) and answered 202 with a plain Vietnamese note: the report will be written
when the database is back, there is nothing to send again. If it cannot even be kept (the
disk is full), the citizen is told plainly that nothing was received and to try again.
``/healthz`` keeps its own 503 (portal/health.py).
"""

import logging

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

from feedback import ratelimit, spool

logger = logging.getLogger(__name__)
RETRY_AFTER = "120"
DOWN = (
    "Hệ thống đang tạm thời gián đoạn nên trang này chưa hiển thị được. Vui lòng thử lại sau "
    "ít phút."
)
NOT_KEPT = (
    "Hệ thống đang tạm thời gián đoạn nên phản ánh của ông/bà CHƯA được tiếp nhận. Xin gửi "
    "lại sau ít phút (nội dung đã viết vẫn còn nếu ông/bà bấm nút quay lại của trình duyệt), "
    "hoặc gọi đường dây nóng của phường nếu việc gấp."
)


def _page(template, status, **context):
    response = HttpResponse(render_to_string(template, context), status=status)
    if status == 503:
        response["Retry-After"] = RETRY_AFTER
    return response


def report_answer(request):
    """The answer to a report form sent while the database is down."""
    if ratelimit.hit(request):
        return _page("503.html", 429, message=ratelimit.MESSAGE)
    try:
        spool.keep(request)
    except spool.Refused as refusal:
        return _page("503.html", 400, message=f"{refusal} Xin quay lại trang trước để sửa.")
    except OSError:
        logger.exception("a report could not be kept while the database is down")
        return _page("503.html", 503, message=NOT_KEPT)
    email = bool(request.POST.get("contact_email", "").strip())
    return _page("feedback/kept.html", 202, email=email)


class DatabaseOutageMiddleware:
    """Answers what a view could not, because the database is unreachable (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.warning(
            "database unavailable", extra={"path": request.path_info, "error": str(exception)}
        )
        if spool.is_report(request):
            return report_answer(request)
        return _page("503.html", 503, message=DOWN)

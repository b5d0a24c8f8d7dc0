"""A small HTTP client for the upstreams that share data with wards (the national catalogue,
case statistics, iHanoi): timeouts on every call, retries with backoff and jitter, JSON only,
cursor paging, and one exception with a Vietnamese message for whatever goes wrong.

Errors are of two kinds (GOV.UK Notify's split): a timeout, a refused connection, a 5xx, 408
or 429 may pass, and is retried here and by the job; any other 4xx (401 a wrong token, 404 a
moved address, 422 a request the upstream refuses) will not mend by itself: it is not
retried, its run says a person must look, and it is logged at ERROR for the monitor.
"""

import logging
import random
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import requests
from django.conf import settings
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError, ReadTimeoutError
from urllib3.util.retry import Retry

logger = logging.getLogger(__name__)

# A paged feed longer than this is taken for a loop upstream.
MAX_PAGES = 1000


def unit_url(base, unit, param="unit"):
    """A ward's feed at an upstream that serves many wards: ``base`` is the install's setting
    (CASE_STATS_URL, IHANOI_URL); ``{unit}`` in it is replaced by the ward's unit (URL-quoted),
    otherwise the unit is sent as the query parameter ``param`` (docs/integrations.md)."""
    if "{unit}" in base:
        return base.replace("{unit}", quote(unit, safe=""))
    parts = urlsplit(base)
    query = [*parse_qsl(parts.query, keep_blank_values=True), (param, unit)]
    return urlunsplit(parts._replace(query=urlencode(query)))


# 4xx answers a retry can mend: a timeout on the upstream's side, and "too many requests".
PASSING_CLIENT_ERRORS = (408, 429)


class UpstreamError(Exception):
    """The upstream could not be read; the message is for the ward's staff, in Vietnamese.
    ``retryable`` is False when trying again cannot help (a 4xx but 408 and 429)."""

    def __init__(self, message, *, retryable=True):
        super().__init__(message)
        self.retryable = retryable


def retry_delay(retries, base=300):
    """Seconds before a job's next try: doubling from ``base``, plus up to a fifth more at
    random, so that the wards' jobs that failed together do not all come back together."""
    delay = base * 2**retries
    return delay + random.uniform(0, delay / 5)  # noqa: S311 (spreading load, not a secret)


def _timed_out(error):
    """True for a timeout, also when it comes wrapped in "max retries exceeded"."""
    if isinstance(error, requests.Timeout):
        return True
    reason = getattr(error.args[0], "reason", None) if error.args else None
    return isinstance(reason, TimeoutError | ReadTimeoutError | ConnectTimeoutError)


class UpstreamClient:
    def __init__(self, base_url, *, token="", timeout=None, retries=None, backoff=None):
        self.base_url = base_url
        self.token = token
        self.timeout = timeout if timeout is not None else settings.UPSTREAM_TIMEOUT
        backoff = settings.UPSTREAM_BACKOFF if backoff is None else backoff
        retry = Retry(
            total=settings.UPSTREAM_RETRIES if retries is None else retries,
            backoff_factor=backoff,
            backoff_jitter=backoff,
            status_forcelist=(*PASSING_CLIENT_ERRORS, 500, 502, 503, 504),
            allowed_methods=("GET",),
            raise_on_status=False,
        )
        self.session = requests.Session()
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self.session.headers["Accept"] = "application/json"
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def get_json(self, params=None):
        try:
            response = self.session.get(self.base_url, params=params, timeout=self.timeout)
        except requests.RequestException as error:
            if _timed_out(error):
                raise UpstreamError(
                    f"Máy chủ nguồn không trả lời trong {self.timeout} giây ({self.base_url})."
                ) from error
            raise UpstreamError(f"Không kết nối được máy chủ nguồn ({self.base_url}).") from error
        status = response.status_code
        if 400 <= status < 500 and status not in PASSING_CLIENT_ERRORS:
            raise UpstreamError(
                f"Máy chủ nguồn từ chối yêu cầu: HTTP {status} ({self.base_url}). Không tự thử "
                "lại: cần người kiểm tra địa chỉ và khóa truy cập.",
                retryable=False,
            )
        if status != 200:
            raise UpstreamError(f"Máy chủ nguồn trả lỗi HTTP {status} ({self.base_url}).")
        try:
            return response.json()
        except ValueError as error:
            raise UpstreamError("Máy chủ nguồn trả dữ liệu không phải JSON.") from error

    def get_pages(self):
        """Every page of a feed that pages with ``{"items": [...], "next": cursor|null}``;
        the cursor goes back as ``?cursor=``. Returns the list of page payloads."""
        pages, cursor, seen = [], None, set()
        while True:
            payload = self.get_json({"cursor": cursor} if cursor else None)
            pages.append(payload)
            cursor = payload.get("next") if isinstance(payload, dict) else None
            if not cursor:
                return pages
            if cursor in seen or len(pages) >= MAX_PAGES:
                raise UpstreamError("Máy chủ nguồn phân trang lặp vô hạn; dừng đọc.")
            seen.add(cursor)

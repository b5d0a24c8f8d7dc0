"""A per-client limit on report submissions, counted in the cache (Redis in production).

The client is its address as the web server sees it (behind the reverse proxy, gunicorn's
``forwarded_allow_ips`` decides); the key holds only a hash of it. A broken cache lets the
report through: losing a citizen's report is worse than letting a few extra through.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)
MESSAGE = (
    "Bạn đã gửi nhiều phản ánh trong thời gian ngắn. Vui lòng thử lại sau ít phút, hoặc gọi "
    "đường dây nóng của phường nếu việc gấp."
)


def client_key(request, scope):
    address = request.META.get("REMOTE_ADDR", "")
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{digest}"


def hit(request, scope="feedback", limit=None, window=None):
    """Count one attempt; True when the client is over the limit."""
    limit = limit or settings.FEEDBACK_RATE_LIMIT
    window = window or settings.FEEDBACK_RATE_WINDOW
    key = client_key(request, scope)
    try:
        if cache.add(key, 1, timeout=window):
            return False
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr
        return False
    except Exception:
        logger.warning("rate limit unavailable: cache error", exc_info=True)
        return False
    return count > limit

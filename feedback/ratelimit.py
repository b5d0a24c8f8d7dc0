"""A per-client limit on report submissions, counted in the cache (Redis in production).

The client is the address that reached the reverse proxy (portal/proxies.py: without it every
citizen behind the proxy would share one limit). The key holds only a hash of the address. A
broken cache lets the report through: losing a citizen's report is worse than letting a few
extra through.
"""

import logging

from django.conf import settings
from django.core.cache import cache

from portal.proxies import address_digest, client_address

logger = logging.getLogger(__name__)
MESSAGE = (
    "Bạn đã gửi nhiều phản ánh trong thời gian ngắn. Vui lòng thử lại sau ít phút, hoặc gọi "
    "đường dây nóng của phường nếu việc gấp."
)


def client_key(request, scope):
    return f"ratelimit:{scope}:{address_digest(client_address(request))}"


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

"""Per-client limits on report submissions and code look-ups, counted in the cache (Redis in
production).

The client is the address that reached the reverse proxy (portal/proxies.py: without it every
citizen behind the proxy would share one limit). The key holds only a hash of the address. A
broken cache lets the report through: losing a citizen's report is worse than letting a few
extra through.

Look-ups of a tracking code (``lookup_refused``/``lookup_missed``) count only the attempts that
could be guessing: a code that does not exist, or one of the old counting-up codes. A citizen
with their own new code is never slowed down.
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
LOOKUP_MESSAGE = (
    "Bạn đã tra cứu nhiều mã không đúng trong thời gian ngắn. Vui lòng kiểm tra lại mã trong "
    "thư hoặc tin nhắn của phường và thử lại sau một giờ, hoặc gọi đường dây nóng của phường."
)
LOOKUP_SCOPE = "lookup"


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


def count(request, scope):
    """The attempts counted for this client in ``scope`` so far (0 when the cache fails)."""
    try:
        return int(cache.get(client_key(request, scope)) or 0)
    except Exception:
        logger.warning("rate limit unavailable: cache error", exc_info=True)
        return 0


def lookup_refused(request):
    """True when this client has used up its guesses at tracking codes for now."""
    return count(request, LOOKUP_SCOPE) >= settings.FEEDBACK_LOOKUP_LIMIT


def lookup_missed(request):
    """Count one look-up that could be a guess (an unknown or an old counting-up code)."""
    hit(
        request,
        scope=LOOKUP_SCOPE,
        limit=settings.FEEDBACK_LOOKUP_LIMIT,
        window=settings.FEEDBACK_LOOKUP_WINDOW,
    )

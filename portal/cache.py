"""A Redis cache that a dead Redis cannot take the site down with.

Django's RedisCache raises on every call when Redis is unreachable, and Wagtail reads the
cache on every page (the sites' root paths): one stopped Redis would answer every citizen
with an error page, the report form included. This backend treats an unreachable Redis as an
empty cache: reads miss, writes are dropped, ``add`` reports success (a lock or a rate limit
fails open rather than refusing a citizen), ``incr`` raises ValueError as for a missing key.
After a failure it does not try Redis again for ``RETRY_AFTER`` seconds, so a page pays for at
most one failed connection; redis-py's own retries are off (they take seconds). Everything
else is Django's RedisCache. The health check still reports the cache as failed.

Django's client builds a new ``redis.Redis`` for every call (about a hundred and seventy
response callbacks set up each time: a tenth of a millisecond, several times a page); this
one keeps one per connection pool (``redis.Redis`` is thread-safe, and its pool reconnects
after a fork).
"""

import logging
import time

import redis
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.backoff import NoBackoff
from redis.retry import Retry

logger = logging.getLogger(__name__)
RETRY_AFTER = 10.0
_MISSING = object()


class KeptClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client, with one ``redis.Redis`` per connection pool."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        options.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = KeptClientRedisCacheClient
        self._down_until = 0.0

    def _guard(self, default, method, *args, **kwargs):
        if time.monotonic() < self._down_until:
            return self._fallback(default)
        try:
            return method(*args, **kwargs)
        except (redis.RedisError, OSError) as error:
            self._down_until = time.monotonic() + RETRY_AFTER
            logger.warning("cache unavailable; working without it", extra={"error": str(error)})
            return self._fallback(default)

    @staticmethod
    def _fallback(default):
        if default is _MISSING:
            raise ValueError("cache unavailable")
        return default

    def get(self, key, default=None, version=None):
        return self._guard(default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._guard({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guard(False, super().has_key, key, version)

    def set(self, *args, **kwargs):
        return self._guard(None, super().set, *args, **kwargs)

    def set_many(self, data, *args, **kwargs):
        return self._guard(list(data), super().set_many, data, *args, **kwargs)

    def add(self, *args, **kwargs):
        return self._guard(True, super().add, *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._guard(False, super().touch, *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._guard(False, super().delete, *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._guard(None, super().delete_many, *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._guard(_MISSING, super().incr, *args, **kwargs)

    def clear(self):
        return self._guard(None, super().clear)

"""Django's Redis cache backend, keeping its redis-py client instead of building a new one for
every cache call.

Django's ``RedisCacheClient.get_client`` makes a ``redis.Redis`` object per call, and each one
copies redis-py's table of ~170 response callbacks: measured at 0.18 ms per call, a quarter of
a page-cache hit. The client is thread-safe and shares the same connection pool, so one per
pool is kept.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class KeptClientRedisCacheClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        kept = self.__dict__.setdefault("_kept_clients", {})
        client = kept.get(id(pool))
        if client is None:
            client = kept[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient

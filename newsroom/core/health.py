"""``/healthz``: is the database answering, and the cache? For load balancers and monitoring."""

import time

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone()[0] == 1


def _cache():
    key = "linli:healthz"
    value = str(time.time())
    cache.set(key, value, 10)
    return cache.get(key) == value


@never_cache
def healthz(request):
    checks = {}
    for name, check in (("database", _database), ("cache", _cache)):
        try:
            checks[name] = "ok" if check() else "error"
        except Exception as error:  # any failure is an unhealthy answer, never a 500 page
            checks[name] = f"error: {type(error).__name__}"
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)

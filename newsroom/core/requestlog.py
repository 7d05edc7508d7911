"""One log line per request, without personal data: no IP address, query string, cookie or user,
and no secret part of a path (tracking, counter-notice and preview tokens are written as "…")."""

import logging
import time

logger = logging.getLogger("linli.requests")


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        took = (time.perf_counter() - started) * 1000
        level = logging.WARNING if response.status_code >= 500 else logging.INFO
        logger.log(level, "%s %s %s %.1fms", request.method, redacted_path(request), response.status_code, took)
        return response


SECRET_ARGUMENTS = ("token",)


def redacted_path(request):
    """The path with every URL argument named in SECRET_ARGUMENTS replaced by "…"."""
    path = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        for name in SECRET_ARGUMENTS:
            value = match.kwargs.get(name)
            if value:
                path = path.replace(str(value), "…")
    return path

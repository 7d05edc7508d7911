"""One log line per request, without personal data: no IP address, query string, cookie or user."""

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
        logger.log(level, "%s %s %s %.1fms", request.method, request.path, response.status_code, took)
        return response

"""Requests carrying a NUL character are answered before any view runs.

PostgreSQL cannot store or compare a string with NUL in it (psycopg raises), so
``/takedown/track/%00/`` answered 500 there while SQLite answered 404. No page of ours has NUL
in a path or a parameter: a path with one is not found (404), parameters with one are a bad
request (400).
"""

from django.http import HttpResponseBadRequest, HttpResponseNotFound


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return HttpResponseNotFound("页面不存在。")
        if _has_nul(request.GET) or (
            request.method == "POST"
            and request.content_type == "application/x-www-form-urlencoded"
            and _has_nul(request.POST)
        ):
            return HttpResponseBadRequest("请求参数无效。")
        return self.get_response(request)


def _has_nul(query):
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in query.lists())

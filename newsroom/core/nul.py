"""Requests carrying a NUL character are answered before any view runs.

PostgreSQL cannot store or compare a string with NUL in it (psycopg raises), so
``/takedown/track/%00/`` answered 500 there while SQLite answered 404. No page of ours has NUL
in a path or a parameter: a path with one is not found (404), parameters with one (a form's
fields and file names too, multipart included) are a bad request (400). A cookie with one (a
quoted cookie may spell it ``"\\000"``) is dropped, as if the browser had not sent it: the
reader still gets the page, and no session or preference lookup ever sees it.
"""

from django.http import HttpResponseBadRequest, HttpResponseNotFound


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            return HttpResponseNotFound("页面不存在。")
        for name, value in list(request.COOKIES.items()):
            if "\x00" in name or "\x00" in value:
                del request.COOKIES[name]
        if _has_nul(request.GET) or (request.method == "POST" and _form_has_nul(request)):
            return HttpResponseBadRequest("请求参数无效。")
        return self.get_response(request)


def _form_has_nul(request):
    if request.content_type not in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return False
    try:
        return _has_nul(request.POST) or any("\x00" in (f.name or "") for f in request.FILES.values())
    except Exception:  # a malformed body: the view answers it as Django does (400)
        return False


def _has_nul(query):
    return any("\x00" in key or any("\x00" in value for value in values) for key, values in query.lists())

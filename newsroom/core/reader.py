"""What a reader chooses for every page: script (简 / 繁) and the 适老化 care mode.

Both are remembered in cookies. The script choice converts the whole HTML
response (chrome and content) with OpenCC on the way out; stored text stays as
published, and "原文" shows each article in the script it was published in.
"""

from django.http import HttpResponseRedirect
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

from newsroom.core.chinese import STORED, to_simplified, to_traditional, unmark

SCRIPT_COOKIE = "linli_script"
CARE_COOKIE = "linli_care"
SCRIPTS = {"hans": to_simplified, "hant": to_traditional}
ONE_YEAR = 365 * 24 * 3600


def reader_preferences(request):
    """Template context: the reader's script and care mode."""
    return {
        "reader_script": request.COOKIES.get(SCRIPT_COOKIE, ""),
        "care_mode": request.COOKIES.get(CARE_COOKIE) == "1",
    }


def _back(request):
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        target = "/"
    return HttpResponseRedirect(target)


def set_script(request):
    response = _back(request)
    script = request.GET.get("to", "")
    if script in SCRIPTS:
        response.set_cookie(SCRIPT_COOKIE, script, max_age=ONE_YEAR, samesite="Lax")
    else:
        response.delete_cookie(SCRIPT_COOKIE)
    return response


def set_care_mode(request):
    response = _back(request)
    if request.GET.get("on") == "1":
        response.set_cookie(CARE_COOKIE, "1", max_age=ONE_YEAR, samesite="Lax")
    else:
        response.delete_cookie(CARE_COOKIE)
    return response


# Pages and the portal's own error pages (the 451 tombstone, 404, 403, 400, 500) alike.
CONVERTED_STATUSES = {200, 400, 403, 404, 410, 451, 500}
TRADITIONAL_PAGE = b'lang="zh-Hant"'  # base.html: an article in Traditional script, read as written
STORED_BYTES = STORED.encode()


class ScriptConversionMiddleware:
    """Convert public HTML pages to the reader's chosen script."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        chosen = SCRIPTS.get(request.COOKIES.get(SCRIPT_COOKIE, ""))
        html = (
            not request.path.startswith("/admin/")
            and response.get("Content-Type", "").startswith("text/html")
            and not response.streaming
            and response.status_code in CONVERTED_STATUSES
        )
        if html:
            charset = response.charset or "utf-8"
            original = html and chosen is None and TRADITIONAL_PAGE in response.content[:300]
            if chosen:  # the reader's own choice: everything in that script, stored text too
                text = chosen(unmark(response.content.decode(charset)))
            elif original:
                # 原文: an article published in Traditional script is read as its portal printed
                # it: the labels and chrome in Traditional, its stored text exactly as stored.
                text = unmark(to_traditional(response.content.decode(charset)))
            elif STORED_BYTES in response.content:
                text = unmark(response.content.decode(charset))
            else:
                text = None
            if text is not None:
                response.content = text.encode(charset)
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(response.content))
        patch_vary_headers(response, ("Cookie",))
        return response

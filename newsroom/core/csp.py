"""Content-Security-Policy (django-csp): ``script-src 'self'`` on every public page.

The admin pages that load the editor (and only those) also allow inline event handlers: CKEditor 4, the rich-text editor
django-ckeditor ships, builds its toolbar and dialogs with ``onclick="…"`` attributes that a
strict policy blocks (measured in Chromium: 65 violations on an article's change page, every
toolbar button dead). The admin is behind a login and every rich-text field is sanitised on
the server (newsroom/core/richtext.py), so the exception stays there. The editor itself runs in an
editable ``<div>`` (CKEditor's divarea plugin), not in an iframe whose document CKEditor writes
with an inline ``<script>``.
"""

import re

from csp.middleware import CSPMiddleware

ADMIN_UPDATE = {"script-src": ["'unsafe-inline'"]}
# The editor's script as DEBUG serves it (ckeditor/ckeditor/ckeditor.js) and as the manifest
# storage names it in production (ckeditor/ckeditor/ckeditor.477202246dad.js).
EDITOR_SCRIPT = re.compile(rb"ckeditor/ckeditor(?:\.[0-9a-f]{12})?\.js")

# Browser features no page of ours uses, refused to every page and anything it embeds.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
)


def loads_editor(request, response):
    return (
        request.path_info.startswith("/admin/")
        and not getattr(response, "streaming", False)
        and EDITOR_SCRIPT.search(getattr(response, "content", b"")) is not None
    )


class LinliCSPMiddleware(CSPMiddleware):
    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    def get_policy_parts(self, request, response, report_only=False):
        if not report_only and getattr(response, "_csp_update", None) is None and loads_editor(request, response):
            response._csp_update = ADMIN_UPDATE
        return super().get_policy_parts(request, response, report_only)

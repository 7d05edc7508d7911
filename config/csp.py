"""Content-Security-Policy (django-csp): ``script-src 'self'`` on every public page.

The admin alone also allows inline event handlers: CKEditor 4, the rich-text editor
django-ckeditor ships, builds its toolbar and dialogs with ``onclick="…"`` attributes that a
strict policy blocks (measured in Chromium: 65 violations on an article's change page, every
toolbar button dead). The admin is behind a login and every rich-text field is sanitised on
the server (config/richtext.py), so the exception stays there. The editor itself runs in an
editable ``<div>`` (CKEditor's divarea plugin), not in an iframe whose document CKEditor writes
with an inline ``<script>``.
"""

from csp.middleware import CSPMiddleware

ADMIN_UPDATE = {"script-src": ["'unsafe-inline'"]}


class LinliCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        if not report_only and request.path_info.startswith("/admin/") and getattr(response, "_csp_update", None) is None:
            response._csp_update = ADMIN_UPDATE
        return super().get_policy_parts(request, response, report_only)

"""The reader's address when nginx sits in front (``BEHIND_PROXY=1``).

nginx (docs/nginx.conf) overwrites ``X-Real-IP`` with the address it sees, so the header can
be trusted only when every request comes through nginx; then it replaces ``REMOTE_ADDR``
(127.0.0.1) for the takedown-notice rate limit and the admin login lock-out.
"""

from django.conf import settings


class RealIPMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.BEHIND_PROXY:
            real = request.META.get("HTTP_X_REAL_IP", "").strip()
            if real:
                request.META["REMOTE_ADDR"] = real
        return self.get_response(request)

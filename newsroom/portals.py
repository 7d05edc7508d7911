"""One way to scope to a portal.

- **Which portal a request is for**: ``request.portal`` (``PortalMiddleware``), looked up from the
  host through ``for_host``. Every public view, feed and sitemap reads it, and nothing else.
- **What belongs to it**: ``<queryset>.for_portal(portal)`` and ``<queryset>.public(portal)``
  (newsroom/core/publishing.py); a portal's model cannot be listed for readers without one.
"""

from django.utils.functional import SimpleLazyObject

from newsroom.core import pagecache

from .models import Portal


def for_host(host):
    """The portal serving ``host``, else the default one (the list of portals is cached)."""
    portals = pagecache.remember("portals", lambda: list(Portal.objects.order_by("-is_default", "id")), tags=())
    return Portal.objects.for_host(host, portals)


class PortalMiddleware:
    """``request.portal``: the portal serving this host, looked up when first used."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.portal = SimpleLazyObject(lambda: for_host(request.get_host()))
        return self.get_response(request)

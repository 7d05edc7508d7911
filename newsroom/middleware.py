from django.utils.functional import SimpleLazyObject

from config import pagecache

from .models import Portal


def portal_for(host):
    portals = pagecache.remember("portals", lambda: list(Portal.objects.order_by("-is_default", "id")))
    return Portal.objects.for_host(host, portals)


class PortalMiddleware:
    """``request.portal``: the portal serving this host, looked up when first used."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.portal = SimpleLazyObject(lambda: portal_for(request.get_host()))
        return self.get_response(request)

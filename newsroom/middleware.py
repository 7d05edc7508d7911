from django.utils.functional import SimpleLazyObject

from .models import Portal


class PortalMiddleware:
    """``request.portal``: the portal serving this host, looked up when first used."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.portal = SimpleLazyObject(lambda: Portal.objects.for_host(request.get_host()))
        return self.get_response(request)

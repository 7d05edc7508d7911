"""One way to scope to a portal.

- **Which portal a request is for**: ``request.portal`` (``PortalMiddleware``), looked up from the
  host through ``for_host``. Every public view, feed and sitemap reads it, and nothing else.
- **What belongs to it**: ``<queryset>.for_portal(portal)`` and ``<queryset>.public(portal)``
  (newsroom/core/publishing.py); a portal's model cannot be listed for readers without one.
- **Which portals a staff member reaches** (站群): ``reachable(user)``, from their memberships
  (``Membership``); every admin list, page, choice and action of a portal's rows goes through it
  (``newsroom/admin/scope.py``).
"""

from django.utils.functional import SimpleLazyObject

from newsroom.core import pagecache

from .models import Membership, Portal


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


def reachable(user):
    """The ids of the portals ``user`` works in, or None for every portal (a superuser, or a
    membership without a portal: the platform's staff). Without any membership: the default
    portal only. Read once per user object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    if not hasattr(user, "_linli_portals"):
        if user.is_superuser:
            found = None
        else:
            ids = list(Membership.objects.filter(user=user).values_list("portal_id", flat=True))
            if None in ids:
                found = None
            elif ids:
                found = frozenset(ids)
            else:
                default = Portal.objects.default()
                found = frozenset([default.pk]) if default else frozenset()
        user._linli_portals = found
    return user._linli_portals

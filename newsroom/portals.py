"""One way to scope to a portal.

- **Which portal a request is for**: ``request.portal`` (``PortalMiddleware``), looked up from the
  host through ``for_host``. Every public view, feed and sitemap reads it, and nothing else.
- **What belongs to it**: ``<queryset>.for_portal(portal)`` and ``<queryset>.public(portal)``
  (newsroom/core/publishing.py); a portal's model cannot be listed for readers without one.
- **Which portals a staff member reaches** (站群): ``reachable(user)``, from their memberships
  (``Membership``); every admin list, page, choice and action of a portal's rows goes through it
  (``newsroom/admin/scope.py``).
- **What they may do there**: the roles of each membership (``Membership.roles``), read by
  ``RoleBackend`` (settings ``AUTHENTICATION_BACKENDS``): ``user.has_perm(perm, obj)`` answers for
  ``obj``'s portal, ``user.has_perm(perm)`` for any of the user's portals (which admin menus to
  show). A 玉泉区 reviewer is an editor elsewhere, and reviews nothing there.
"""

from django.contrib.auth.backends import ModelBackend
from django.utils.functional import SimpleLazyObject

from communities.models import Community, Facility, Honour, Neighbourhood, Officer, Street
from newsroom.core import pagecache, themes

from .models import Membership, Portal
from .models.site import OWN_PERMISSIONS, Owned


def all_portals():
    """Every portal, from the cache (a change to any portal makes every page stale)."""
    return pagecache.remember("portals", lambda: list(Portal.objects.order_by("-is_default", "id")), tags=())


def for_host(host):
    """The portal serving ``host``, else the default one (the list of portals is cached)."""
    return Portal.objects.for_host(host, all_portals())


def below(portal):
    """The ids of the portals under ``portal`` at any depth (站群's tree), from the cached list:
    a public page asks this without a query."""
    children = {}
    for other in all_portals():
        children.setdefault(other.parent_id, []).append(other.pk)
    found, level = [], [portal.pk]
    while level:
        level = [pk for parent in level for pk in children.get(parent, []) if pk not in found]
        found.extend(level)
    return found


class PortalMiddleware:
    """``request.portal``: the portal serving this host, looked up when first used; its theme
    (``Portal.theme``) for every template this request renders."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.portal = SimpleLazyObject(lambda: for_host(request.get_host()))
        token = themes.use(lambda: request.portal.theme)
        try:
            return self.get_response(request)
        finally:
            themes.reset(token)


def _roles(user):
    return Membership.objects.roles_of(user)


#: Paths from a row to its portal for models whose queryset does not say (``portal_field``),
#: registered by the admin (``PortalScopedAdmin.portal_path``), or a function of the row (the
#: geography below: a street's portal is the one whose 辖区 holds it).
PATHS = {}


def _street_portal(street_id):
    if street_id is None:
        return None
    return Portal.streets.through.objects.filter(street_id=street_id).values_list("portal_id", flat=True).first()


def _via_community_or_street(obj):
    street = obj.street_id if obj.street_id else (obj.community.street_id if obj.community_id else None)
    return _street_portal(street)


# Streets, communities, honours and facilities are read by every portal and edited by the portal
# whose 辖区 holds their street (``Portal.streets``); outside every 辖区: None (every portal's
# staff with the role, as on a one-site install).
PATHS[Street] = lambda street: _street_portal(street.pk)
PATHS[Community] = lambda community: _street_portal(community.street_id)
PATHS[Honour] = _via_community_or_street
PATHS[Facility] = _via_community_or_street
PATHS[Officer] = _via_community_or_street
PATHS[Neighbourhood] = lambda neighbourhood: _street_portal(neighbourhood.community.street_id)


#: What ``portal_of`` answers for a record the platform owns (``Owned`` without a portal): only
#: staff of every portal change it.
PLATFORM = "platform"


def portal_of(obj):
    """The id of the portal ``obj`` belongs to; ``PLATFORM`` for a record the platform owns;
    None for rows every portal shares (a community's photo) and models without portals."""
    if isinstance(obj, Portal):
        return obj.pk
    model = type(obj)
    if isinstance(obj, Owned):
        return obj.portal_id if obj.portal_id is not None else PLATFORM
    if callable(PATHS.get(model)):
        return PATHS[model](obj)
    path = getattr(model._default_manager.all(), "portal_field", None) or PATHS.get(model)
    if path is None:
        if not any(field.name == "portal" for field in model._meta.fields):
            return None
        path = "portal"
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop, None)
        if obj is None:
            return None
    return obj.pk if last == "pk" else getattr(obj, f"{last}_id", None)


def held_in(user, portal):
    """The permissions ``user`` holds in the portal with id ``portal`` (None: in every portal —
    a role held without a portal, or given to the user directly)."""
    if not user.is_active:
        return set()
    roles = _roles(user)
    own = roles.get(OWN_PERMISSIONS, ())
    return {*own, *roles.get(None, ()), *(roles.get(portal, ()) if portal is not None else ())}


class RoleBackend(ModelBackend):
    """Django's permissions, with roles held per portal: a role's permissions count for an object
    of a portal where the user holds that role (or holds it in every portal); without an object,
    for any of the user's portals. Permissions given to the user directly (a superuser's choice)
    count everywhere."""

    def get_group_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        roles = _roles(user_obj)
        portal = None if obj is None else portal_of(obj)
        if portal is None:
            return set().union(*roles.values())
        if portal is PLATFORM:
            return set(roles.get(None, set()))
        return roles.get(portal, set()) | roles.get(None, set())

    def get_user_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        return set(Membership.objects.own_permissions(user_obj))

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous:
            return set()
        return {*self.get_user_permissions(user_obj), *self.get_group_permissions(user_obj, obj)}


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
            ids = [pk for pk in _roles(user) if pk != OWN_PERMISSIONS]
            if None in ids:
                found = None
            elif ids:
                found = frozenset(ids)
            else:
                default = Portal.objects.default()
                found = frozenset([default.pk]) if default else frozenset()
        user._linli_portals = found
    return user._linli_portals

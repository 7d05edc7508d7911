"""站群 in the admin: one mixin scopes a ModelAdmin to the portals its user works in
(``newsroom.portals.reachable``). Its list, its change, delete and history pages (another
portal's row is not found), the autocompletes that search it, and every choice of a portal's row
offered on its forms (a column, a topic, a series…) see only those portals' rows; a hand-made
POST naming another portal's row is refused by the form as an invalid choice."""

from django.contrib import admin
from django.contrib.admin.utils import NotRelationField, get_fields_from_path
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q

from newsroom.core.publishing import PortalScopedQuerySet

from ..models import Portal
from ..portals import PATHS, reachable


class PortalScopedAdmin:
    #: The lookup from a row to its portal ("portal", "column__portal"); None: the queryset's own
    #: ``portal_field``. ``portal_optional``: rows with no portal on that path (a community's
    #: photo) are shared and stay visible.
    portal_path = None
    portal_optional = False

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        if self.portal_path:
            PATHS.setdefault(model, self.portal_path)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and (
            self._may("view", request, obj) or self._may("change", request, obj)
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may("change", request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may("delete", request, obj)

    def _may(self, action, request, obj):
        """Roles are held per portal: a row is seen and changed with the roles held in its
        portal (Django asks without a row for the menus: any of the user's portals). A record
        shared by another portal is seen, not changed."""
        if obj is None or (action == "view" and _shared(obj)):
            return True
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}", obj)

    def _path(self):
        if self.portal_path:
            return self.portal_path
        return getattr(self.model._default_manager.all(), "portal_field", None)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        portals, path = reachable(request.user), self._path()
        if hasattr(queryset, "reachable_from"):  # owned records: theirs, shared, the platform's
            return queryset.reachable_from(portals)
        if portals is None or path is None:
            return queryset
        scope = Q(**{f"{path}__in": portals})
        if self.portal_optional:
            scope |= Q(**{f"{path}__isnull": True})
        return queryset.filter(scope)

    def get_list_filter(self, request):
        """A filter by a related row (栏目, 专题…) lists only rows the list's own rows use, so
        another portal's names never appear there (Django's ``RelatedOnlyFieldListFilter``)."""
        found = []
        for entry in super().get_list_filter(request):
            if isinstance(entry, str) and _is_relation(self.model, entry):
                entry = (entry, admin.RelatedOnlyFieldListFilter)
            found.append(entry)
        return found

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and db_field.name == "portal" and reachable(request.user) is not None:
            # a district's staff give what they make to one of their portals, never to the platform
            field.required, field.empty_label = True, None
        return _scoped_choices(field, request)

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if reachable(request.user) and "portal" not in initial and any(f.name == "portal" for f in self.opts.fields):
            initial["portal"] = first_portal(request.user).pk
        return initial

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        return _scoped_choices(field, request)


class PortalScopedInline:
    """An inline's choices of a portal's rows (a byline's person…) offer and accept only what
    the user's portals may use, as the page around it does."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return _scoped_choices(super().formfield_for_foreignkey(db_field, request, **kwargs), request)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return _scoped_choices(super().formfield_for_manytomany(db_field, request, **kwargs), request)


def _is_relation(model, name):
    try:
        field = get_fields_from_path(model, name)[-1]
    except (FieldDoesNotExist, NotRelationField):
        return False
    return field.is_relation


def first_portal(user):
    """The portal a new row of ``user`` starts in: the first they work in (the default portal
    for the platform's staff)."""
    portals = reachable(user)
    found = Portal.objects.filter(pk__in=portals).order_by("pk").first() if portals else None
    return found or Portal.objects.default()


def _shared(obj):
    return getattr(obj, "shared", False) or (hasattr(obj, "shared") and obj.portal_id is None)


def _scoped_choices(field, request):
    """A choice of a portal's rows offers (and accepts) only the user's portals' rows (and the
    records other portals share)."""
    queryset = getattr(field, "queryset", None)
    portals = reachable(request.user)
    if queryset is None or portals is None:
        return field
    if hasattr(queryset, "reachable_from"):
        field.queryset = queryset.reachable_from(portals)
    elif isinstance(queryset, PortalScopedQuerySet):
        field.queryset = queryset.for_portals(portals)
    elif queryset.model is Portal:
        field.queryset = queryset.filter(pk__in=portals)
    return field

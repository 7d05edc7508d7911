"""The admin site every model admin is registered on, and the one rule it adds to each of them:
a list accepts only the filters it declares.

Django's ``ModelAdmin.lookup_allowed`` accepts any lookup on a model's own fields, so a list
that shows a number masked could be read one character at a time through the query string
(``?id_number__startswith=1501``). Here a list accepts a query parameter only when one of its
``list_filter`` entries or its ``date_hierarchy`` owns it (and the raw-id popups' own
``limit_choices_to`` lookups); anything else answers 400, as Django answers a relation lookup
no filter declares. The rule is mixed into every admin class when it is registered, so
no list, Django's own included, can be left out.

A model names its identity data (``IDENTITY_FIELDS``) and the permission that shows it
(``IDENTITY_PERMISSION``); without that permission a user can neither search nor filter on
those fields, whatever the list declares.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.filters import ListFilter
from django.contrib.admin.widgets import url_params_from_lookup_dict
from django.db.models.constants import LOOKUP_SEP


def identity_hidden(model, request):
    """The identity fields of ``model`` this request's user may not see (names, as declared)."""
    fields = getattr(model, "IDENTITY_FIELDS", ())
    permission = getattr(model, "IDENTITY_PERMISSION", None)
    if fields and permission and request is not None and request.user.has_perm(permission):
        return ()
    return tuple(fields)


def _touches(path, fields):
    return any(path == field or path.startswith(field + LOOKUP_SEP) for field in fields)


class DeclaredLookupsOnly:
    """Mixed in front of every registered ModelAdmin by ``LinliAdminSite.register``."""

    def declared_lookups(self, request):
        """Field paths and parameter names the list's own filters use."""
        paths, names = set(), set()
        for item in self.get_list_filter(request):
            if isinstance(item, (tuple, list)):
                paths.add(item[0])
            elif isinstance(item, str):
                paths.add(item)
            elif isinstance(item, type) and issubclass(item, ListFilter):
                name = getattr(item, "parameter_name", None)
                if name:
                    names.add(name)
        if self.date_hierarchy:
            paths.add(self.date_hierarchy)
        return paths, names

    def lookup_allowed(self, lookup, value, request=None):
        hidden = identity_hidden(self.model, request)
        if _touches(lookup, hidden):
            return False
        for fk_lookup in self.model._meta.related_fkey_lookups:  # raw-id popups' limit_choices_to
            for key, wanted in url_params_from_lookup_dict(fk_lookup).items():
                if key == lookup and wanted == value:
                    return True
        paths, names = self.declared_lookups(request)
        if lookup not in names and not _touches(lookup, paths):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_search_fields(self, request):
        hidden = identity_hidden(self.model, request)
        fields = super().get_search_fields(request)
        return [f for f in fields if not _touches(f.lstrip("^=@"), hidden)] if hidden else fields


class LinliAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        base = admin_class or admin.ModelAdmin
        if not issubclass(base, DeclaredLookupsOnly):
            base = type(base.__name__, (DeclaredLookupsOnly, base), {"__module__": base.__module__})
        return super().register(model_or_iterable, base, **options)


class LinliAdminConfig(AdminConfig):
    default_site = "newsroom.core.adminsite.LinliAdminSite"

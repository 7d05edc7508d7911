"""Staff accounts and roles in the admin: nobody grants what they do not hold.

Roles are held per portal (所属网站 and its 角色, ``Membership``). Only superusers see or change
superusers, the roles' definitions and single permissions. Anyone else with the user permissions
(the 站点管理员 role) manages the accounts of their own portals whose permissions all lie within
their own, and gives a role in a portal only when they hold every permission of that role there.
The rule is enforced by the form's fields, querysets and validation, so a hand-made POST cannot
get past it.
"""

import re

from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..models import Membership, Portal
from ..portals import held_in, reachable


def held_permissions(user):
    """The ids of every permission ``user`` holds, through a role in any portal or directly."""
    return Permission.objects.filter(Q(user=user) | Q(group__memberships__user=user)).values("id")


def grantable(user, portal):
    """The roles ``user`` may give in ``portal`` (None: every portal): those whose permissions
    they hold there themselves."""
    groups = Group.objects.prefetch_related("permissions__content_type")
    if user.is_superuser:
        return list(groups)
    held = held_in(user, portal.pk if portal is not None else None)
    return [
        group
        for group in groups
        if all(f"{p.content_type.app_label}.{p.codename}" in held for p in group.permissions.all())
    ]


def within(user, queryset_of_groups):
    """The groups of ``queryset_of_groups`` that carry no permission ``user`` lacks."""
    if user.is_superuser:
        return queryset_of_groups
    return queryset_of_groups.exclude(permissions__in=Permission.objects.exclude(id__in=held_permissions(user)))


DEFAULT_ACTIONS = {"add": _("添加"), "change": _("修改"), "delete": _("删除"), "view": _("查看")}


def permission_label(permission):
    """ "评论｜查看评论" rather than "comments | comment | Can view comment": Django names its
    default permissions in English when it creates them; the custom ones are Chinese already."""
    model = permission.content_type.model_class()
    noun = model._meta.verbose_name if model else permission.content_type.model
    app = apps.get_app_config(permission.content_type.app_label).verbose_name
    default = re.match(r"Can (add|change|delete|view) ", permission.name)
    return f"{app}｜{DEFAULT_ACTIONS[default.group(1)]}{noun}" if default else f"{app}｜{permission.name}"


class PermissionsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return permission_label(obj)


def permissions_formfield(admin_class, db_field, request, kwargs):
    if db_field.name in ("permissions", "user_permissions"):
        kwargs["form_class"] = PermissionsField
        kwargs["queryset"] = Permission.objects.select_related("content_type")
    return kwargs


admin.site.unregister(User)
admin.site.unregister(Group)


class MembershipForm(forms.ModelForm):
    """所属网站 and the roles held there. A granter who works in some portals only may put people
    in those, never in "every portal" (left empty), and gives a role in a portal only when they
    hold all of its permissions there; roles the account already had that the granter could not
    give stay as they were."""

    granter = None  # set per request by MembershipInline

    class Meta:
        model = Membership
        fields = ("portal", "roles")
        widgets = {"roles": forms.CheckboxSelectMultiple}

    def clean_portal(self):
        portal = self.cleaned_data.get("portal")
        if portal is None and reachable(self.granter) is not None:
            raise forms.ValidationError(_("只有平台工作人员可以授予“所有网站”；请选择网站。"))
        return portal

    def clean(self):
        cleaned = super().clean()
        if "portal" not in cleaned or "roles" not in cleaned:
            return cleaned
        allowed = {group.pk for group in grantable(self.granter, cleaned["portal"])}
        chosen = set(cleaned["roles"])
        refused = [group.name for group in chosen if group.pk not in allowed]
        if refused:
            self.add_error(
                "roles",
                _("您在该网站没有“%(roles)s”角色的全部权限，不能授予。") % {"roles": "、".join(sorted(refused))},
            )
            return cleaned
        kept = set(self.instance.roles.exclude(pk__in=allowed)) if self.instance.pk else set()
        cleaned["roles"] = list(chosen | kept)
        return cleaned


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipForm
    extra = 0
    fields = ("portal", "roles")
    verbose_name = _("所属网站与角色")
    verbose_name_plural = _("所属网站与角色（站群：只能看到、处理所属网站的稿件和设置，并在该网站担任所选角色）")

    def get_queryset(self, request):
        portals = reachable(request.user)
        memberships = super().get_queryset(request).prefetch_related("roles")
        return memberships if portals is None else memberships.filter(portal__in=portals)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = type("MembershipForm", (formset.form,), {"granter": request.user})
        return formset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        portals = reachable(request.user)
        if db_field.name == "portal" and portals is not None:
            kwargs["queryset"] = Portal.objects.filter(pk__in=portals)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "portal" and field is not None:  # a plain choice, no edit/add/view icons
            field.widget = getattr(field.widget, "widget", field.widget)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "roles" and not request.user.is_superuser:
            kwargs["queryset"] = within(request.user, Group.objects.all())
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def _of_portals(users, portals):
    """Staff who work in one of ``portals``; those with no membership work in the default one."""
    default = Portal.objects.default()
    condition = Q(memberships__portal__in=portals)
    if default is not None and default.pk in portals:
        condition |= Q(memberships__isnull=True)
    return users.filter(condition).distinct()


@admin.register(User)
class StaffAdmin(UserAdmin):
    list_display = ("username", "first_name", "email", "is_staff", "is_active", "roles", "last_login")
    list_filter = ("is_staff", "is_superuser", "is_active", "memberships__roles")
    inlines = (MembershipInline,)

    def get_queryset(self, request):
        users = super().get_queryset(request).prefetch_related("memberships__portal", "memberships__roles")
        if request.user.is_superuser:
            return users
        portals = reachable(request.user)
        if portals is not None:  # a district's 站点管理员 manages its own staff only
            users = _of_portals(users, portals)
        beyond = Permission.objects.exclude(id__in=held_permissions(request.user))
        return (
            users.filter(is_superuser=False)
            .exclude(memberships__roles__permissions__in=beyond)
            .exclude(user_permissions__in=beyond)
        )

    def get_fieldsets(self, request, obj=None):
        """Roles are given per portal (所属网站与角色 below), not as Django's global groups."""
        fieldsets = super().get_fieldsets(request, obj)
        hidden = (
            {"groups"} if request.user.is_superuser or obj is None else {"groups", "is_superuser", "user_permissions"}
        )
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in fieldsets
        ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        permissions_formfield(self, db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("网站与角色"))
    def roles(self, obj):
        held = [
            f"{membership}：{'、'.join(group.name for group in membership.roles.all()) or '—'}"
            for membership in obj.memberships.all()
        ]
        return "；".join(held) or "—"


@admin.register(Group)
class RoleAdmin(GroupAdmin):
    """Roles are defined in newsroom/roles.py; only a superuser may change one."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        permissions_formfield(self, db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

"""Staff accounts and roles in the admin: nobody grants what they do not hold.

Only superusers see or change superusers, groups (roles) and single permissions. Anyone else
with the user permissions (the 站点管理员 role) manages the accounts whose permissions all lie
within their own, and can give them only roles whose permissions they hold themselves. The
rule is enforced by the form's fields and querysets, so a hand-made POST cannot get past it.
"""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def held_permissions(user):
    """The ids of every permission ``user`` holds, through roles or directly."""
    return Permission.objects.filter(Q(user=user) | Q(group__user=user)).values("id")


def within(user, queryset_of_groups):
    """The groups of ``queryset_of_groups`` that carry no permission ``user`` lacks."""
    if user.is_superuser:
        return queryset_of_groups
    return queryset_of_groups.exclude(permissions__in=Permission.objects.exclude(id__in=held_permissions(user)))


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class StaffAdmin(UserAdmin):
    list_display = ("username", "first_name", "email", "is_staff", "is_active", "roles", "last_login")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")

    def get_queryset(self, request):
        users = super().get_queryset(request).prefetch_related("groups")
        if request.user.is_superuser:
            return users
        beyond = Permission.objects.exclude(id__in=held_permissions(request.user))
        return (
            users.filter(is_superuser=False)
            .exclude(groups__permissions__in=beyond)
            .exclude(user_permissions__in=beyond)
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser or obj is None:
            return fieldsets
        return [
            (
                name,
                {**options, "fields": [f for f in options["fields"] if f not in ("is_superuser", "user_permissions")]},
            )
            for name, options in fieldsets
        ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups":
            kwargs["queryset"] = within(request.user, Group.objects.all())
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        """Roles the actor cannot grant, which the account already had, stay as they were."""
        kept = set()
        if change and not request.user.is_superuser:
            allowed = within(request.user, Group.objects.all())
            kept = set(form.instance.groups.exclude(pk__in=allowed))
        super().save_related(request, form, formsets, change)
        if kept:
            form.instance.groups.add(*kept)

    @admin.display(description=_("角色"))
    def roles(self, obj):
        return "、".join(group.name for group in obj.groups.all()) or "—"


@admin.register(Group)
class RoleAdmin(GroupAdmin):
    """Roles are defined in newsroom/roles.py; only a superuser may change one."""

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

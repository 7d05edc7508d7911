from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import extensions, identity
from ..identity import ipv6_status
from ..images import IMAGE_UPLOADS
from ..models import BylineRole, Column, Page, Person, Portal, SensitiveWord, Series, TipChannel, Topic
from ..portals import reachable
from .review import ReviewedAdmin
from .scope import PortalScopedAdmin


class TipChannelInline(admin.TabularInline):
    model = TipChannel
    extra = 0


class BylineRoleInline(admin.TabularInline):
    """The portal's vocabulary of byline roles (记者, 通讯员, 责任编辑…)."""

    model = BylineRole
    extra = 0
    fields = ("order", "name", "abbreviation", "placement", "is_editor")


@admin.register(Portal)
class PortalAdmin(PortalScopedAdmin, admin.ModelAdmin):
    portal_path = "pk"

    formfield_overrides = IMAGE_UPLOADS
    list_display = ("name", "short_name", "parent", "hosts", "is_default", "news_hotline", "icp_number")
    search_fields = ("name", "short_name", "hosts")
    inlines = (TipChannelInline, BylineRoleInline)
    autocomplete_fields = ("streets",)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("name", "short_name", "slug"),
                    ("hosts", "is_default"),
                    "parent",
                    "streets",
                    ("logo", "banner"),
                )
            },
        ),
        (
            _("联系与报料"),
            {"fields": (("news_hotline", "submission_email"), "tip_reward_note", ("contact_phone", "contact_address"))},
        ),
        (
            _("备案与许可"),
            {
                "fields": (
                    ("sponsor", "organiser"),
                    ("icp_number", "public_security_number"),
                    ("site_code", "government_mark_url"),
                    ("news_licence", "av_licence"),
                )
            },
        ),
        (_("版权与免责"), {"fields": ("copyright_line", "reprint_disclaimer", "contact_window_days")}),
        (_("哀悼日"), {"fields": (("mourning_from", "mourning_until"),)}),
        (_("署名"), {"fields": ("byline_end_style", "allow_uncredited_photos")}),
        (_("站群推送"), {"fields": ("push_policy", "push_from")}),
        (_("文章页样式"), {"fields": ("theme", ("breadcrumb_label", "breadcrumb_style"), "recommended_heading")}),
        (
            _("审核流程"),
            {
                "fields": (
                    "review_steps",
                    "risk_tiers_enabled",
                    ("tier_a_steps", "tier_b_steps", "tier_c_steps"),
                    "preview_link_hours",
                    "content_review_steps",
                    "allow_self_review",
                )
            },
        ),
        (
            _("侵权通知处理"),
            {"fields": (("takedown_sla_hours", "info_wait_days"), ("restore_policy", "restore_after_days"))},
        ),
    )

    #: Where a portal sits in the platform and which one answers unknown hosts: the platform's
    #: staff decide (a district could otherwise leave its city's 错敏词 list behind).
    PLATFORM_FIELDS = ("parent", "is_default", "streets")
    change_list_template = "admin/newsroom/portal/change_list.html"

    def get_urls(self):
        view = self.admin_site.admin_view(self.overview_view)
        return [path("overview/", view, name="newsroom_portal_overview"), *super().get_urls()]

    def overview_view(self, request):
        """网站群总览: every portal the user works in, as a tree (city → district → street), with
        its footer identity complete or not, its hosts over IPv6 and each app's standing column
        (the website inspection: days to the nearest single veto)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        portals = self.get_queryset(request).select_related("parent").tree()
        ids = [portal.pk for portal, _ in portals]
        hosts = ipv6_status({host for portal, _ in portals for host in portal.host_list})
        standings = [(str(s.heading), s.read(ids)) for s in extensions.PORTAL_STANDING]
        rows = [
            {
                "portal": portal,
                "depth": depth,
                "missing": portal.identity_missing(),
                "hosts": [(host, hosts[host], identity.LABELS[hosts[host]]) for host in portal.host_list],
                "standing": [found[portal.pk] for _, found in standings],
            }
            for portal, depth in portals
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("网站群总览"),
            "rows": rows,
            "headings": [heading for heading, _ in standings],
            "answers": identity.ANSWERS,
        }
        return TemplateResponse(request, "admin/newsroom/portal/overview.html", context)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and reachable(request.user) is None

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "push_from":  # any portal of the platform may be chosen, not only one's own
            kwargs["queryset"] = Portal.objects.order_by("pk")
            kwargs["widget"] = forms.CheckboxSelectMultiple
            return db_field.formfield(**kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return fields if reachable(request.user) is None else [*fields, *self.PLATFORM_FIELDS]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "allow_self_review" in form.changed_data:
            # The admin's change message (操作日志) names the field; say it to the user too.
            if obj.allow_self_review:
                messages.warning(
                    request, gettext("已允许作者本人审核：三审中的“作者与审核人分离”对本网站不再强制。此项修改已记录。")
                )
            else:
                messages.success(request, gettext("已恢复作者与审核人分离。"))


@admin.register(Column)
class ColumnAdmin(PortalScopedAdmin, admin.ModelAdmin):
    list_display = (
        "name",
        "parent",
        "portal",
        "slug",
        "order",
        "show_in_nav",
        "is_picture_column",
        "in_sidebar",
        "update_class",
    )
    list_editable = ("order", "show_in_nav", "is_picture_column", "in_sidebar")
    list_filter = ("portal", "show_in_nav", "is_picture_column", "update_class")
    search_fields = ("name", "slug")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent", "portal")


@admin.register(Topic)
class TopicAdmin(PortalScopedAdmin, ReviewedAdmin):
    list_display = ("title", "slug", "portal", "is_featured", "created_at")
    list_filter = ("is_featured", "portal")
    search_fields = ("title", "description")


@admin.register(Series)
class SeriesAdmin(PortalScopedAdmin, ReviewedAdmin):
    list_display = ("title", "short_title", "slug", "portal")
    search_fields = ("title", "short_title")
    autocomplete_fields = ("sister_series",)


@admin.register(Person)
class PersonAdmin(PortalScopedAdmin, ReviewedAdmin):
    """A person a public byline or credit names changes only through content review (renaming
    one changed every live byline at once, unreviewed); a new or unused name saves at once.
    People belong to a portal, private to it unless shared (``Owned``)."""

    list_display = ("name", "organisation", "role", "portal", "shared")
    search_fields = ("name", "organisation")
    list_filter = ("role", "shared")

    def is_reviewed(self, obj):
        return obj.is_named_publicly()


@admin.register(Page)
class PageAdmin(PortalScopedAdmin, ReviewedAdmin):
    list_display = ("title", "slug", "portal", "order", "in_footer", "updated_at")
    list_editable = ("order", "in_footer")
    search_fields = ("title",)


@admin.register(SensitiveWord)
class SensitiveWordAdmin(PortalScopedAdmin, admin.ModelAdmin):
    portal_path = "portal"

    list_display = ("word", "suggestion", "severity", "note", "portal")
    list_filter = ("severity", "portal")
    search_fields = ("word", "suggestion", "note")

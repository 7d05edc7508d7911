"""The comment desk in the admin: the moderation queue (approve or reject with a reason; no
editing), reports, measures on commenters, the trail, and the export for the regulator.
Identity data (masked number, address) shows only to those allowed to see it."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from newsroom.admin.scope import PortalScopedAdmin
from newsroom.core.adminbase import RecordAdmin
from newsroom.core.bulk import run_each
from newsroom.core.spreadsheets import SafeCSVWriter

from . import actions
from .models import Blacklist, Comment, Commenter, CommentEvent, CommentSettings, Report
from .verifiers import real_verifier

HIDDEN = "***"


def _identity_shown(request):
    return request.user.has_perm("comments.view_commenter_identity")


def _identity_column(request, label, reveal):
    """A list column built per request (ModelAdmin instances are shared between requests, so
    whether this user may see identities cannot be kept on the instance)."""
    shown = _identity_shown(request)

    @admin.display(description=label)
    def identity(obj):
        return reveal(obj) if shown else HIDDEN

    return identity


class CommentSettingsForm(forms.ModelForm):
    class Meta:
        model = CommentSettings
        fields = "__all__"

    def clean_enabled(self):
        enabled = self.cleaned_data["enabled"]
        if enabled and not settings.DEBUG and not real_verifier():
            raise ValidationError(
                _(
                    "尚未配置真实的身份认证方式（短信验证码或网号/网证），不能开放评论。请先由技术人员配置 COMMENT_VERIFIER。"
                )
            )
        return enabled


@admin.register(CommentSettings)
class CommentSettingsAdmin(PortalScopedAdmin, admin.ModelAdmin):
    portal_path = "portal"

    form = CommentSettingsForm
    list_display = ("portal", "enabled", "max_length", "review_hours", "retention_days")
    filter_horizontal = ("closed_columns",)


class ReasonForm(ActionForm):
    reason = forms.CharField(label=_lazy("理由"), required=False, max_length=300)
    days = forms.IntegerField(label=_lazy("禁言天数"), required=False, min_value=1, max_value=365, initial=7)


def _run(request, queryset, act, *args):
    run_each(request, queryset, act, *args, refusals=(actions.CommentError,))


@admin.register(Comment)
class CommentAdmin(PortalScopedAdmin, admin.ModelAdmin):
    portal_path = "article__portal"

    list_display = (
        "body_short",
        "article",
        "commenter_name",
        "identity",
        "region",
        "status",
        "flagged",
        "like_count",
        "created_at",
        "due",
    )
    list_filter = ("status", "created_at")
    search_fields = ("body", "commenter__display_name", "article__title")
    list_select_related = ("article", "commenter")
    action_form = ReasonForm
    actions = ("approve_selected", "reject_selected", "remove_selected", "export_selected")
    ordering = ("status", "created_at")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article__portal__comment_settings")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # approve or reject, never edit what a reader wrote

    def has_delete_permission(self, request, obj=None):
        return False  # removal is a decision with a reason (the records stay)

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")

    @admin.display(description=_lazy("内容"))
    def body_short(self, obj):
        return obj.body[:60]

    @admin.display(description=_lazy("昵称"))
    def commenter_name(self, obj):
        return obj.commenter.display_name

    @admin.display(description=_lazy("认证信息与网络地址"))
    def identity(self, obj):
        return HIDDEN  # replaced per request by get_list_display

    def get_list_display(self, request):
        column = _identity_column(
            request, _lazy("认证信息与网络地址"), lambda obj: f"{obj.commenter.masked} {obj.ip_address or ''}"
        )
        return [column if name == "identity" else name for name in self.list_display]

    @admin.display(description=_lazy("审核期限"))
    def due(self, obj):
        if obj.status != Comment.Status.PENDING:
            return ""
        policy = getattr(obj.article.column.portal, "comment_settings", None)
        hours = policy.review_hours if policy else 24
        deadline = obj.created_at + timedelta(hours=hours)
        late = _("（已超时）") if deadline < timezone.now() else ""
        return f"{timezone.localtime(deadline):%m-%d %H:%M}{late}"

    def get_readonly_fields(self, request, obj=None):
        fields = [f.name for f in Comment._meta.fields]
        return fields if _identity_shown(request) else [f for f in fields if f != "ip_address"]

    def get_fields(self, request, obj=None):
        return self.get_readonly_fields(request, obj)

    @admin.action(description=_lazy("审核通过所选评论"), permissions=["moderate"])
    def approve_selected(self, request, queryset):
        _run(request, queryset, actions.approve)

    @admin.action(description=_lazy("不通过所选评论（填写理由）"), permissions=["moderate"])
    def reject_selected(self, request, queryset):
        _run(request, queryset, actions.reject, request.POST.get("reason", ""))

    @admin.action(description=_lazy("删除所选已显示的评论（填写理由）"), permissions=["moderate"])
    def remove_selected(self, request, queryset):
        _run(request, queryset, actions.remove, request.POST.get("reason", ""))

    @admin.action(description=_lazy("导出所选评论（CSV，供监管部门）"), permissions=["view"])
    def export_selected(self, request, queryset):
        shown = _identity_shown(request)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="comments.csv"'
        response.write("\ufeff")
        writer = SafeCSVWriter(response)
        writer.writerow(
            [
                _("编号"),
                _("文章"),
                _("昵称"),
                _("认证信息"),
                _("网络地址"),
                _("IP属地"),
                _("内容"),
                _("状态"),
                _("理由"),
                _("发表时间"),
                _("审核时间"),
                _("审核人"),
            ]
        )
        for c in queryset.select_related("article", "commenter", "decided_by").order_by("created_at"):
            writer.writerow(
                [
                    c.pk,
                    c.article.title,
                    c.commenter.display_name,
                    c.commenter.masked if shown else HIDDEN,
                    (c.ip_address or "") if shown else HIDDEN,
                    c.region,
                    c.body,
                    c.get_status_display(),
                    c.reason,
                    timezone.localtime(c.created_at).strftime("%Y-%m-%d %H:%M:%S"),
                    timezone.localtime(c.decided_at).strftime("%Y-%m-%d %H:%M:%S") if c.decided_at else "",
                    c.decided_by.get_username() if c.decided_by else "",
                ]
            )
        return response


@admin.register(Commenter)
class CommenterAdmin(admin.ModelAdmin):
    list_display = ("display_name", "identity", "level", "warnings", "muted_until", "closed_at", "created_at")
    list_filter = ("level", "kind")
    search_fields = ("display_name",)
    action_form = ReasonForm
    actions = (
        "warn_selected",
        "mute_selected",
        "block_selected",
        "trust_selected",
        "restrict_selected",
        "normal_selected",
    )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return ["kind", "display_name", "level", "warnings", "muted_until", "closed_at", "created_at"]

    def get_fields(self, request, obj=None):
        fields = self.get_readonly_fields(request, obj)
        return ["masked", *fields] if _identity_shown(request) else fields

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and obj is None  # measures only, through actions

    @admin.display(description=_lazy("认证信息"))
    def identity(self, obj):
        return HIDDEN  # replaced per request by get_list_display

    def get_list_display(self, request):
        column = _identity_column(request, _lazy("认证信息"), lambda obj: obj.masked)
        return [column if name == "identity" else name for name in self.list_display]

    @admin.action(description=_lazy("警示所选用户（填写理由）"), permissions=["change"])
    def warn_selected(self, request, queryset):
        _run(request, queryset, actions.warn, request.POST.get("reason", ""))

    @admin.action(description=_lazy("禁言所选用户（填写天数和理由）"), permissions=["change"])
    def mute_selected(self, request, queryset):
        _run(request, queryset, actions.mute, request.POST.get("days") or 7, request.POST.get("reason", ""))

    @admin.action(description=_lazy("关闭账号并列入黑名单（填写理由）"), permissions=["change"])
    def block_selected(self, request, queryset):
        _run(request, queryset, actions.block, request.POST.get("reason", ""))

    @admin.action(description=_lazy("信用等级设为“信用良好”（填写理由）"), permissions=["change"])
    def trust_selected(self, request, queryset):
        _run(request, queryset, actions.set_level, "trusted", request.POST.get("reason", ""))

    @admin.action(description=_lazy("信用等级设为“受限”（填写理由）"), permissions=["change"])
    def restrict_selected(self, request, queryset):
        _run(request, queryset, actions.set_level, "restricted", request.POST.get("reason", ""))

    @admin.action(description=_lazy("信用等级设为“普通”（填写理由）"), permissions=["change"])
    def normal_selected(self, request, queryset):
        _run(request, queryset, actions.set_level, "normal", request.POST.get("reason", ""))


@admin.register(Report)
class ReportAdmin(PortalScopedAdmin, admin.ModelAdmin):
    portal_path = "comment__article__portal"

    list_display = ("comment", "reason", "detail", "status", "outcome", "created_at", "decided_at")
    list_filter = ("status", "reason")
    action_form = ReasonForm
    actions = ("uphold_selected", "dismiss_selected")
    list_select_related = ("comment",)
    readonly_fields = ("comment", "reason", "detail", "status", "outcome", "created_at", "decided_at", "decided_by")
    exclude = ("ip_address",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_moderate_permission(self, request):
        return request.user.has_perm("comments.moderate_comment")

    @admin.action(description=_lazy("举报属实：删除评论（填写处理说明）"), permissions=["moderate"])
    def uphold_selected(self, request, queryset):
        _run(request, queryset, lambda r, u, o: actions.decide_report(r, u, True, o), request.POST.get("reason", ""))

    @admin.action(description=_lazy("举报不属实：保留评论（填写处理说明）"), permissions=["moderate"])
    def dismiss_selected(self, request, queryset):
        _run(request, queryset, lambda r, u, o: actions.decide_report(r, u, False, o), request.POST.get("reason", ""))


@admin.register(Blacklist)
class BlacklistAdmin(admin.ModelAdmin):
    list_display = ("masked", "reason", "created_by", "created_at")
    readonly_fields = ("masked", "reason", "created_by", "created_at")
    exclude = ("identity_hash",)

    def has_add_permission(self, request):
        return False


@admin.register(CommentEvent)
class EventAdmin(PortalScopedAdmin, RecordAdmin):
    portal_path, portal_optional = "article__portal", True  # a measure on a commenter is theirs alone

    list_display = ("created_at", "action", "actor", "comment", "commenter", "article", "opinion")
    list_filter = ("action",)
    list_select_related = ("actor", "comment", "commenter", "article")

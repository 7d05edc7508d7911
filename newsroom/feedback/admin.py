"""纠错留言 in the admin: the editors of a portal read its reports and close each as 已更正 or
无需更正 (an action of the list, with a note); nothing else of a report changes."""

from django import forms
from django.contrib import admin
from django.contrib.admin.helpers import ActionForm
from django.utils.translation import gettext_lazy as _

from newsroom.admin.scope import PortalScopedAdmin
from newsroom.core.adminbase import RecordAdmin
from newsroom.core.bulk import run_each

from . import actions
from .models import Report, ReportEvent


class NoteForm(ActionForm):
    note = forms.CharField(label=_("处理说明"), required=False, max_length=300)


def _run(request, queryset, outcome):
    note = request.POST.get("note", "")
    run_each(request, queryset, lambda r, u: actions.handle(r, u, outcome, note), refusals=(actions.ReportError,))


@admin.register(Report)
class ReportAdmin(PortalScopedAdmin, admin.ModelAdmin):
    list_display = ("created_at", "kind", "article", "quote", "text", "status", "portal")
    list_filter = ("status", "kind")
    list_select_related = ("article", "portal")
    search_fields = ("text", "quote", "article__title")
    action_form = NoteForm
    actions = ("mark_corrected", "mark_no_change")
    readonly_fields = ("portal", "article", "kind", "quote", "text", "name", "contact", "status", "note", "created_at")
    exclude = ("client_key",)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_handle_permission(self, request):
        return request.user.has_perm("feedback.handle_report")

    @admin.action(description=_("已更正：文章已改正（可填写处理说明）"), permissions=["handle"])
    def mark_corrected(self, request, queryset):
        _run(request, queryset, Report.Status.CORRECTED)

    @admin.action(description=_("无需更正（请填写处理说明）"), permissions=["handle"])
    def mark_no_change(self, request, queryset):
        _run(request, queryset, Report.Status.NO_CHANGE)


@admin.register(ReportEvent)
class ReportEventAdmin(PortalScopedAdmin, RecordAdmin):
    portal_path = "report__portal"

    list_display = ("created_at", "action", "actor", "report", "from_status", "to_status", "note")
    list_filter = ("action",)
    list_select_related = ("actor", "report")

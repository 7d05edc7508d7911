"""The moderators' desk (版权审核): a queue by deadline, the request with its targets, evidence,
measures and audit trail, and one button per action. Requests change only through actions.py."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsroom.admin.scope import PortalScopedAdmin
from newsroom.core.actions import ActionError
from newsroom.core.adminbase import RecordAdmin
from newsroom.core.spreadsheets import SafeCSVWriter

from ..models import Photo
from . import actions
from .models import Evidence, Measure, TakedownEvent, TakedownRequest, Target

URGENCY = {
    "overdue": (_("已超期"), "#ba2121"),
    "due-soon": (_("4小时内到期"), "#b36b00"),
    "on-time": (_("期限内"), "#2e6e46"),
    "done": (_("已办结"), "#666"),
}


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TargetInline(ReadOnlyInline):
    model = Target
    fields = ("work_title", "part", "url", "article", "photo", "photo_uses", "passage")
    readonly_fields = fields

    @admin.display(description=_("该图片的全部使用"))
    def photo_uses(self, obj):
        """Every place the photo's image appears: 屏蔽图片 hides the file, so all of them."""
        if not obj.photo_id:
            return "—"
        uses = Photo.objects.filter(image=obj.photo.image).select_related("article", "community", "facility")
        rows = [
            (use._meta.get_field(kind).verbose_name, str(target), target.get_absolute_url())
            for use in uses
            for kind, target in (("article", use.article), ("community", use.community), ("facility", use.facility))
            if target is not None
        ][:20]
        return format_html(
            "{}<ul>{}</ul>",
            gettext("共 %(n)s 处，屏蔽后一并不再显示：") % {"n": len(rows)},
            format_html_join(
                "", '<li>{}：<a href="{}" target="_blank" rel="noopener">{}</a></li>', ((k, u, t) for k, t, u in rows)
            ),
        )


class MeasureInline(ReadOnlyInline):
    model = Measure
    fields = ("kind", "article", "photo", "text", "applied_at", "applied_by", "reverted_at", "reverted_by")
    readonly_fields = fields


class EventInline(ReadOnlyInline):
    model = TakedownEvent
    fields = ("created_at", "actor", "action_label", "change_label", "reason", "internal")
    readonly_fields = fields

    @admin.display(description=_("操作"))
    def action_label(self, obj):
        return obj.action_label

    @admin.display(description=_("状态"))
    def change_label(self, obj):
        return obj.change_label


@admin.register(TakedownRequest)
class TakedownRequestAdmin(PortalScopedAdmin, RecordAdmin):
    """Nothing here is edited by hand: the desk's buttons go through actions.py."""

    portal_path = "portal"

    change_form_template = "admin/takedowns/change_form.html"
    list_display = (
        "reference",
        "urgency_badge",
        "status",
        "right_claimed",
        "notifier_name",
        "received_at",
        "deadline",
        "assigned_to",
        "needs_legal_review",
    )
    list_filter = ("status", "right_claimed", "needs_legal_review", "assigned_to")
    search_fields = ("reference", "notifier_name", "email", "targets__work_title")
    ordering = ("deadline", "received_at")
    list_select_related = ("assigned_to",)
    inlines = (TargetInline, MeasureInline, EventInline)
    actions = ("export_audit_trail",)
    fields = (
        ("reference", "status", "right_claimed"),
        ("received_at", "deadline", "assigned_to"),
        ("notifier_kind", "notifier_name"),
        ("phone", "email"),
        "address",
        ("id_type", "masked_id"),
        ("is_agent", "principal_name"),
        "description",
        ("decision", "decided_at"),
        ("forwarded_at", "forward_note"),
        ("restore_due_at", "needs_legal_review", "legal_review_reason"),
    )

    def get_fields(self, request, obj=None):
        """Identity numbers in full only for those allowed to see them (法务复核)."""
        if request.user.has_perm("takedowns.view_id_number"):
            return [
                tuple("id_number" if f == "masked_id" else f for f in row) if isinstance(row, tuple) else row
                for row in self.fields
            ]
        return self.fields

    def get_readonly_fields(self, request, obj=None):
        return [f for row in self.get_fields(request, obj) for f in (row if isinstance(row, tuple) else (row,))]

    @admin.display(description=_("证件号码"))
    def masked_id(self, obj):
        return obj.masked_id_number

    @admin.display(description=_("期限"), ordering="deadline")
    def urgency_badge(self, obj):
        label, colour = URGENCY[obj.urgency]
        return format_html('<strong style="color:{}">{}</strong>', colour, label)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id and str(object_id).isdigit():
            notice = get_object_or_404(self.get_queryset(request), pk=object_id)
            extra_context.update(
                notice=notice,
                evidence=notice.evidence.all() if request.user.has_perm("takedowns.view_identity") else None,
                counter_notices=notice.counter_notices.all()
                if request.user.has_perm("takedowns.view_identity")
                else None,
                full_id_numbers=request.user.has_perm("takedowns.view_id_number"),
                targets=notice.targets.select_related("article", "photo"),
                shared_images=[
                    (target, actions.shared_images(target.article))
                    for target in notice.targets.select_related("article")
                    if target.article is not None
                ],
                active_measures=notice.measures.filter(reverted_at=None),
                moderators=get_user_model()
                .objects.filter(
                    Q(memberships__portal=notice.portal_id) | Q(memberships__portal__isnull=True),
                    memberships__roles__name=gettext("版权审核"),
                )
                .distinct(),
                counter_url=request.build_absolute_uri(reverse("takedowns:counter", args=[notice.counter_token]))
                if notice.counter_token
                else "",
                mails=notice.mails.all(),
                author_kinds=TakedownRequest.AuthorKind.choices,
                may=actions.DESK.allowed(notice, request.user),
                desk_buttons=actions.DESK.buttons(notice, request.user),
            )
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/act/", view(self.act_view), name="takedowns_act"),
            path("<int:pk>/evidence/<int:evidence>/", view(self.evidence_view), name="takedowns_evidence"),
        ] + super().get_urls()

    def act_view(self, request, pk):
        if request.method != "POST":
            return redirect("admin:takedowns_takedownrequest_change", pk)
        notice = get_object_or_404(self.get_queryset(request), pk=pk)
        try:
            actions.DESK.run(request.POST.get("action", ""), notice, request.user, request.POST)
        except ActionError as error:
            messages.error(request, str(error))
        except PermissionDenied as error:
            messages.error(request, str(error) or gettext("您没有执行此操作的权限。"))
        else:
            messages.success(request, gettext("操作已完成并记入处理记录。"))
        return redirect("admin:takedowns_takedownrequest_change", pk)

    def evidence_view(self, request, pk, evidence):
        """Evidence and identity documents: only for moderators, never from a public URL."""
        if not request.user.has_perm("takedowns.view_identity"):
            raise PermissionDenied
        notice = get_object_or_404(self.get_queryset(request), pk=pk)  # of a portal the user works in
        item = get_object_or_404(Evidence.objects.select_related("request"), pk=evidence, request=notice)
        actions.record_download(item, request.user)
        response = FileResponse(
            item.file.open("rb"),
            as_attachment=True,
            filename=item.download_name,
            content_type=item.content_type or "application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response

    @admin.action(description=_("导出处理记录（CSV）"))
    def export_audit_trail(self, request, queryset):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="takedown-audit-{timezone.localdate()}.csv"'
        response.write("\ufeff")  # so Excel reads UTF-8
        writer = SafeCSVWriter(response)
        writer.writerow(
            [
                gettext("受理编号"),
                gettext("时间"),
                gettext("操作人"),
                gettext("操作"),
                gettext("原状态"),
                gettext("新状态"),
                gettext("理由/说明"),
                gettext("通知人可见"),
            ]
        )
        events = (
            TakedownEvent.objects.filter(request__in=queryset)
            .select_related("request", "actor")
            .order_by("request__reference", "created_at")
        )
        for event in events:
            writer.writerow(
                [
                    event.request.reference,
                    timezone.localtime(event.created_at).strftime("%Y-%m-%d %H:%M:%S"),
                    event.actor.get_username() if event.actor else gettext("通知人/系统"),
                    event.action_label,
                    event.from_status,
                    event.to_status,
                    event.reason,
                    gettext("否") if event.internal else gettext("是"),
                ]
            )
        return response

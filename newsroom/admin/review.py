"""The admin side of content review (newsroom/content_review.py).

``ReviewedAdmin`` makes a ModelAdmin save through review: a new object is saved hidden with a
pending 新建; saving a live object stores a pending 修改 and leaves the row (what readers see)
as it is; deleting a live object asks for a 删除. The change page shows the working copy, the
pending change and the object's history. ``ContentChangeAdmin`` is the reviewers' desk.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from newsroom.core.actions import ActionError
from newsroom.core.adminbase import RecordAdmin
from newsroom.core.publishing import Reviewed

from .. import content_review
from ..models import ContentChange
from ..portals import reachable
from ..templatetags.newsroom import staff_name

K = ContentChange.Kind
_WAITING = ContextVar("review_waiting", default=None)  # the change kind a response reports
NOTICE = {
    "create": _lazy("已保存并提交审核：审核通过前，读者看不到这项内容。"),
    "update": _lazy("修改已提交审核：审核通过前，网站上仍显示原来的内容。"),
    "delete": _lazy("删除申请已提交审核：审核通过后才会从网站上删除。"),
}


class ReviewedAdmin(admin.ModelAdmin):
    change_form_template = "admin/review/change_form.html"

    def is_reviewed(self, obj):
        """Whether ``obj`` goes through content review (a photo of an article does not: the
        article's own workflow reviews it)."""
        return True

    # -- the working copy ---------------------------------------------------------------------

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and obj.is_live and request.method == "GET" and self.is_reviewed(obj):
            change = content_review.pending_for(obj)
            if change is not None and change.kind == K.UPDATE:
                obj._pending_m2m = content_review.load(obj, change.data)  # the editor goes on with it
        return obj

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        pending = getattr(obj, "_pending_m2m", None)
        if not pending:
            return form

        class WorkingCopyForm(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, **kw)
                for name, pks in pending.items():
                    if name in self.fields:
                        self.initial[name] = pks

        return WorkingCopyForm

    # -- saving through review ----------------------------------------------------------------
    # What is proposed follows from the object itself: a live row is left as readers see it and
    # its edit waits as a working copy; anything else is saved hidden and waits to be approved.

    def save_model(self, request, obj, form, change):
        if not self.is_reviewed(obj):
            return super().save_model(request, obj, form, change)
        if change and obj.is_live:
            return None  # the row stays as readers see it
        obj.is_live = False
        return super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        obj = form.instance
        if not self.is_reviewed(obj):
            return super().save_related(request, form, formsets, change)
        if obj.is_live:
            m2m = {
                name: [o.pk for o in value]
                for name, value in form.cleaned_data.items()
                if name in {f.name for f in content_review.relations(type(obj))}
            }
            content_review.propose(obj, request.user, K.UPDATE, content_review.snapshot(obj, m2m))
            return None
        super().save_related(request, form, formsets, change)
        content_review.propose(obj, request.user, K.CREATE)
        return None

    def delete_model(self, request, obj):
        if self.is_reviewed(obj) and obj.is_live:
            content_review.propose(obj, request.user, K.DELETE)
            return
        change = content_review.pending_for(obj)
        super().delete_model(request, obj)
        if change is not None:  # a hidden object deleted before review: nothing left to review
            content_review.discard(change, request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    # -- telling the editor it waits for review ---------------------------------------------------
    # Django's "saved successfully" is replaced by what happened: the responses below say which
    # change now waits (read from the pending change), for the length of the response only.

    def response_add(self, request, obj, post_url_continue=None):
        with _waiting(self._pending_kind(obj)):
            return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        with _waiting(self._pending_kind(obj)):
            return super().response_change(request, obj)

    def response_delete(self, request, obj_display, obj_id):
        still_there = self.model._default_manager.filter(pk=obj_id).first()  # its deletion waits
        with _waiting(K.DELETE if still_there is not None and self._pending_kind(still_there) else None):
            return super().response_delete(request, obj_display, obj_id)

    def get_actions(self, request):
        found = super().get_actions(request)
        if "delete_selected" in found:
            delete, name, description = found["delete_selected"]
            found["delete_selected"] = (self._deleting_through_review(delete), name, description)
        return found

    def _deleting_through_review(self, delete):
        def delete_selected(modeladmin, request, queryset):
            live = any(self.is_reviewed(obj) and obj.is_live for obj in queryset)
            with _waiting(K.DELETE if live and request.POST.get("post") else None):
                return delete(modeladmin, request, queryset)

        return delete_selected

    def _pending_kind(self, obj):
        if obj is None or not obj.pk or not self.is_reviewed(obj):
            return None
        change = content_review.pending_for(obj)
        return change.kind if change is not None else None

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        kind = _WAITING.get()
        if kind and level == messages.SUCCESS:
            return super().message_user(request, NOTICE[kind], messages.WARNING, *args, **kwargs)
        return super().message_user(request, message, level, *args, **kwargs)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk and self.is_reviewed(obj):
            context["review_change"] = content_review.pending_for(obj)
            context["review_history"] = content_review.history_of(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)


class ReviewedKindFilter(admin.SimpleListFilter):
    """内容类别: only the kinds of content that go through review, by their Chinese names (not
    every content type the database knows, access attempts and task queues included)."""

    title = _lazy("内容类别")
    parameter_name = "content_type"

    def lookups(self, request, model_admin):
        models = [m for m in apps.get_models() if issubclass(m, Reviewed)]
        found = ContentType.objects.get_for_models(*models)
        return sorted(((ct.pk, m._meta.verbose_name) for m, ct in found.items()), key=lambda row: str(row[1]))

    def queryset(self, request, queryset):
        return queryset.filter(content_type_id=self.value()) if str(self.value() or "").isdigit() else queryset


@admin.register(ContentChange)
class ContentChangeAdmin(RecordAdmin):
    """待审核的内容: what editors changed, side by side, with the 错敏词 it contains."""

    def get_queryset(self, request):  # 站群: shared content, and the user's portals' own
        return content_review.of_portals(super().get_queryset(request), reachable(request.user))

    change_form_template = "admin/review/contentchange.html"
    list_display = ("object_repr", "kind_of_content", "kind", "status", "proposer", "created_at", "decider")
    list_filter = ("status", "kind", ReviewedKindFilter)
    search_fields = ("object_repr", "opinion")
    list_select_related = ("content_type", "created_by", "decided_by")
    # The proposed and earlier versions are shown as a diff above, not as raw data.
    fields = (
        ("object_repr", "content_type"),
        ("kind", "status"),
        ("created_by", "created_at", "updated_at"),
        ("decided_by", "decided_at"),
        "opinion",
    )
    readonly_fields = [name for row in fields for name in (row if isinstance(row, tuple) else (row,))]

    @admin.display(description=_lazy("内容类别"), ordering="content_type")
    def kind_of_content(self, change):
        model = change.content_type.model_class()
        return model._meta.verbose_name if model else change.content_type.model

    @admin.display(description=_lazy("提交人"), ordering="created_by")
    def proposer(self, change):
        return staff_name(change.created_by)

    @admin.display(description=_lazy("审核人"), ordering="decided_by")
    def decider(self, change):
        return staff_name(change.decided_by)

    def get_urls(self):
        return [
            path(
                "<int:pk>/decide/", self.admin_site.admin_view(self.decide_view), name="newsroom_contentchange_decide"
            ),
        ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        change = self.get_object(request, object_id) if str(object_id).isdigit() else None
        if change is not None:
            buttons = content_review.ACTIONS.buttons(change, request.user)
            target = change.target
            extra_context = {
                **(extra_context or {}),
                "content_change": change,
                "rows": content_review.diff(change),
                "step_label": change.step_label,
                "hits": content_review.sensitive_hits(change),
                "events": change.events.select_related("actor", "change"),
                "buttons": buttons,
                "why_not": "" if buttons else content_review.ACTIONS["approve"].refusal(change, request.user),
                "target_url": reverse(
                    f"admin:{change.content_type.app_label}_{change.content_type.model}_change", args=[change.object_id]
                )
                if target
                else "",
                "public_url": target.get_absolute_url()
                if target is not None and getattr(target, "is_live", False) and hasattr(target, "get_absolute_url")
                else "",
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def decide_view(self, request, pk):
        change = get_object_or_404(self.get_queryset(request), pk=pk)
        if request.method != "POST":
            return redirect("admin:newsroom_contentchange_change", pk)
        action = request.POST.get("action", "")
        try:
            change = content_review.ACTIONS.run(action, change, request.user, request.POST).target
        except ActionError as error:
            messages.error(request, str(error))
        except PermissionDenied as error:
            messages.error(request, str(error) or _("您没有执行此操作的权限。"))
        else:
            messages.success(request, _decided(change))
        return redirect("admin:newsroom_contentchange_change", pk)


def _decided(change):
    if change.status == ContentChange.Status.PENDING:
        return _("已通过本步审核，转%(step_label)s。") % {"step_label": change.step_label}
    if change.status == ContentChange.Status.REJECTED:
        return _("已退回修改。")
    return _("已审核通过，网站上已显示新的内容。")


@contextmanager
def _waiting(kind):
    token = _WAITING.set(kind)
    try:
        yield
    finally:
        _WAITING.reset(token)

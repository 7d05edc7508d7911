"""Articles and photos in the admin, with the workflow's buttons, revisions, previews and
protection against concurrent edits."""

import json
from datetime import timedelta
from functools import partial

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_sameorigin

from newsroom.core.actions import ActionError
from newsroom.core.adminbase import RecordAdmin
from newsroom.core.bulk import run_each
from newsroom.core.forms import https_urls
from newsroom.core.richtext import sanitize_html

from .. import autosave, checks, extensions, revisions, workflow
from ..models import (
    Article,
    AuditEntry,
    BylineRole,
    Credit,
    EditPresence,
    Person,
    Photo,
    PreviewLink,
    Revision,
)
from ..previews import preview_token
from . import imports
from .photos import photo_list_context
from .scope import PortalScopedAdmin, PortalScopedInline, first_portal
from .widgets import KnownChoicesAutocomplete, thumbnail

PRESENCE_WINDOW = timedelta(minutes=15)


class CreditForm(forms.ModelForm):
    """A byline row whose role list is read once per page, not once per row."""

    role_choices = None  # set per request by CreditInline.get_formset

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.role_choices is not None:
            widget = self.fields["role"].widget
            select = getattr(widget, "widget", widget)
            select.choices = self.role_choices
            select.template_name = "admin/newsroom/widgets/plain_select.html"


class CreditInline(PortalScopedInline, admin.TabularInline):
    """署名: one row per name, in the order the article prints them."""

    model = Credit
    form = CreditForm
    extra = 0
    autocomplete_fields = ("person",)
    fields = ("order", "role", "organisation", "person", "name", "in_dateline", "at_end")
    verbose_name = _("署名")
    verbose_name_plural = _("署名（记者、通讯员、编辑、责任编辑……按顺序排列）")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("role", "person")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields["role"]
        field.queryset = BylineRole.objects.inherited(obj.portal if obj is not None else first_portal(request.user))
        formset.form = type("CreditForm", (formset.form,), {"role_choices": list(field.choices)})
        widget = formset.form.base_fields["person"].widget
        widget = getattr(widget, "widget", widget)
        if obj is not None and isinstance(widget, KnownChoicesAutocomplete):
            person_field = formset.form.base_fields["person"]
            widget.known = {
                str(person.pk): person_field.label_from_instance(person)
                for person in Person.objects.filter(credits__article=obj).distinct()
            }
        if obj is None:
            # A new article starts with the rows most articles need: 记者 and 责任编辑.
            formset.extra = 2
        return formset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "person":
            kwargs["widget"] = KnownChoicesAutocomplete(db_field, self.admin_site, using=kwargs.get("using"))
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "role" and field is not None:
            # Roles are the portal's settings (站点设置), not made or edited from a byline: a plain
            # select in each row, without the add/edit/view icons (and their render per row).
            field.widget = getattr(field.widget, "widget", field.widget)
        return field


class ArticleForm(forms.ModelForm):
    """Refuses a save based on an outdated version, and says what the other editor changed."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = "__all__"
        formfield_callback = https_urls

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        loaded = cleaned.get("loaded_version")
        current = (
            Article.objects.select_for_update().filter(pk=self.instance.pk).values_list("version", flat=True).first()
        )
        if loaded is not None and current != loaded:
            self.conflict = conflict_details(self.instance, loaded)
            raise ValidationError(
                _(
                    "保存失败：您打开本文后，%(who)s 于 %(when)s 保存了新版本（改动：%(what)s）。"
                    "为免覆盖对方的修改，本次保存未生效。请复制您的修改，刷新页面后再合并。"
                )
                % self.conflict,
                code="edit_conflict",
            )
        return cleaned


def conflict_details(article, loaded_version):
    latest = Revision.objects.filter(source=article).order_by("-version", "-id").first()
    base = Revision.objects.filter(source=article, version=loaded_version).order_by("-id").first()
    changes = revisions.diff(base.data, latest.data) if base and latest else []
    return {
        "who": (latest.created_by.get_full_name() or latest.created_by.get_username())
        if latest and latest.created_by
        else _("其他编辑"),
        "when": timezone.localtime(latest.created_at).strftime("%H:%M") if latest else "",
        "what": "、".join(str(label) for label, _ in changes) or _("未知"),
        "changes": changes,
    }


def done_message(action, article):
    """What just happened, in words (not one "操作已完成" for every button)."""
    if action == "submit" or (action == "approve" and article.status == Article.Status.IN_REVIEW):
        return gettext("已送%(step)s。") % {"step": article.review_step_label}
    if action == "approve":
        return gettext("已签发，等待发布。")
    if action in ("publish", "sign_and_publish"):
        if article.live_from and article.live_from > timezone.now():
            return gettext("已设定时发布：%(at)s 上线。") % {
                "at": timezone.localtime(article.live_from).strftime("%Y-%m-%d %H:%M")
            }
        return gettext("已发布，读者现在可以看到。")
    return {
        "reject": gettext("已退回作者，退回理由已告知作者。"),
        "unpublish": gettext("已下线，读者不再能看到本文。"),
        "withdraw": gettext("已撤稿。"),
        "new_version": gettext("已建立新版本草稿：修改后提交审核，线上版本保持不变。"),
        "placement": gettext("推荐位已调整，读者立即可见。"),
        "change_publish_date": gettext("首次发布时间已修改，已记入操作记录。"),
        "revoke_preview_link": gettext("预览链接已撤销。"),
    }.get(action, gettext("已完成。"))


class AwaitingMeFilter(admin.SimpleListFilter):
    title = _("审核")
    parameter_name = "queue"

    def lookups(self, request, model_admin):
        return [
            ("mine", _("待我审核")),
            ("authored", _("我的稿件")),
            ("returned", _("退回给我")),
            ("review", _("全部审核中")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return queryset.awaiting(request.user)
        if self.value() == "authored":
            return queryset.authored_by(request.user)
        if self.value() == "returned":
            return queryset.authored_by(request.user).filter(status=Article.Status.REJECTED)
        if self.value() == "review":
            return queryset.filter(status=Article.Status.IN_REVIEW)
        return queryset


@admin.register(Article)
class ArticleAdmin(PortalScopedAdmin, admin.ModelAdmin):
    form = ArticleForm
    change_form_template = "admin/newsroom/article/change_form.html"

    class Media:
        js = ("js/admin-unsaved.js", "js/admin-autosave.js", "js/admin-paste.js", "js/admin-photo-dialog.js")

    list_display = (
        "cover_thumbnail",
        "title",
        "column",
        "status_display",
        "first_published_at",
        "flags",
        "view_count",
    )
    list_display_links = ("cover_thumbnail", "title")
    list_filter = (
        AwaitingMeFilter,
        "status",
        "is_live",
        "column",
        "risk_tier",
        "is_headline",
        "is_slideshow",
        "is_picture_news",
        "is_recommended",
        "is_reprint",
        "script",
        "series",
        "topics",
    )
    search_fields = ("title", "subtitle", "kicker", "summary", "source_name")
    date_hierarchy = "first_published_at"
    # Unpublished work (no publish date yet) first, then newest: the same on SQLite and
    # PostgreSQL, which put NULL at opposite ends by default.
    ordering = (models.F("first_published_at").desc(nulls_first=True), "-id")
    list_select_related = ("column", "column__parent", "cover__asset")

    actions = ("submit_selected", "unpublish_selected")

    def get_queryset(self, request):
        return super().get_queryset(request).with_public_flag()  # 定时 in the list: no query per row

    def _each(self, request, queryset, transition, *args):
        """Run one workflow transition on every selected article; say what happened to each."""
        run_each(
            request,
            queryset,
            transition,
            *args,
            refusals=(ActionError,),
            describe=lambda article: f"《{article.title}》",
            name_done=True,
        )

    @admin.action(description=_("提交审核所选稿件"), permissions=["change"])
    def submit_selected(self, request, queryset):
        self._each(request, queryset, workflow.submit)

    def get_actions(self, request):
        """The list's own actions, then those the nested apps register (newsroom/extensions.py:
        closing comments…), offered to those who may change articles."""
        found = super().get_actions(request)
        if IS_POPUP_VAR not in request.GET and self.has_change_permission(request):
            for action in extensions.ARTICLE_ACTIONS:
                found[action.name] = (partial(self._run_registered, action=action), action.name, action.description)
        return found

    def _run_registered(self, modeladmin, request, queryset, action):
        self._each(request, queryset, action.run)

    def has_review_final_permission(self, request):
        """下线 is 终审签发's: the list offers it only to those whom workflow.unpublish allows."""
        return request.user.has_perm("newsroom.review_final")

    @admin.action(description=_("下线所选文章（需填写理由）"), permissions=["review_final"])
    def unpublish_selected(self, request, queryset):
        reason = request.POST.get("reason", "").strip()
        if "confirm" not in request.POST or not reason:
            return TemplateResponse(
                request,
                "admin/newsroom/article/unpublish_selected.html",
                {
                    **self.admin_site.each_context(request),
                    "title": gettext("下线所选文章"),
                    "articles": queryset,
                    "missing_reason": "confirm" in request.POST,
                    "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                    "opts": self.model._meta,
                },
            )
        self._each(request, queryset, workflow.unpublish, reason)
        return None

    autocomplete_fields = (
        "column",
        "topics",
        "series",
        "communities",
        "streets",
    )
    readonly_fields = (
        "status_display",
        "first_published_at",
        "live_from",
        "view_count",
        "version",
        "created_by",
        "created_at",
        "updated_at",
    )
    inlines = (CreditInline,)  # photos: a list of their own, each edited in a dialog (admin/photos.py)
    formfield_overrides = {models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("kicker", "title", "subtitle", ("column", "slug", "script"), "loaded_version")}),
        (_("归类"), {"fields": ("topics", "series", "communities", "streets")}),
        (_("导语与正文"), {"fields": ("summary", "editors_note", "dateline", "body")}),
        (
            _("来源与转载"),
            {
                "fields": (
                    ("source_name", "source_url"),
                    "via_name",
                    "is_reprint",
                    ("original_title", "original_author"),
                    "original_url",
                    ("original_published_at", "original_time_precision"),
                    "original_time_unknown_reason",
                    ("original_issue", "original_page"),
                )
            },
        ),
        (
            _("发布"),
            {
                "fields": (
                    ("status_display", "risk_tier"),
                    ("first_published_at", "live_from", "expires_at"),
                    ("is_headline", "is_slideshow", "is_picture_news", "is_recommended"),
                    "cover",
                )
            },
        ),
        (
            _("记录"),
            {
                "fields": (("view_count", "version", "created_by"), ("created_at", "updated_at")),
                "classes": ("collapse",),
            },
        ),
    )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not self.has_change_permission(request, obj):
            # Read only (a reviewer, a live article): the body as readers will see it, not its HTML.
            shown = "body" if obj is None else "body_as_read"
            return [
                (
                    name,
                    {
                        **options,
                        "fields": [shown if f == "body" else f for f in options["fields"] if f != "loaded_version"],
                    },
                )
                for name, options in fieldsets
            ]
        return fieldsets

    @admin.display(description=_("正文"))
    def body_as_read(self, obj):
        return mark_safe(f'<div class="linli-body-as-read">{sanitize_html(obj.body)}</div>')

    @admin.display(description=_("封面"))
    def cover_thumbnail(self, obj):
        return thumbnail(obj.cover)

    @admin.display(description=_("状态"), ordering="status")
    def status_display(self, obj):
        label = obj.get_status_display()
        if obj.review_step_label:
            label = f"{label}({obj.review_step_label})"
        if obj.replaces_id:
            label = gettext("%(label)s · 新版本") % {"label": label}
        elif obj.is_live and not obj.is_public:
            label = gettext("%(label)s · 定时") % {"label": label}
        return label

    @admin.display(description=_("推荐位"))
    def flags(self, obj):
        names = [
            label
            for flag, label in (
                ("is_headline", gettext("头条")),
                ("is_slideshow", gettext("幻灯")),
                ("is_picture_news", gettext("图片")),
                ("is_recommended", gettext("推荐")),
            )
            if getattr(obj, flag)
        ]
        return " ".join(names) or "—"

    def has_change_permission(self, request, obj=None):
        """Live articles change only through a new version (the live one stays as it is)."""
        if obj is not None and not obj.is_editable:
            return False
        return super().has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "cover":
            object_id = request.resolver_match.kwargs.get("object_id", "")
            kwargs["queryset"] = (
                Photo.objects.filter(article_id=object_id) if object_id.isdigit() else Photo.objects.none()
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        if change:
            revisions.bump_version(article)
        revisions.record(article, request.user)
        autosave.discard(request.user, article)
        if not change:
            autosave.discard(request.user, None)

    # --- change page ------------------------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not str(object_id).isdigit():  # the admin's own answer: "… does not exist"
            return super().change_view(request, object_id, form_url, extra_context)
        article = get_object_or_404(
            self.get_queryset(request).select_related("column__portal", "replaces"), pk=object_id
        )
        if request.method == "GET":
            EditPresence.objects.update_or_create(
                article=article, user=request.user, defaults={"last_seen": timezone.now()}
            )
        extra_context = {
            **(extra_context or {}),
            **self.workflow_context(request, article),
            **self.autosave_context(request, article),
            **photo_list_context(request, article),
            # what the nested apps offer on this article (newsroom/extensions.py)
            "article_tools": [tool for fn in extensions.ARTICLE_TOOLS for tool in fn(article, request.user)],
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            **self.autosave_context(request, None),
            "save_and_submit": request.user.has_perm("newsroom.change_article"),
        }
        return super().add_view(request, form_url, extra_context)

    # 保存并提交审核: one click for what an editor does after the last save of a draft.

    def response_add(self, request, obj, post_url_continue=None):
        if "_save_submit" in request.POST:
            return self._submit_after_save(request, obj)
        if "_add_photo" in request.POST:  # 保存草稿并添加图片: the dialog opens on the saved draft
            messages.success(request, gettext("草稿已保存，请添加图片。"))
            return redirect(reverse("admin:newsroom_article_change", args=[obj.pk]) + "#add-photo")
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_save_submit" in request.POST:
            return self._submit_after_save(request, obj)
        return super().response_change(request, obj)

    def _submit_after_save(self, request, article):
        try:
            workflow.ACTIONS.run("submit", article, request.user, {"opinion": ""})
        except (ActionError, PermissionDenied) as error:
            messages.error(request, gettext("已保存，但未能提交审核：%(why)s") % {"why": error})
        else:
            done = Article.objects.get(pk=article.pk)
            messages.success(request, gettext("已保存并提交审核。") + done_message("submit", done))
        return redirect("admin:newsroom_article_change", article.pk)

    def autosave_context(self, request, article):
        """Where the page's script sends the working copy, and an autosave newer than the last
        save to offer back."""
        url = (
            reverse("admin:newsroom_article_autosave", args=[article.pk])
            if article
            else reverse("admin:newsroom_article_autosave_new")
        )
        saved = autosave.pending(request.user, article) if request.method == "GET" else None
        return {"autosave_url": url, "autosaved": saved, "autosave_seconds": settings.ARTICLE_AUTOSAVE_SECONDS}

    def workflow_context(self, request, article):
        root = article.root
        others = (
            EditPresence.objects.filter(article=article, last_seen__gte=timezone.now() - PRESENCE_WINDOW)
            .exclude(user=request.user)
            .select_related("user")
        )
        return {
            "workflow_actions": workflow.available_transitions(request.user, article),
            "may": workflow.ACTIONS.allowed(article, request.user),
            "save_and_submit": workflow.ACTIONS["submit"].refusal(article, request.user) is None,
            "history": AuditEntry.objects.filter(article=root).select_related("actor"),
            "others_here": others,
            "draft_version": root.draft_versions.first() if article.is_live else None,
            "preview_links": PreviewLink.objects.filter(
                article=article, revoked_at=None, expires_at__gt=timezone.now()
            ),
            # Every reviewer sees the checks at every step, and the author before submitting.
            "report": checks.prepublish(article) if not article.is_live else None,
            "revision_count": Revision.objects.filter(article=root).count(),
            # Reviewers read the page as readers will, beside the checks, and what changed
            # against the live version when this is a new version of it.
            "reading": article.status in (Article.Status.IN_REVIEW, Article.Status.APPROVED),
            "compare_with_live": self._compare_with_live(article),
            "placement": [
                (name, Article._meta.get_field(name).verbose_name, getattr(article, name))
                for name in workflow.PLACEMENT_FLAGS
            ],
        }

    def _compare_with_live(self, article):
        if not article.replaces_id or article.status not in (Article.Status.IN_REVIEW, Article.Status.APPROVED):
            return None
        live = Revision.objects.filter(source_id=article.replaces_id).values_list("pk", flat=True).first()
        mine = Revision.objects.filter(source=article).values_list("pk", flat=True).first()
        if not (live and mine):
            return None
        return reverse("admin:newsroom_article_compare", args=[article.pk]) + f"?a={live}&b={mine}"

    def render_change_form(self, request, context, *args, **kwargs):
        form = context.get("adminform").form if context.get("adminform") else None
        context["conflict"] = getattr(form, "conflict", None)
        return super().render_change_form(request, context, *args, **kwargs)

    # --- workflow views ---------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(partial(imports.upload_view, self)), name="newsroom_article_import"),
            path("import/<int:pk>/", view(partial(imports.confirm_view, self)), name="newsroom_article_import_confirm"),
            path("<int:pk>/workflow/", view(self.workflow_view), name="newsroom_article_workflow"),
            path("<int:pk>/autosave/", view(self.autosave_view), name="newsroom_article_autosave"),
            path("autosave/", view(self.autosave_view), name="newsroom_article_autosave_new"),
            path("<int:pk>/revisions/", view(self.revisions_view), name="newsroom_article_revisions"),
            path("<int:pk>/revisions/compare/", view(self.compare_view), name="newsroom_article_compare"),
            path("<int:pk>/revisions/<int:revision>/", view(self.revision_view), name="newsroom_article_revision"),
            path("<int:pk>/preview/", view(self.preview_view), name="newsroom_article_preview"),
            path(
                "<int:pk>/revisions/<int:revision>/preview/",
                view(self.revision_preview_view),
                name="newsroom_article_revision_preview",
            ),
        ] + super().get_urls()

    def workflow_view(self, request, pk):
        if request.method != "POST":
            return redirect("admin:newsroom_article_change", pk)
        article = self._article(request, pk)
        action = request.POST.get("action", "")
        target = article
        try:
            done = workflow.ACTIONS.run(action, article, request.user, request.POST)
        except ActionError as error:
            messages.error(request, str(error))
        except PermissionDenied as error:
            messages.error(request, str(error) or gettext("您没有执行此操作的权限。"))
        else:
            target = done.target or article
            for warning in done.warnings:
                messages.warning(request, gettext("提醒：%(warning)s") % {"warning": warning})
            if isinstance(done.made, PreviewLink):
                self._tell_preview_link(request, done.made)
            else:
                now = Article.objects.filter(pk=target.pk).first() or article
                messages.success(request, done_message(action, now))
        if not Article.objects.filter(pk=target.pk).exists():
            target = article.root
        return redirect("admin:newsroom_article_change", target.pk)

    def _article(self, request, pk):
        """The article ``pk`` if it is of a portal the user works in (else 404)."""
        return get_object_or_404(self.get_queryset(request), pk=pk)

    def _tell_preview_link(self, request, link):
        url = request.build_absolute_uri(reverse("newsroom:shared_preview", args=[preview_token(link)]))
        expires = timezone.localtime(link.expires_at).strftime("%Y-%m-%d %H:%M")
        messages.success(request, format_html(gettext('预览链接（有效至 {}）：<a href="{}">{}</a>'), expires, url, url))

    def autosave_view(self, request, pk=None):
        """POST {fields…} keeps the editor's working copy; POST with ``discard`` drops it."""
        if request.method != "POST":
            return JsonResponse({"error": gettext("仅支持 POST。")}, status=405)
        article = self._article(request, pk) if pk is not None else None
        may_edit = self.has_change_permission(request, article) if article else self.has_add_permission(request)
        if "discard" in request.GET:
            autosave.discard(request.user, article)
            return JsonResponse({"discarded": True})
        try:
            data = json.loads(request.body or b"{}")
            saved = autosave.store(request.user, article, data, may_edit)
        except PermissionDenied:
            return JsonResponse({"error": gettext("本文当前不能修改，未自动保存。")}, status=403)
        except (ValueError, autosave.AutosaveError):
            return JsonResponse({"error": gettext("自动保存的内容无法识别。")}, status=400)
        return JsonResponse({"saved_at": timezone.localtime(saved.saved_at).strftime("%H:%M:%S")})

    def revisions_view(self, request, pk):
        article = self._article(request, pk)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        root = article.root
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "article": root,
            "title": gettext("修订版本：%(title)s") % {"title": root.title},
            "revisions": Revision.objects.filter(article=root).select_related("created_by"),
        }
        return TemplateResponse(request, "admin/newsroom/article/revisions.html", context)

    def revision_view(self, request, pk, revision):
        article = self._article(request, pk)
        revision = get_object_or_404(Revision, pk=revision, article=article.root)
        if request.method == "POST":
            try:
                target = workflow.restore(revision, request.user)
            except workflow.TransitionError as error:
                messages.error(request, str(error))
                return redirect("admin:newsroom_article_revision", pk, revision.pk)
            except PermissionDenied:
                messages.error(request, gettext("您没有执行此操作的权限。"))
                return redirect("admin:newsroom_article_revision", pk, revision.pk)
            messages.success(request, gettext("已恢复为新草稿。"))
            return redirect("admin:newsroom_article_change", target.pk)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        previous = (
            Revision.objects.filter(article=revision.article, created_at__lte=revision.created_at)
            .exclude(pk=revision.pk)
            .order_by("-created_at", "-id")
            .first()
        )
        return self._compare(request, article, previous, revision)

    def compare_view(self, request, pk):
        """Any two revisions of the article, older on the left (?a=…&b=…, in either order)."""
        article = self._article(request, pk)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        ids = [value for value in (request.GET.get("a"), request.GET.get("b")) if value and value.isdigit()]
        found = sorted(
            Revision.objects.filter(article=article.root, pk__in=ids).select_related("created_by"),
            key=lambda r: (r.created_at, r.pk),
        )
        if len(found) != 2:
            messages.error(request, gettext("请选择两个不同的版本进行对比。"))
            return redirect("admin:newsroom_article_revisions", pk)
        return self._compare(request, article, found[0], found[1])

    def _compare(self, request, article, older, newer):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "article": article.root,
            "revision": newer,
            "previous": older,
            "title": gettext("修订对比：%(revision)s") % {"revision": newer},
            "changes": revisions.diff(older.data if older else {}, newer.data),
        }
        return TemplateResponse(request, "admin/newsroom/article/revision.html", context)

    @method_decorator(xframe_options_sameorigin)  # shown beside the checks on the change page
    def preview_view(self, request, pk):
        from ..previews import render_working_copy

        article = self._article(request, pk)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return render_working_copy(request, article, banner=gettext("后台预览"))

    def revision_preview_view(self, request, pk, revision):
        from ..previews import render_revision

        article = self._article(request, pk)
        revision = get_object_or_404(Revision, pk=revision, article=article.root)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return render_revision(request, revision)


@admin.register(AuditEntry)
class AuditEntryAdmin(PortalScopedAdmin, RecordAdmin):
    portal_path = "article__portal"

    list_display = ("created_at", "article", "action_display", "from_display", "to_display", "step", "actor", "opinion")
    list_filter = ("action",)
    search_fields = ("article__title", "opinion")
    list_select_related = ("article", "actor")
    date_hierarchy = "created_at"

    @admin.display(description=_("操作"), ordering="action")
    def action_display(self, obj):
        return obj.action_label

    @admin.display(description=_("原状态"))
    def from_display(self, obj):
        return obj.from_label or "—"

    @admin.display(description=_("新状态"))
    def to_display(self, obj):
        return obj.to_label or "—"

"""稿件流转 in the admin: the 报送 desk (what was sent to this portal, with its age, to 采用 or
退回; what this portal sent, with the outcome), the 通讯员 and their 投稿, and the placements
of stories between portals (站群发布: 引用, 推送, 撤销). Each decision goes through
``actions``/``newsroom.placements``; a page offers a button only when the check allows it."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsroom import placements
from newsroom.admin.scope import PortalScopedAdmin
from newsroom.core.actions import ActionError
from newsroom.core.adminbase import RecordAdmin
from newsroom.core.bulk import run_each
from newsroom.core.publishing import ALL_PORTALS
from newsroom.models import Article, ArticlePlacement, Column, Portal
from newsroom.portals import reachable

from . import actions
from .forms import ManuscriptDecisionForm, SubmissionDecisionForm
from .models import Correspondent, Manuscript, ManuscriptEvent, ManuscriptPhoto, Submission, SubmissionEvent


def _refusal(check, *args):
    """Why the check refuses (the page shows it instead of the buttons), or None."""
    try:
        check(*args)
    except (ActionError, PermissionDenied) as error:
        return str(error) or gettext("您没有执行此操作的权限。")
    return None


def _become(obj, made):
    """The admin's unsaved ``obj`` takes the row the write path made (its log and message name it)."""
    for field in made._meta.concrete_fields:
        setattr(obj, field.attname, getattr(made, field.attname))
    obj._state.adding = False


def _age(since):
    hours = int((timezone.now() - since).total_seconds() // 3600)
    if hours < 1:
        return gettext("不到1小时")
    return (
        gettext("%(d)s天%(h)s小时") % {"d": hours // 24, "h": hours % 24}
        if hours >= 24
        else gettext("%(h)s小时") % {"h": hours}
    )


class SubmissionForm(forms.ModelForm):
    """报送: a published story of the user's portals, to a portal above its own."""

    class Meta:
        model = Submission
        fields = ("article", "to_portal", "wanted_column", "note")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        portals = reachable(user)
        self.fields["article"].queryset = Article.objects.public(ALL_PORTALS).for_portals(portals).links()
        self.fields["article"].widget = forms.NumberInput()
        self.fields["article"].help_text = _("文章编号：在文章页面点“报送上级网站”会自动填好。")
        value = str((self.data.get("article") if self.is_bound else self.initial.get("article")) or "")
        chosen = Article.objects.filter(pk=value).only("title").first() if value.isdigit() else None
        if chosen is not None:
            self.fields["article"].help_text = _("《%(title)s》") % {"title": chosen.title}
        own = Portal.objects.all() if portals is None else Portal.objects.filter(pk__in=portals)
        above = {pk for portal in own for pk in portal.lineage()[1:]}
        self.fields["to_portal"].queryset = Portal.objects.filter(pk__in=above)
        self.fields["wanted_column"].queryset = Column.objects.filter(portal__in=above).select_related("portal")

    def clean(self):
        data = super().clean()
        article, to_portal = data.get("article"), data.get("to_portal")
        if article and to_portal:
            try:
                actions.check_submit(article, to_portal, self.user)
            except (ActionError, PermissionDenied) as error:
                raise forms.ValidationError(str(error))
        return data


@admin.register(Submission)
class SubmissionAdmin(PortalScopedAdmin, admin.ModelAdmin):
    list_display = ("created_at", "article", "from_portal", "to_portal", "waited", "status", "decision")
    list_filter = ("status", "to_portal", "from_portal")
    list_select_related = ("article", "from_portal", "to_portal")
    search_fields = ("article__title", "note")
    readonly_fields = (
        "article",
        "from_portal",
        "to_portal",
        "wanted_column",
        "note",
        "status",
        "reason",
        "placement",
        "created_by",
        "created_at",
        "decided_by",
        "decided_at",
    )

    def get_queryset(self, request):
        # what was sent to the user's portals (their desk) and what they sent (the outcome)
        return Submission.objects.seen_by(reachable(request.user)).select_related("article", "from_portal", "to_portal")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("exchange.view_submission")

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_form(self, request, obj=None, **kwargs):
        if obj is not None:
            return super().get_form(request, obj, **kwargs)
        form = SubmissionForm

        class Bound(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, user=request.user, **kw)

        return Bound

    def get_fields(self, request, obj=None):
        return SubmissionForm.Meta.fields if obj is None else self.readonly_fields

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        made = actions.submit(data["article"], data["to_portal"], request.user, data["note"], data["wanted_column"])
        _become(obj, made)

    @admin.display(description=_("已等待"))
    def waited(self, obj):
        return _age(obj.created_at) if obj.status == Submission.Status.PENDING else "—"

    @admin.display(description=_("处理"))
    def decision(self, obj):
        return obj.reason or (obj.placement and str(obj.placement.get_kind_display())) or ""

    def get_list_display(self, request):
        """处理: a link to decide where the user may (the receiving desk), the outcome elsewhere."""

        @admin.display(description=_("处理"))
        def decision(obj):
            if _refusal(actions.check_decide, obj, request.user) is None:
                url = reverse("admin:exchange_submission_decide", args=[obj.pk])
                return format_html('<a href="{}">{}</a>', url, gettext("采用或退回"))
            return self.decision(obj)

        return [decision if name == "decision" else name for name in super().get_list_display(request)]

    def get_urls(self):
        return [
            path("<int:pk>/decide/", self.admin_site.admin_view(self.decide_view), name="exchange_submission_decide"),
            *super().get_urls(),
        ]

    def decide_view(self, request, pk):
        submission = get_object_or_404(self.get_queryset(request), pk=pk)
        refusal = _refusal(actions.check_decide, submission, request.user)
        columns = list(Column.objects.filter(portal=submission.to_portal).values_list("pk", flat=True)[:2])
        suggested = submission.wanted_column_id or (columns[0] if len(columns) == 1 else None)
        form = SubmissionDecisionForm(request.POST or None, portal=submission.to_portal, initial={"column": suggested})
        if request.method == "POST" and refusal is None and form.is_valid():
            data = form.cleaned_data
            try:
                if "_return" in request.POST:
                    actions.return_submission(submission, request.user, data["reason"])
                    messages.success(request, gettext("已退回，报送网站可以看到退回理由。"))
                else:
                    if data["column"] is None:
                        raise actions.ExchangeError(gettext("请选择采用到哪个栏目。"))
                    done = actions.adopt(submission, request.user, data["kind"], data["column"])
                    placement = done.placement
                    if placement.copy_id:
                        messages.success(request, gettext("已采用为本网稿件，草稿已建好，请送审。"))
                        return redirect("admin:newsroom_article_change", placement.copy_id)
                    messages.success(request, gettext("已采用，本网栏目已显示这篇稿件。"))
                return redirect("admin:exchange_submission_changelist")
            except (ActionError, PermissionDenied) as error:
                form.add_error(None, str(error))
        return TemplateResponse(
            request,
            "admin/exchange/decide.html",
            {
                **self.admin_site.each_context(request),
                "title": gettext("处理报送稿件"),
                "opts": self.opts,
                "submission": submission,
                "article": submission.article,
                "origin_url": placements.absolute_url(
                    submission.from_portal, submission.article.get_absolute_url(), request
                ),
                "waited": _age(submission.created_at),
                "form": form,
                "refusal": refusal,
            },
        )


@admin.register(SubmissionEvent)
class SubmissionEventAdmin(PortalScopedAdmin, RecordAdmin):
    portal_path = "submission__to_portal"
    list_display = ("created_at", "action", "actor", "submission", "from_status", "to_status", "note")
    list_filter = ("action",)
    list_select_related = ("actor", "submission__article")


class CorrespondentForm(forms.ModelForm):
    """A portal registers its 通讯员: the login is made here, with no staff rights."""

    username = forms.CharField(label=_("登录名"), max_length=150, required=False)
    password = forms.CharField(
        label=_("初始密码"), widget=forms.PasswordInput(render_value=False), required=False, help_text=_("至少 12 位。")
    )

    class Meta:
        model = Correspondent
        fields = ("portal", "name", "unit", "street", "community", "phone", "is_active")

    def clean(self):
        data = super().clean()
        if self.instance.pk is None:
            username, password = (data.get("username") or "").strip(), data.get("password") or ""
            if not username:
                self.add_error("username", _("请填写登录名。"))
            elif get_user_model().objects.filter(username=username).exists():
                self.add_error("username", _("该登录名已被使用。"))
            if not password:
                self.add_error("password", _("请设置初始密码。"))
            else:
                try:
                    validate_password(password)
                except forms.ValidationError as error:
                    self.add_error("password", error)
        return data

    def save(self, commit=True):
        correspondent = super().save(commit=False)
        if correspondent.pk is None:
            user = get_user_model().objects.create_user(
                self.cleaned_data["username"].strip(),
                password=self.cleaned_data["password"],
                first_name=correspondent.name,
            )
            correspondent.user = user
        if commit:
            correspondent.save()
        return correspondent


@admin.register(Correspondent)
class CorrespondentAdmin(PortalScopedAdmin, admin.ModelAdmin):
    form = CorrespondentForm
    list_display = ("name", "unit", "street", "community", "phone", "is_active", "portal")
    list_filter = ("is_active",)
    search_fields = ("name", "unit")
    list_select_related = ("street", "community", "portal")
    autocomplete_fields = ("street", "community")

    def get_fields(self, request, obj=None):
        fields = ["portal", "name", "unit", "street", "community", "phone", "is_active"]
        return (["username", "password"] + fields) if obj is None else fields


class ManuscriptPhotoInline(admin.TabularInline):
    model = ManuscriptPhoto
    extra = 0
    fields = ("image", "caption", "photographer")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Manuscript)
class ManuscriptAdmin(PortalScopedAdmin, RecordAdmin):  # changed only through 采用 and 退稿
    list_display = ("created_at", "title", "correspondent", "photo_count", "status", "decision")
    list_filter = ("status",)
    list_select_related = ("correspondent",)
    search_fields = ("title", "correspondent__name")
    readonly_fields = (
        "portal",
        "correspondent",
        "title",
        "body",
        "status",
        "reason",
        "article",
        "created_at",
        "decided_by",
        "decided_at",
    )
    inlines = (ManuscriptPhotoInline,)

    @admin.display(description=_("图片"))
    def photo_count(self, obj):
        return obj.photos.count()

    @admin.display(description=_("处理"))
    def decision(self, obj):
        return obj.reason or ""

    def get_list_display(self, request):
        @admin.display(description=_("处理"))
        def decision(obj):
            if _refusal(actions.check_handle, obj, request.user) is None:
                url = reverse("admin:exchange_manuscript_decide", args=[obj.pk])
                return format_html('<a href="{}">{}</a>', url, gettext("采用或退稿"))
            return self.decision(obj)

        return [decision if name == "decision" else name for name in super().get_list_display(request)]

    def get_urls(self):
        return [
            path("<int:pk>/decide/", self.admin_site.admin_view(self.decide_view), name="exchange_manuscript_decide"),
            *super().get_urls(),
        ]

    def decide_view(self, request, pk):
        manuscript = get_object_or_404(self.get_queryset(request).select_related("correspondent", "portal"), pk=pk)
        refusal = _refusal(actions.check_handle, manuscript, request.user)
        form = ManuscriptDecisionForm(request.POST or None, portal=manuscript.portal)
        if request.method == "POST" and refusal is None and form.is_valid():
            data = form.cleaned_data
            try:
                if "_reject" in request.POST:
                    actions.reject_manuscript(manuscript, request.user, data["reason"])
                    messages.success(request, gettext("已退稿，通讯员可以看到退稿理由。"))
                    return redirect("admin:exchange_manuscript_changelist")
                if data["column"] is None:
                    raise actions.ExchangeError(gettext("请选择采用到哪个栏目。"))
                done = actions.adopt_manuscript(manuscript, request.user, data["column"])
                messages.success(request, gettext("已采用，草稿已建好：请补充署名、编辑后送审。"))
                return redirect("admin:newsroom_article_change", done.article_id)
            except (ActionError, PermissionDenied) as error:
                form.add_error(None, str(error))
        return TemplateResponse(
            request,
            "admin/exchange/manuscript.html",
            {
                **self.admin_site.each_context(request),
                "title": gettext("处理通讯员投稿"),
                "opts": self.opts,
                "manuscript": manuscript,
                "photos": manuscript.photos.all(),
                "paragraphs": [p for p in manuscript.body.splitlines() if p.strip()],
                "form": form,
                "refusal": refusal,
            },
        )


@admin.register(ManuscriptEvent)
class ManuscriptEventAdmin(PortalScopedAdmin, RecordAdmin):
    portal_path = "manuscript__portal"
    list_display = ("created_at", "action", "actor", "manuscript", "from_status", "to_status", "note")
    list_filter = ("action",)
    list_select_related = ("actor", "manuscript")


class RevokeForm(ActionForm):
    reason = forms.CharField(label=_("撤销理由"), required=False, max_length=200)


def _is_push(user, article, column, kind):
    """A copy from one of the user's portals into a portal that is not theirs is a 推送 (the
    target's policy decides); anything else is the target's own 引用 (its roles decide)."""
    mine = reachable(user)
    return (
        kind == ArticlePlacement.Kind.COPY
        and mine is not None
        and article.portal_id in mine
        and column.portal_id not in mine
    )


class PortalColumnChoice(forms.ModelChoiceField):
    def label_from_instance(self, column):
        return f"{column.portal.short_name or column.portal.name}：{column}"


class PlacementForm(forms.ModelForm):
    """引用 another portal's published story into a column of the user's portal, or 推送 one of
    the user's stories into another portal's drafts."""

    class Meta:
        model = ArticlePlacement
        fields = ("article", "column", "kind")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["article"].queryset = Article.objects.public(ALL_PORTALS).links()
        self.fields["article"].widget = forms.NumberInput()
        self.fields["article"].help_text = _("文章编号（在文章列表中可以看到）。")
        columns = Column.objects.select_related("portal", "parent").order_by("portal", "order", "id")
        # (read from the data, not ``self["article"]``: a bound field keeps the help text it had)
        value = str((self.data.get("article") if self.is_bound else self.initial.get("article")) or "")
        chosen = Article.objects.filter(pk=value).only("title", "portal").first() if value.isdigit() else None
        if chosen is not None:
            self.fields["article"].help_text = _("《%(title)s》") % {"title": chosen.title}
            columns = columns.exclude(portal=chosen.portal_id)  # another portal's column
        self.fields["column"] = PortalColumnChoice(label=_("发布到栏目"), queryset=columns)

    def clean(self):
        data = super().clean()
        article, column, kind = data.get("article"), data.get("column"), data.get("kind")
        if article and column and kind:
            try:
                if _is_push(self.user, article, column, kind):
                    placements.check_push(article, column, self.user)
                else:
                    placements.check_quote(article, column, self.user, kind)
            except (ActionError, PermissionDenied) as error:
                raise forms.ValidationError(str(error))
        return data


@admin.register(ArticlePlacement)
class ArticlePlacementAdmin(PortalScopedAdmin, admin.ModelAdmin):
    list_display = (
        "created_at",
        "article",
        "origin",
        "portal",
        "column",
        "kind",
        "via",
        "version",
        "created_by",
        "revoked_at",
    )
    list_filter = ("kind", "via")
    list_select_related = ("article__portal", "portal", "column", "created_by")
    search_fields = ("article__title",)
    action_form = RevokeForm
    actions = ("revoke", "mark_caught_up")

    def get_queryset(self, request):
        portals = reachable(request.user)
        queryset = super(PortalScopedAdmin, self).get_queryset(request)
        if portals is None:
            return queryset
        from django.db.models import Q

        return queryset.filter(Q(portal__in=portals) | Q(article__portal__in=portals))

    def get_form(self, request, obj=None, **kwargs):
        class Bound(PlacementForm):
            def __init__(self, *args, **kw):
                super().__init__(*args, user=request.user, **kw)

        return Bound

    def has_add_permission(self, request):
        return request.user.has_perm("newsroom.add_articleplacement") or request.user.has_perm(
            "newsroom.change_article"
        )

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_revoke_permission(self, request):
        return request.user.has_perm("newsroom.delete_articleplacement")

    @admin.display(description=_("原稿网站"))
    def origin(self, obj):
        return obj.article.portal

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        article, column, kind = data["article"], data["column"], data["kind"]
        made = (
            placements.push(article, column, request.user)
            if _is_push(request.user, article, column, kind)
            else placements.quote(article, column, request.user, kind)
        )
        _become(obj, made)

    @admin.action(description=_("已按原稿的更正更新本网稿件"), permissions=["revoke"])
    def mark_caught_up(self, request, queryset):
        run_each(request, queryset, placements.caught_up, refusals=(ActionError,))

    @admin.action(description=_("撤销所选站群发布（请填写撤销理由）"), permissions=["revoke"])
    def revoke(self, request, queryset):
        why = request.POST.get("reason", "")
        run_each(request, queryset, lambda p, u: placements.revoke(p, u, why), refusals=(ActionError,))

"""发布到其他渠道 in the admin: the 公众号 account (站点管理员 only; the AppSecret is written, never
shown), the channel page of a published article (the WeChat version as a phone shows it, the
checks, the package, the push), and the distribution records with the moderator's
"已手动删除"."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsroom.admin.scope import PortalScopedAdmin
from newsroom.core.actions import ActionError
from newsroom.core.adminbase import RecordAdmin
from newsroom.core.bulk import run_each
from newsroom.models import Article
from newsroom.portals import reachable

from . import actions, wechat
from .models import Distribution, DistributionEvent, WeChatAccount


class AccountForm(forms.ModelForm):
    secret = forms.CharField(
        label=_("AppSecret"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("保存后加密存放，不再显示；留空则保持原来的。"),
    )

    class Meta:
        model = WeChatAccount
        fields = ("portal", "name", "app_id", "secret", "can_publish")

    def clean(self):
        data = super().clean()
        if not self.instance.secret_encrypted and not data.get("secret"):
            self.add_error("secret", _("请填写 AppSecret。"))
        return data

    def save(self, commit=True):
        account = super().save(commit=False)
        if self.cleaned_data.get("secret"):
            account.set_secret(self.cleaned_data["secret"].strip())
        if commit:
            account.save()
        return account


@admin.register(WeChatAccount)
class WeChatAccountAdmin(PortalScopedAdmin, admin.ModelAdmin):
    form = AccountForm
    list_display = ("name", "app_id", "can_publish", "portal", "updated_at")


class ChannelForm(forms.Form):
    title = forms.CharField(
        label=_("公众号标题"), required=False, max_length=64, help_text=_("留空用文章标题；公众号标题最多 32 字。")
    )
    digest = forms.CharField(
        label=_("摘要"),
        required=False,
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("留空用文章摘要；最多 128 字。"),
    )


class RemovedForm(ActionForm):
    note = forms.CharField(label=_("说明"), required=False, max_length=200)


@admin.register(Distribution)
class DistributionAdmin(PortalScopedAdmin, RecordAdmin):
    list_display = ("created_at", "article", "channel", "status", "removal_due", "created_by", "error")
    list_filter = ("status", "channel")
    list_select_related = ("article", "created_by")
    search_fields = ("article__title",)
    action_form = RemovedForm
    actions = ("mark_removed",)

    def has_record_removal_permission(self, request):
        return request.user.has_perm("channels.record_removal")

    @admin.action(description=_("已在该渠道手动删除（可填写说明）"), permissions=["record_removal"])
    def mark_removed(self, request, queryset):
        note = request.POST.get("note", "")
        run_each(request, queryset, lambda d, u: actions.record_removed(d, u, note), refusals=(ActionError,))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("article/<int:pk>/", view(self.channel_view), name="channels_distribution_channel"),
            path("article/<int:pk>/wechat/", view(self.preview_view), name="channels_distribution_preview"),
            *super().get_urls(),
        ]

    def _article(self, request, pk):
        portals = reachable(request.user)
        found = Article.objects.select_related("portal", "column")
        found = found if portals is None else found.filter(portal__in=portals)
        return get_object_or_404(found, pk=pk)

    def preview_view(self, request, pk):
        """The WeChat version as a page, for the phone-sized frame of the channel page."""
        article = self._article(request, pk)
        if not actions.may(actions.check_distribute, article, request.user):
            raise PermissionDenied
        form = ChannelForm(request.GET or None)
        data = form.cleaned_data if form.is_valid() else {}
        made = actions.version(
            article, actions.public_image_url(request, article), data.get("title", ""), data.get("digest", "")
        )
        response = HttpResponse(actions.document(made))
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    def channel_view(self, request, pk):
        article = self._article(request, pk)
        refusal = None
        try:
            actions.check_distribute(article, request.user)
        except (ActionError, PermissionDenied) as error:
            refusal = str(error) or gettext("您没有执行此操作的权限。")
        form = ChannelForm(request.POST or request.GET or None)
        data = form.cleaned_data if form.is_valid() else {}
        title, digest = data.get("title", ""), data.get("digest", "")
        if request.method == "POST" and refusal is None and form.is_valid():
            try:
                if "_package" in request.POST:
                    record, payload = actions.package(article, request.user, request, title, digest)
                    response = HttpResponse(payload, content_type="application/zip")
                    response["Content-Disposition"] = (
                        f'attachment; filename="wechat-{article.pk}-v{record.version}.zip"'
                    )
                    return response
                if "_poll" in request.POST:
                    record = get_object_or_404(Distribution, pk=request.POST.get("record"), article=article)
                    record = actions.poll(record, request.user)
                    messages.info(request, gettext("发布状态：%(s)s") % {"s": record.get_status_display()})
                else:
                    actions.push(article, request.user, publish="_publish" in request.POST, title=title, digest=digest)
                    messages.success(
                        request,
                        gettext("已提交发布，稍后查询结果。")
                        if "_publish" in request.POST
                        else gettext("已推送到公众号草稿箱。"),
                    )
                return redirect(request.path)
            except (ActionError, PermissionDenied) as error:
                form.add_error(None, str(error))
        made = actions.version(article, actions.public_image_url(request, article), title, digest)
        account = WeChatAccount.objects.filter(portal=article.portal_id).first()
        query = f"?title={title}&digest={digest}" if (title or digest) else ""
        return TemplateResponse(
            request,
            "admin/channels/channel.html",
            {
                **self.admin_site.each_context(request),
                "title": gettext("发布到其他渠道"),
                "opts": self.opts,
                "article": article,
                "form": form,
                "refusal": refusal,
                "problems": wechat.problems(made, article.portal),
                "made": made,
                "limits": {"title": wechat.TITLE_MAX, "author": wechat.AUTHOR_MAX, "digest": wechat.DIGEST_MAX},
                "preview_url": reverse("admin:channels_distribution_preview", args=[article.pk]) + query,
                "account": account,
                "records": article.distributions.select_related("created_by")[:20],
            },
        )


@admin.register(DistributionEvent)
class DistributionEventAdmin(PortalScopedAdmin, RecordAdmin):
    portal_path = "distribution__article__portal"
    list_display = ("created_at", "action", "actor", "distribution", "from_status", "to_status", "note")
    list_filter = ("action",)
    list_select_related = ("actor", "distribution__article")

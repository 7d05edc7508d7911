"""Each staff member's own notifications: a list, marked read when opened, and a header badge."""

from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import Notification, NotificationSettings
from ..notifications import target_url


class ReadFilter(admin.SimpleListFilter):
    title = _("状态")
    parameter_name = "read"

    def lookups(self, request, model_admin):
        return (("no", _("未读")), ("yes", _("已读")))

    def queryset(self, request, queryset):
        if self.value() in ("no", "yes"):
            return queryset.filter(read_at__isnull=self.value() == "no")
        return queryset


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "text", "read_state")
    list_display_links = ("text",)  # opens what it is about, and marks it read (change_view)
    list_filter = ("kind", ReadFilter)
    actions = ("mark_read",)
    change_list_template = "admin/newsroom/notification/change_list.html"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(recipient=request.user)

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"title": gettext("我的通知"), **(extra_context or {})})

    # Everyone on the staff has their own notifications; nobody sees another's.
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff and (obj is None or obj.recipient_id == request.user.pk)

    def has_change_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("状态"))
    def read_state(self, obj):
        return _("已读") if obj.read_at else _("未读")

    @admin.action(description=_("标为已读"))
    def mark_read(self, request, queryset):
        queryset.filter(read_at__isnull=True).update(read_at=timezone.now())

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Opening a notification marks it read and goes to its article."""
        notification = self.get_queryset(request).filter(pk=object_id).first()
        if notification is None:
            return redirect("admin:newsroom_notification_changelist")
        if notification.read_at is None:
            Notification.objects.filter(pk=notification.pk).update(read_at=timezone.now())
        return redirect(target_url(notification) or reverse("admin:newsroom_notification_changelist"))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("settings/", view(self.settings_view), name="newsroom_notification_settings"),
            path("read-all/", view(self.read_all_view), name="newsroom_notification_read_all"),
            *super().get_urls(),
        ]

    def read_all_view(self, request):
        """全部标为已读: one button clears the badge, without ticking rows."""
        if request.method == "POST":
            done = self.get_queryset(request).unread().update(read_at=timezone.now())
            messages.success(request, gettext("已将 %(n)s 条通知标为已读。") % {"n": done})
        return redirect("admin:newsroom_notification_changelist")

    def settings_view(self, request):
        """Each person chooses how notifications reach them by e-mail (each, a daily digest, none)."""
        preference, _created = NotificationSettings.objects.get_or_create(user=request.user)
        form = SettingsForm(request.POST or None, instance=preference)
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, gettext("通知设置已保存。"))
            return redirect("admin:newsroom_notification_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("通知设置"),
            "form": form,
            "has_email": bool(request.user.email),
        }
        return TemplateResponse(request, "admin/newsroom/notification/settings.html", context)


class SettingsForm(forms.ModelForm):
    class Meta:
        model = NotificationSettings
        fields = ("email",)
        widgets = {"email": forms.RadioSelect}

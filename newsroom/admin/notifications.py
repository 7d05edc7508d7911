"""Each staff member's own notifications: a list, marked read when opened, and a header badge."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "text", "read_state")
    list_display_links = None
    list_filter = ("kind", ("read_at", admin.EmptyFieldListFilter))
    actions = ("mark_read",)

    def get_queryset(self, request):
        return super().get_queryset(request).filter(recipient=request.user)

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
        if notification.article_id:
            return redirect(reverse("admin:newsroom_article_change", args=[notification.article_id]))
        return redirect("admin:newsroom_notification_changelist")

from django.contrib import admin


class RecordAdmin(admin.ModelAdmin):
    """A record written only by the code that owns it (an audit trail): read, never edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

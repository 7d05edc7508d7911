from django import forms
from django.contrib import admin
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Article, Column, Page, Person, Photo, Portal, Series, TipChannel, Topic


def thumbnail(photo):
    if not photo or not photo.image:
        return "—"
    return format_html('<img src="{}" alt="{}" class="linli-thumb">', photo.image.url, photo.alt_text)


class TipChannelInline(admin.TabularInline):
    model = TipChannel
    extra = 0


@admin.register(Portal)
class PortalAdmin(admin.ModelAdmin):
    list_display = ("name", "short_name", "hosts", "is_default", "news_hotline", "icp_number")
    search_fields = ("name", "short_name", "hosts")
    inlines = (TipChannelInline,)
    fieldsets = (
        (None, {"fields": (("name", "short_name"), ("hosts", "is_default"), "logo")}),
        (_("联系与报料"), {"fields": (("news_hotline", "submission_email"), "tip_reward_note",
                                    ("contact_phone", "contact_address"))}),
        (_("备案与许可"), {"fields": ("sponsor", ("icp_number", "public_security_number"), "site_code",
                                    ("news_licence", "av_licence"))}),
        (_("版权与免责"), {"fields": ("copyright_line", "reprint_disclaimer", "contact_window_days")}),
    )


@admin.register(Column)
class ColumnAdmin(admin.ModelAdmin):
    list_display = ("name", "parent", "portal", "slug", "order", "show_in_nav", "is_picture_column")
    list_editable = ("order", "show_in_nav", "is_picture_column")
    list_filter = ("portal", "show_in_nav", "is_picture_column")
    search_fields = ("name", "slug")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent", "portal")


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "portal", "is_featured", "created_at")
    list_filter = ("is_featured", "portal")
    search_fields = ("title", "description")


@admin.register(Series)
class SeriesAdmin(admin.ModelAdmin):
    list_display = ("title", "short_title", "slug", "portal")
    search_fields = ("title", "short_title")
    autocomplete_fields = ("sister_series",)


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "role")
    search_fields = ("name", "organisation")
    list_filter = ("role",)


class PhotoInline(admin.StackedInline):
    model = Photo
    extra = 0
    fk_name = "article"
    autocomplete_fields = ("credit_person",)
    readonly_fields = ("preview", "credit_preview")
    fields = (
        ("image", "preview"),
        "caption",
        "alt_text",
        ("credit_kind", "credit_person", "credit_organisation", "credit_role", "credit_preview"),
        ("order", "body_position"),
    )

    @admin.display(description=_("预览"))
    def preview(self, obj):
        return thumbnail(obj)

    @admin.display(description=_("署名效果"))
    def credit_preview(self, obj):
        return obj.credit_line if obj.pk else "—"


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = (
        "cover_thumbnail", "title", "column", "status", "first_published_at", "flags", "view_count",
    )
    list_display_links = ("cover_thumbnail", "title")
    list_filter = (
        "status", "column", "is_headline", "is_slideshow", "is_picture_news", "is_recommended",
        "is_reprint", "script", "series", "topics",
    )
    search_fields = ("title", "subtitle", "kicker", "summary", "source_name")
    date_hierarchy = "first_published_at"
    list_select_related = ("column", "column__parent", "cover")
    autocomplete_fields = (
        "column", "topics", "series", "communities", "reporters", "correspondents", "editors_in_charge",
    )
    readonly_fields = ("view_count", "created_by", "created_at", "updated_at")
    inlines = (PhotoInline,)
    formfield_overrides = {models.URLField: {"form_class": forms.URLField, "assume_scheme": "https"}}
    fieldsets = (
        (None, {"fields": ("kicker", "title", "subtitle", ("column", "slug", "script"))}),
        (_("归类"), {"fields": ("topics", "series", "communities")}),
        (_("导语与正文"), {"fields": ("summary", "editors_note", "dateline", "body")}),
        (_("署名"), {"fields": ("reporters", "correspondents", "editors_in_charge")}),
        (_("来源与转载"), {"fields": (("source_name", "source_url"), "is_reprint",
                                    ("original_title", "original_author"), "original_url")}),
        (_("发布"), {"fields": (("status", "first_published_at"),
                              ("is_headline", "is_slideshow", "is_picture_news", "is_recommended"),
                              "cover")}),
        (_("记录"), {"fields": (("view_count", "created_by"), ("created_at", "updated_at")),
                     "classes": ("collapse",)}),
    )

    @admin.display(description=_("封面"))
    def cover_thumbnail(self, obj):
        return thumbnail(obj.cover)

    @admin.display(description=_("推荐位"))
    def flags(self, obj):
        names = [
            label for flag, label in (
                ("is_headline", "头条"), ("is_slideshow", "幻灯"),
                ("is_picture_news", "图片"), ("is_recommended", "推荐"),
            ) if getattr(obj, flag)
        ]
        return " ".join(names) or "—"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "cover":
            object_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Photo.objects.filter(article_id=object_id) if object_id else Photo.objects.none()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Photo)
class PhotoAdmin(admin.ModelAdmin):
    list_display = ("preview", "caption_short", "credit_line", "article", "community", "facility")
    list_filter = ("credit_kind",)
    search_fields = ("caption", "alt_text", "credit_person__name", "credit_organisation")
    autocomplete_fields = ("article", "community", "facility", "credit_person")
    list_select_related = ("article", "community", "facility", "credit_person")
    readonly_fields = ("preview", "width", "height")
    fields = (
        ("image", "preview"),
        ("width", "height"),
        "caption",
        "alt_text",
        ("credit_kind", "credit_person", "credit_organisation", "credit_role"),
        ("article", "community", "facility"),
        ("order", "body_position"),
    )

    @admin.display(description=_("预览"))
    def preview(self, obj):
        return thumbnail(obj)

    @admin.display(description=_("图片说明"))
    def caption_short(self, obj):
        return obj.caption[:40]

    @admin.display(description=_("署名"))
    def credit_line(self, obj):
        return obj.credit_line


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "portal", "order", "in_footer", "updated_at")
    list_editable = ("order", "in_footer")
    search_fields = ("title",)

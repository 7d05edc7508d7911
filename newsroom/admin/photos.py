"""Photos: the 图片 admin, and the article's photo list with each photo edited in a dialog.

An article's change page lists its photos compactly (thumbnail, caption, credit, place) and
opens the photo's own page in a dialog to add, edit or remove one. A photo is saved the moment
the dialog is saved, into the library with it, so an error elsewhere on the article's form can
never lose an upload; and an upload that was fine when another field of the dialog was not is
kept in the library at once and chosen for the photo, so it is not asked for again.

Each save here is a revision of the article under the saver's name (four eyes) and a new
version; the dialog tells the article page, which takes the new version as its own when nothing
else changed meanwhile (newsroom/admin/articles.py ``ArticleForm``).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.clickjacking import xframe_options_sameorigin

from .. import revisions
from ..images import IMAGE_UPLOADS
from ..models import Article, ImageAsset, Photo
from ..portals import reachable
from .review import ReviewedAdmin
from .scope import PortalScopedAdmin
from .widgets import thumbnail

DIALOG = "_dialog"


def in_dialog(request):
    return DIALOG in request.GET or DIALOG in request.POST


class PhotoForm(forms.ModelForm):
    """Keeps a good upload when the rest of the form is refused: the file goes to the library at
    once and the form, shown again, has it chosen (``asset``), so it is not chosen again."""

    kept = None

    def _post_clean(self):
        super()._post_clean()
        upload = self.cleaned_data.get("image")
        if not self.errors or not upload or not hasattr(upload, "content_type") or self.cleaned_data.get("asset"):
            return
        self.kept = ImageAsset(
            file=upload,
            portal_id=self.instance.article.portal_id if self.instance.article_id else None,
            caption=self.cleaned_data.get("caption", ""),
            alt_text=self.cleaned_data.get("alt_text", ""),
        )
        self.kept.save()
        self.kept, _ = ImageAsset.objects.keep_first(self.kept)
        self.data = self.data.copy()
        self.data[self.add_prefix("asset")] = str(self.kept.pk)
        self.data.pop(self.add_prefix("image"), None)
        self.files = self.files.copy()
        self.files.pop(self.add_prefix("image"), None)


@admin.register(Photo)
class PhotoAdmin(PortalScopedAdmin, ReviewedAdmin):
    """Photos on their own. A photo of an article changes only while the article itself may be
    edited (a draft; a live article through a new version); a community's or facility's photo
    goes through content review."""

    form = PhotoForm
    portal_path, portal_optional = "article__portal", True  # a community's photo is shared
    formfield_overrides = IMAGE_UPLOADS
    list_display = ("preview", "caption_short", "credit_line", "article", "community", "facility")
    list_filter = ("credit_kind",)
    search_fields = ("caption", "alt_text", "credit_person__name", "credit_organisation")
    autocomplete_fields = ("asset", "article", "community", "facility", "credit_person")
    list_select_related = ("article", "community", "facility", "credit_person")
    readonly_fields = ("preview", "width", "height")
    fields = (
        ("asset", "image", "preview"),
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

    def is_reviewed(self, obj):
        return obj.article_id is None

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.article_id and not obj.article.is_editable:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.article_id and not obj.article.is_editable:
            return False
        return super().has_delete_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            kwargs["queryset"] = Article.objects.editable().for_portals(reachable(request.user))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # -- in the article's dialog --------------------------------------------------------------

    def get_fields(self, request, obj=None):
        """In the article's dialog: the photo, its words, its credit and its place; the article it
        belongs to is the one the dialog was opened from (a hidden field)."""
        if not in_dialog(request):
            return self.fields
        return (
            ("asset", "image", "preview"),
            "caption",
            "alt_text",
            ("credit_kind", "credit_person", "credit_organisation", "credit_role"),
            ("order", "body_position"),
            "article",
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if in_dialog(request) and "article" in form.base_fields:
            form.base_fields["article"].widget = forms.HiddenInput()
        return form

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        article = initial.get("article")
        if article and str(article).isdigit():  # a new photo goes after the article's others
            last = Photo.objects.filter(article_id=article).order_by("-order").values_list("order", flat=True).first()
            initial.setdefault("order", (last or 0) + 1)
        return initial

    @method_decorator(xframe_options_sameorigin)  # shown in the article page's dialog
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return super().changeform_view(request, object_id, form_url, extra_context)

    @method_decorator(xframe_options_sameorigin)
    def delete_view(self, request, object_id, extra_context=None):
        return super().delete_view(request, object_id, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        kept = getattr(context.get("adminform").form, "kept", None) if context.get("adminform") else None
        if kept is not None:
            messages.info(
                request, gettext("上传的图片已存入图片库并已选中，改正其他内容后保存即可，无需再次选择文件。")
            )
        context["linli_dialog"] = in_dialog(request)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if in_dialog(request):
            return self._dialog_done(request, obj, "add")
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if in_dialog(request):
            return self._dialog_done(request, obj, "change")
        return super().response_change(request, obj)

    def response_delete(self, request, obj_display, obj_id):
        if in_dialog(request):
            return self._dialog_done(request, None, "delete")
        return super().response_delete(request, obj_display, obj_id)

    def _dialog_done(self, request, photo, action):
        article_id = photo.article_id if photo is not None else request.GET.get("article")
        version = Article.objects.filter(pk=article_id).values_list("version", flat=True).first()
        message = {"action": action, "photo": photo.pk if photo else None, "version": version}
        if getattr(photo, "already_in_library", False):
            message["note"] = gettext("图片库中已有这张图片，已直接选用，未重复存入。")
        return TemplateResponse(
            request, "admin/newsroom/photo/dialog_done.html", {"message": message, "is_popup": True}
        )

    # Whoever changes an article's photo here changes what the article shows: a revision of the
    # article under their name makes them one of its authors (four eyes), as the article's own
    # page does. Before, a photo added here left no trace and its adder could then sign off.
    def save_model(self, request, obj, form, change):
        before = form.initial.get("article") if change else None
        super().save_model(request, obj, form, change)
        self._authored(request, {obj.article_id, before})

    def delete_model(self, request, obj):
        article_id = obj.article_id
        super().delete_model(request, obj)
        self._authored(request, {article_id})

    @staticmethod
    def _authored(request, article_ids):
        for article in Article.objects.filter(pk__in=article_ids - {None}):
            revisions.bump_version(article)
            revisions.record(article, request.user, note=_("修改了图片"))

    @admin.display(description=_("图片说明"))
    def caption_short(self, obj):
        return obj.caption[:40]

    @admin.display(description=_("署名"))
    def credit_line(self, obj):
        return obj.credit_line

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("of/<int:article>/", view(self.article_photos_view), name="newsroom_photo_of_article"),
        ] + super().get_urls()

    def article_photos_view(self, request, article):
        """The article page's photo list, as it is now (the page asks again after a dialog)."""
        article = get_object_or_404(Article.objects.for_portals(reachable(request.user)), pk=article)
        if not request.user.has_perm("newsroom.view_article"):
            return TemplateResponse(request, "admin/newsroom/article/photo_list.html", {"photos": []}, status=403)
        return TemplateResponse(request, "admin/newsroom/article/photo_list.html", photo_list_context(request, article))


def photo_list_context(request, article):
    """What the article page's photo list shows ``request.user``: the photos, and the dialog's
    addresses when they may change them."""
    may_edit = article.is_editable and request.user.has_perm("newsroom.change_photo")
    dialog = f"?{IS_POPUP_VAR}=1&{DIALOG}=1"
    photos = list(article.photos.select_related("credit_person", "asset"))
    for photo in photos:
        photo.thumbnail = thumbnail(photo)
        if may_edit:
            photo.edit_url = reverse("admin:newsroom_photo_change", args=[photo.pk]) + dialog
            photo.delete_url = (
                reverse("admin:newsroom_photo_delete", args=[photo.pk]) + dialog + f"&article={article.pk}"
            )
    return {
        "article": article,
        "photos": photos,
        "may_edit_photos": may_edit,
        "add_photo_url": reverse("admin:newsroom_photo_add") + dialog + f"&article={article.pk}" if may_edit else "",
        "list_url": reverse("admin:newsroom_photo_of_article", args=[article.pk]),
    }

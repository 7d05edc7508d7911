"""The image library in the admin: find an image (caption, credit, tag, date, unused), see where
it is used, set its focal point, and upload photos one by one, several at once, apart from any
article form (so no form error loses them and no request comes near the body limits)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db.models import Count
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import renditions
from ..credits import CreditKind
from ..images import IMAGE_UPLOADS, ImageUploadField
from ..models import ImageAsset, Person, Portal
from ..portals import reachable
from ..templatetags.pictures import thumb
from .scope import PortalScopedAdmin, first_portal


class UsedFilter(admin.SimpleListFilter):
    title = _("使用情况")
    parameter_name = "used"

    def lookups(self, request, model_admin):
        return [("no", _("未使用")), ("yes", _("已使用"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.unused()
        if self.value() == "yes":
            return queryset.filter(uses__isnull=False).distinct()
        return queryset


class UploadForm(forms.Form):
    """One file of a batch, with the credit and owner the batch shares (a form per request)."""

    file = ImageUploadField(label=_("图片文件"))
    portal = forms.ModelChoiceField(label=_("所属网站"), queryset=Portal.objects.all(), required=False)
    shared = forms.BooleanField(label=_("与其他网站共享"), required=False)
    credit_kind = forms.ChoiceField(label=_("署名方式"), choices=CreditKind.choices)
    credit_person = forms.ModelChoiceField(label=_("拍摄/提供者"), queryset=Person.objects.all(), required=False)
    credit_organisation = forms.CharField(label=_("署名单位"), max_length=100, required=False)
    credit_role = forms.CharField(label=_("署名职务"), max_length=50, required=False)
    tags = forms.CharField(label=_("标签"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        portals = reachable(user)
        self.fields["credit_person"].queryset = Person.objects.reachable_from(portals)
        if portals is not None:  # a district's staff upload into one of their portals
            field = self.fields["portal"]
            field.queryset, field.empty_label = Portal.objects.filter(pk__in=portals), None
            field.initial = first_portal(user).pk

    def clean_portal(self):
        """Left out (a script that does not send it): the first portal the uploader works in;
        the platform's staff may leave it empty (the platform's own image)."""
        portal = self.cleaned_data.get("portal")
        if portal is None and reachable(self.user) is not None:
            portal = first_portal(self.user)
        return portal


@admin.register(ImageAsset)
class ImageAssetAdmin(PortalScopedAdmin, admin.ModelAdmin):
    """The library of the user's portals, and what other portals share (``Owned``)."""

    change_list_template = "admin/newsroom/imageasset/change_list.html"
    formfield_overrides = IMAGE_UPLOADS

    class Media:
        js = ("js/admin-focal.js",)
        css = {"all": ("css/admin.css",)}

    list_display = ("preview", "caption_display", "credit_display", "tags", "taken_on", "use_count", "created_at")
    list_display_links = ("preview", "caption_display")
    list_filter = (UsedFilter, "credit_kind", "shared", "created_at", "taken_on")
    search_fields = ("caption", "alt_text", "tags", "credit_organisation", "credit_person__name", "file")
    date_hierarchy = "created_at"
    list_select_related = ("credit_person",)
    autocomplete_fields = ("credit_person",)
    readonly_fields = ("large_preview", "usage", "uploaded_by", "created_at", "width", "height")
    fieldsets = (
        (None, {"fields": ("large_preview", "file", ("width", "height"))}),
        (_("署名"), {"fields": (("credit_kind", "credit_person", "credit_organisation", "credit_role"),)}),
        (_("默认说明"), {"fields": ("caption", "alt_text")}),
        (_("资料"), {"fields": (("taken_on", "tags"), "rights_note", ("uploaded_by", "created_at"))}),
        (_("所属与共享"), {"fields": (("portal", "shared"),)}),
        (
            _("焦点（裁切时保留在画面中）"),
            {
                "fields": (("focal_x", "focal_y"),),
                "description": _("0 为最左（最上），1 为最右（最下），0.5 为居中。也可以在上方预览图上点击设置。"),
            },
        ),
        (_("使用情况"), {"fields": ("usage",)}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_uses=Count("uses")).order_by("-created_at", "-id")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.is_shown_publicly():  # ImageAsset.clean says why
            return [*fields, *ImageAsset.SHOWN_FIELDS]
        return fields

    @admin.display(description=_("预览"))
    def preview(self, obj):
        return thumb(obj_as_photo(obj), 80, css_class="linli-thumb")

    @admin.display(description=_("预览"))
    def large_preview(self, obj):
        if not obj.pk:
            return "—"
        return format_html(
            '<div class="linli-focal" data-focal-x="{}" data-focal-y="{}">{}<span class="linli-focal-dot"></span></div>',
            obj.focal_x,
            obj.focal_y,
            format_html(
                '<img src="{}" alt="{}" width="480">',
                default_storage.url(renditions.width_name(obj.file.name, 640, "jpg")),
                obj.alt_text,
            ),
        )

    @admin.display(description=_("说明"))
    def caption_display(self, obj):
        return str(obj)

    @admin.display(description=_("署名"))
    def credit_display(self, obj):
        return obj.credit_line or gettext("未署名")

    @admin.display(description=_("使用"), ordering="_uses")
    def use_count(self, obj):
        return gettext("%(n)s 处") % {"n": obj._uses}

    @admin.display(description=_("用在"))
    def usage(self, obj):
        """Where the image is used: each article, community or facility with a link to it."""
        if not obj.pk:
            return "—"
        uses = obj.uses.select_related("article", "community", "facility")
        rows = []
        for use in uses:
            target = use.article or use.community or use.facility
            if target is None:
                continue
            kind = use._meta.get_field("article" if use.article_id else "community" if use.community_id else "facility")
            url = reverse(f"admin:{target._meta.app_label}_{target._meta.model_name}_change", args=[target.pk])
            rows.append((kind.verbose_name, url, str(target), use.caption or "—", use.credit_line or gettext("未署名")))
        if not rows:
            return gettext("尚未使用。")
        return format_html(
            "<p>{}</p><ul>{}</ul>",
            gettext("用在 %(n)s 处：") % {"n": len(rows)},
            format_html_join("", '<li>{}：<a href="{}">{}</a>（说明：{}；署名：{}）</li>', rows),
        )

    # --- one-by-one uploads ---------------------------------------------------------------

    def get_urls(self):
        return [
            path("upload/", self.admin_site.admin_view(self.upload_view), name="newsroom_imageasset_upload"),
        ] + super().get_urls()

    def upload_view(self, request):
        """GET: the batch upload page. POST: one file (the page's script sends each on its own)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            return self._upload_one(request)
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("批量上传图片"),
            "opts": self.model._meta,
            "form": UploadForm(user=request.user),
            "limit_mb": _limit_mb(),
        }
        return TemplateResponse(request, "admin/newsroom/imageasset/upload.html", context)

    @staticmethod
    def _errors(form):
        return [str(message) for messages in form.errors.values() for message in messages]

    def _upload_one(self, request):
        form = UploadForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return JsonResponse({"ok": False, "errors": self._errors(form)}, status=400)
        data = form.cleaned_data
        asset = ImageAsset(
            file=data["file"],
            credit_kind=data["credit_kind"],
            credit_person=data["credit_person"],
            credit_organisation=data["credit_organisation"],
            credit_role=data["credit_role"],
            tags=data["tags"],
            portal=data["portal"],
            shared=data["shared"],
            uploaded_by=request.user,
        )
        try:
            asset.full_clean()
        except ValidationError as error:
            return JsonResponse(
                {"ok": False, "errors": [str(m) for ms in error.message_dict.values() for m in ms]}, status=400
            )
        asset.save()
        asset, already = ImageAsset.objects.keep_first(asset)
        return JsonResponse(
            {
                "ok": True,
                "id": asset.pk,
                "name": data["file"].name,
                "size": f"{asset.width}×{asset.height}",
                "url": reverse("admin:newsroom_imageasset_change", args=[asset.pk]),
                "already": gettext("图片库中已有这张图片（%(when)s 上传的《%(title)s》），未重复存入。")
                % {"when": timezone.localtime(asset.created_at).strftime("%Y-%m-%d"), "title": asset}
                if already
                else "",
            }
        )


def _limit_mb():
    from django.conf import settings

    return settings.MAX_IMAGE_UPLOAD_BYTES // 1024 // 1024


def obj_as_photo(asset):
    """What the picture tags read of a photo (file, size, focal point), for a library image."""
    return _AssetView(asset)


class _AssetView:
    def __init__(self, asset):
        self.asset, self.asset_id = asset, asset.pk
        self.image, self.width, self.height = asset.file, asset.width, asset.height
        self.alt_text, self.caption = asset.alt_text, asset.caption

"""The image library (图片库): every photo once, with its credit, then used where it is needed.

An ``ImageAsset`` is the file and what is true of it wherever it appears: who took or provided
it (the credit kinds of newsroom/credits.py), a default caption and alt text, when it was taken,
rights and tags, who uploaded it, and the focal point crops keep in the frame. Articles,
communities and facilities *use* an asset through a ``Photo`` (newsroom/models/articles.py),
which carries the caption and position of that one use and the credit as it stood when the
asset was chosen (a later correction in the library does not change a live page unreviewed).

Uploaded files are cleaned before they are stored: orientation applied, every EXIF, GPS and
maker tag dropped (newsroom/images.py). A takedown that hides one use hides the file, so every
use of the asset goes with it (newsroom/media.py).
"""

import hashlib
import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image

from newsroom.core.content import PublicContent

from ..images import clean_upload, has_metadata, stripped, validate_image
from .credited import Credited
from .site import Owned, OwnedQuerySetMixin


def digest(file):
    """SHA-256 of an open file's content (read from the start; left at the start)."""
    sha = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(1 << 20), b""):
        sha.update(chunk)
    file.seek(0)
    return sha.hexdigest()


class ImageAssetQuerySet(OwnedQuerySetMixin, models.QuerySet):
    def adopt(self, name, **fields):
        """The library's image for a file already in storage (made by an import or the demo):
        the one that has it, else a new one, the stored file stripped of its metadata."""
        found = self.filter(file=name).first()
        if found is not None:
            return found
        from django.core.files.base import ContentFile
        from django.core.files.storage import default_storage

        if not default_storage.exists(name):  # a row that names a file no longer stored
            return None
        with default_storage.open(name) as stored:
            original = io.BytesIO(stored.read())
        if has_metadata(original):
            data, width, height = stripped(original)
            default_storage.delete(name)
            saved = default_storage.save(name, ContentFile(data))
            assert saved == name, f"storage renamed {name} to {saved}"
        else:
            data = original.getvalue()
            with Image.open(original) as image:
                width, height = image.size
        return self.create(file=name, width=width, height=height, sha256=hashlib.sha256(data).hexdigest(), **fields)

    def unused(self):
        return self.filter(uses__isnull=True)

    def twin_of(self, asset):
        """An earlier library image with the same stored content as ``asset``, or None: the same
        photo uploaded twice (the batch upload and the photo dialog keep the first)."""
        if not asset.sha256:
            return None
        same = self.filter(sha256=asset.sha256).exclude(pk=asset.pk)
        if asset.portal_id is not None:  # a twin this portal may use: its own, or shared
            same = same.reachable_from([asset.portal_id])
        return same.order_by("pk").first()

    def keep_first(self, asset):
        """``asset`` just uploaded, or the earlier image with the same content (the new row and
        its file removed): (the library's image, whether it was already there)."""
        twin = self.twin_of(asset)
        if twin is None:
            return asset, False
        name = asset.file.name
        asset.delete()
        if name and name != twin.file.name:
            asset.file.storage.delete(name)
        return twin, True


class ImageAsset(PublicContent, Credited, Owned):
    file = models.ImageField(
        _("图片文件"),
        upload_to="library/%Y/%m/",
        db_index=True,
        width_field="width",
        height_field="height",
        validators=[validate_image],
    )
    width = models.PositiveIntegerField(_("宽度"), null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(_("高度"), null=True, blank=True, editable=False)
    caption = models.TextField(_("默认图片说明"), blank=True, help_text=_("使用时可另写说明。"))
    alt_text = models.CharField(
        _("默认替代文字"), max_length=200, blank=True, help_text=_("供读屏软件朗读，简述画面内容。")
    )
    taken_on = models.DateField(_("拍摄日期"), null=True, blank=True)
    rights_note = models.TextField(_("版权与使用说明"), blank=True, help_text=_("如：仅限本网使用；受访者同意公开。"))
    tags = models.CharField(
        _("标签"), max_length=200, blank=True, help_text=_("用顿号或逗号分隔，如：邻里节、中南社区")
    )
    focal_x = models.FloatField(_("焦点横向位置"), default=0.5, validators=[MinValueValidator(0), MaxValueValidator(1)])
    focal_y = models.FloatField(_("焦点纵向位置"), default=0.5, validators=[MinValueValidator(0), MaxValueValidator(1)])
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("上传时间"), default=timezone.now, editable=False)
    sha256 = models.CharField(
        _("内容摘要"),
        max_length=64,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("文件内容的 SHA-256：同一张图片再次上传时据此认出。"),
    )

    objects = ImageAssetQuerySet.as_manager()

    class Meta:
        verbose_name = _("图片库图片")
        verbose_name_plural = _("图片库")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return (self.caption or self.alt_text or self.file.name)[:40]

    def save(self, *args, **kwargs):
        clean_upload(self, "file")
        if self.file and not getattr(self.file, "_committed", True):  # a new upload, as it will be stored
            self.sha256 = digest(self.file.file)
        super().save(*args, **kwargs)  # newsroom/tasks.py makes its renditions once it commits

    #: What readers' pages take from the library image itself (the file, and the crops' focal
    #: point): fixed while a public page shows the image, so it changes only through review.
    SHOWN_FIELDS = ("file", "focal_x", "focal_y")

    def is_shown_publicly(self):
        return self.pk is not None and self.uses.public().exists()

    def clean(self):
        errors = self.credit_problems()
        if self.is_shown_publicly():
            before = type(self).objects.filter(pk=self.pk).values(*self.SHOWN_FIELDS).first() or {}
            now = {"file": self.file.name, "focal_x": self.focal_x, "focal_y": self.focal_y}
            for name in self.SHOWN_FIELDS:
                if name in before and before[name] != now[name]:
                    errors[name] = _(
                        "这张图片正用于已发布的内容，图片文件和焦点不能在图片库直接修改（读者页面会未经审核立即改变）："
                        "请在文章中换用新图片，随文章送审。"
                    )
        if errors:
            raise ValidationError(errors)

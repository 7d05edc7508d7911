"""Checks for uploaded images: readable, complete and not a decompression bomb.

``clean_upload`` then stores what readers may see of an upload: the pixels, turned upright,
without EXIF, GPS, maker notes, XMP or comments (a camera or phone file tells where and with
what it was taken; a newsroom publishes neither).

Django's ImageField only asks Pillow to *verify* the header; a truncated file
passes and breaks later when a thumbnail is made, and a huge image makes Pillow
raise a warning or allocate gigabytes. We decode the whole image once, under a
pixel limit, and turn every failure into a form error.
"""

import io
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps

# The "ftyp" brands of HEIF files (iPhones save photos as HEIC unless told otherwise).
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
HEIF_REFUSED = gettext_lazy(
    "这是苹果手机的 HEIC（HEIF）格式照片，网站不能直接使用。请先转成 JPEG 再上传：在“照片”App 中"
    "选中照片后点“共享—存储到‘文件’”前打开“选项—最兼容”，或在电脑上用“预览”“画图”"
    "另存为 JPEG；以后拍摄可在“设置—相机—格式”中选“兼容性最佳”。"
)


def is_heif(file):
    """Whether ``file`` starts like a HEIF/HEIC file (an ISO box "ftyp" with a HEIF brand)."""
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        head = file.read(12)
    finally:
        if position is not None:
            file.seek(position)
    return head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS


class ImageUploadField(forms.ImageField):
    """Django's image field, which tells an editor holding an iPhone photo how to convert it
    instead of calling it "not an image or damaged"."""

    def to_python(self, data):
        if data and hasattr(data, "read") and is_heif(data):
            raise ValidationError(HEIF_REFUSED, code="heif")
        return super().to_python(data)


#: ``formfield_overrides`` for every admin form with an image upload.
IMAGE_UPLOADS = {models.ImageField: {"form_class": ImageUploadField}}


def validate_image(file):
    if getattr(file, "_committed", False):
        return  # already in storage, checked when it was uploaded
    size = getattr(file, "size", None)
    if size and size > settings.MAX_IMAGE_UPLOAD_BYTES:
        raise ValidationError(
            _("图片文件过大（%(size)s MB），上限为 %(limit)s MB。")
            % {"size": round(size / 1024 / 1024, 1), "limit": settings.MAX_IMAGE_UPLOAD_BYTES // 1024 // 1024},
            code="too_large",
        )
    position = file.tell() if hasattr(file, "tell") else None
    try:
        file.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                width, height = image.size
                if width * height > settings.MAX_IMAGE_PIXELS:
                    raise ValidationError(
                        _("图片尺寸过大（%(w)s×%(h)s 像素），上限为 %(limit)s 万像素。")
                        % {"w": width, "h": height, "limit": settings.MAX_IMAGE_PIXELS // 10000},
                        code="too_many_pixels",
                    )
                image.load()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("图片尺寸过大，疑似恶意文件，已拒绝。"), code="too_many_pixels")
    except Exception:
        raise ValidationError(_("图片文件已损坏或不完整，请重新上传。"), code="broken_image")
    finally:
        if position is not None:
            file.seek(position)


METADATA_KEYS = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc", "dpi_exif"}


def has_metadata(upload):
    """Whether the file carries EXIF (GPS, camera, orientation), XMP, IPTC or a comment."""
    upload.seek(0)
    with Image.open(upload) as image:
        return bool(METADATA_KEYS & image.info.keys()) or bool(image.getexif())


def stripped(upload):
    """(bytes, width, height) of ``upload`` turned upright (EXIF orientation applied) and saved
    again with no metadata but its colour profile. JPEG stays JPEG (quality 90), PNG and WebP
    keep their format; anything else becomes JPEG."""
    upload.seek(0)
    with Image.open(upload) as original:
        kind = original.format
        icc = original.info.get("icc_profile")
        image = ImageOps.exif_transpose(original)
        out = io.BytesIO()
        if kind == "PNG":
            image.save(out, "PNG", optimize=True)
        elif kind == "WEBP":
            image.save(out, "WEBP", quality=90, icc_profile=icc)
        else:
            if image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            image.save(out, "JPEG", quality=90, optimize=True, progressive=True, icc_profile=icc)
        return out.getvalue(), image.width, image.height


def clean_upload(instance, field_name):
    """Before a new upload of ``instance.<field_name>`` is stored, replace its content with the
    stripped copy and record the upright size. Files already in storage are left alone."""
    field_file = getattr(instance, field_name)
    if not field_file or getattr(field_file, "_committed", True):
        return
    data, width, height = stripped(field_file.file)
    field_file.file = ContentFile(data, name=field_file.name)
    field = instance._meta.get_field(field_name)
    if field.width_field:
        setattr(instance, field.width_field, width)
    if field.height_field:
        setattr(instance, field.height_field, height)

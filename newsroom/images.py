"""Checks for uploaded images: readable, complete and not a decompression bomb.

Django's ImageField only asks Pillow to *verify* the header; a truncated file
passes and breaks later when a thumbnail is made, and a huge image makes Pillow
raise a warning or allocate gigabytes. We decode the whole image once, under a
pixel limit, and turn every failure into a form error.
"""

import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image


def validate_image(file):
    if getattr(file, "_committed", False):
        return  # already in storage, checked when it was uploaded
    size = getattr(file, "size", None)
    if size and size > settings.MAX_IMAGE_UPLOAD_BYTES:
        raise ValidationError(
            _("图片文件过大(%(size)s MB)，上限为 %(limit)s MB。")
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
                        _("图片尺寸过大(%(w)s×%(h)s 像素)，上限为 %(limit)s 万像素。")
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

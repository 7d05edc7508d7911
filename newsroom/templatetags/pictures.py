"""Images on public pages as renditions: ``<picture>`` with WebP and a JPEG fallback, ``srcset``
and ``sizes`` so a phone takes a phone-sized file, explicit width and height (no layout shift),
and lazy loading for all but the photo a page opens with.

{% picture photo eager=forloop.first %}   a photo in an article or a profile, its own shape
{% thumb item.cover 300 %}               a list or card image cropped to 3:2 around the focal point
"""

from django import template
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.utils.encoding import filepath_to_uri
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .. import renditions

register = template.Library()

ARTICLE_SIZES = "(max-width: 760px) calc(100vw - 2rem), 720px"


def _srcset(url, items):
    return ", ".join(f"{url(name)} {width}w" for name, width in items)


def rendition_urls(original):
    """``name → URL`` for the renditions of ``original``, which share one folder. On the file
    system a file's URL is its folder's URL followed by its quoted name, so the storage
    (``urljoin`` and quoting, the costliest part of a ``<picture>`` of eleven sizes) is asked
    once per picture; any other storage is asked for each file, as it may sign or route each."""
    if not isinstance(default_storage, FileSystemStorage):
        return default_storage.url
    folder = f"{renditions.PREFIX}{original}/"
    base = default_storage.url(folder)
    return lambda name: base + filepath_to_uri(name.removeprefix(folder))


def _focal(photo):
    asset = getattr(photo, "asset", None) if getattr(photo, "asset_id", None) else None
    return (asset.focal_x, asset.focal_y) if asset else (0.5, 0.5)


def _original(photo, alt, width=None, height=None, eager=False, css_class=""):
    """The original file, as pages showed it before renditions (``IMAGE_RENDITIONS=0``: the
    benchmark's baseline, or a way out if renditions ever fail)."""
    return format_html(
        '<img{} src="{}" alt="{}" width="{}" height="{}" loading="{}">',
        format_html(' class="{}"', css_class) if css_class else "",
        photo.image.url,
        (photo.alt_text or photo.caption) if alt is None else alt,
        width or photo.width or "",
        height or photo.height or "",
        "eager" if eager else "lazy",
    )


@register.simple_tag
def picture(photo, eager=False, sizes=ARTICLE_SIZES, alt=None):
    if not settings.IMAGE_RENDITIONS:
        return _original(photo, alt, eager=eager)
    name = photo.image.name
    url = rendition_urls(name)
    widths = renditions.usable_widths(photo.width)
    fallback = max(w for w in widths if w <= 960) if any(w <= 960 for w in widths) else widths[0]
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" alt="{}" width="{}" height="{}" loading="{}" decoding="async"{}></picture>',
        _srcset(url, ((renditions.width_name(name, w, "webp"), w) for w in widths)),
        sizes,
        url(renditions.width_name(name, fallback, "jpg")),
        _srcset(url, ((renditions.width_name(name, w, "jpg"), w) for w in widths)),
        sizes,
        (photo.alt_text or photo.caption) if alt is None else alt,
        photo.width or "",
        photo.height or "",
        "eager" if eager else "lazy",
        mark_safe(' fetchpriority="high"') if eager else "",
    )


@register.simple_tag
def thumb(photo, width, eager=False, alt=None, css_class=""):
    """A 3:2 crop shown ``width`` CSS pixels wide, with 1x–2x sizes to choose from."""
    if not settings.IMAGE_RENDITIONS:
        return _original(photo, alt, width, round(width * 2 / 3), eager, css_class)
    name, (fx, fy) = photo.image.name, _focal(photo)
    url = rendition_urls(name)
    crops = [(w, h) for w, h in renditions.CROPS if w >= width][:3] or [renditions.CROPS[-1]]
    height = round(width * 2 / 3)
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}px">'
        '<img{} src="{}" srcset="{}" sizes="{}px" alt="{}" width="{}" height="{}" loading="{}" decoding="async"></picture>',
        _srcset(url, ((renditions.crop_name(name, w, h, fx, fy, "webp"), w) for w, h in crops)),
        width,
        format_html(' class="{}"', css_class) if css_class else "",
        url(renditions.crop_name(name, *crops[0], fx, fy, "jpg")),
        _srcset(url, ((renditions.crop_name(name, w, h, fx, fy, "jpg"), w) for w, h in crops)),
        width,
        photo.alt_text if alt is None else alt,
        width,
        height,
        "eager" if eager else "lazy",
    )


@register.simple_tag(takes_context=True)
def share_image_url(context, photo):
    return share_image(context["request"], photo)


def share_image(request, photo):
    """The absolute URL of the 960×640 JPEG crop of ``photo`` that share cards and search engines
    show (JPEG: some share cards do not read WebP); the original when renditions are off."""
    if photo is None or not photo.image:
        return ""
    if settings.IMAGE_RENDITIONS:
        fx, fy = _focal(photo)
        path = default_storage.url(renditions.crop_name(photo.image.name, 960, 640, fx, fy, "jpg"))
    else:
        path = default_storage.url(photo.image.name)
    return request.build_absolute_uri(path)

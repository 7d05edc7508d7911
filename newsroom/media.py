"""Uploaded files, served only while they may be public.

Files under ``MEDIA_URL`` are never served straight from disk: this view decides each request.
A photo's file answers while some public photo shows it and no takedown hides it
(``Photo.objects.file_is_public``): a hidden photo, the photos of a withdrawn, unpublished or
legally held article, and drafts' photos answer 404 to readers at once. Staff who may view
photos see every file (the admin's thumbnails, previews); a reviewer holding a valid preview
link sees the photos of that article (a cookie limited to ``/media/``, set by the preview).

Behind nginx (``MEDIA_ACCEL_REDIRECT=1``) the answer is an ``X-Accel-Redirect`` to an internal
location, so nginx still sends the bytes (docs/nginx.conf). Public files may be kept by
browsers for ``MEDIA_CACHE_SECONDS`` (4 s), so a takedown reaches every reader within 5 s.
"""

import mimetypes
import posixpath
from urllib.parse import quote

from django.conf import settings
from django.core import signing
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.utils._os import safe_join
from django.views.static import serve

from . import renditions
from .models import ImageAsset, Photo, Portal, PreviewLink

PREVIEW_COOKIE = "linli_preview"
PREVIEW_SALT = "linli.preview-media"


def grant_preview(response, link):
    """Let the holder of ``link`` see its article's photos for as long as the link is valid."""
    response.set_signed_cookie(
        PREVIEW_COOKIE,
        str(link.pk),
        salt=PREVIEW_SALT,
        path=settings.MEDIA_URL,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        max_age=max(0, int((link.expires_at - link.created_at).total_seconds())),
    )
    return response


def _previewed(request, name):
    try:
        pk = request.get_signed_cookie(PREVIEW_COOKIE, salt=PREVIEW_SALT)
    except (KeyError, signing.BadSignature):
        return False
    link = PreviewLink.objects.select_related("article").filter(pk=pk).first()
    if link is None or not link.is_valid or not link.allows_reading:
        return False
    return Photo.objects.filter(image=name, article=link.article, hidden_by_takedown=False).exists()


def may_serve(request, name):
    """(allowed, public): whether this request may have the file, and whether anyone may."""
    if Photo.objects.file_is_public(name) or Portal.objects.filter(Q(logo=name) | Q(banner=name)).exists():
        return True, True
    user = getattr(request, "user", None)
    if user is not None and user.is_active and user.is_staff and user.has_perm("newsroom.view_photo"):
        return True, False
    return _previewed(request, name), False


def _current_crop(original, spec):
    """A width, or a crop around the focal point the image has now (its library image's, or
    the centre): nothing else is drawn for a reader."""
    if "w" in spec:
        return True
    wanted = (int(spec["fx"]), int(spec["fy"]))
    if wanted == (50, 50):
        return True
    focal_points = ImageAsset.objects.filter(Q(file=original) | Q(uses__image=original)).values_list(
        "focal_x", "focal_y"
    )
    return any((round(x * 100), round(y * 100)) == wanted for x, y in focal_points)


def _send(request, name):
    """The file's bytes: from disk or the bucket, or nginx told where to find them."""
    on_disk = not hasattr(default_storage, "internal_path")  # the bucket (newsroom/core/objectstore.py)
    if settings.MEDIA_ACCEL_REDIRECT:
        if on_disk:
            safe_join(str(settings.MEDIA_ROOT), name)  # refuses a path outside the media root
            location = settings.MEDIA_ACCEL_LOCATION + quote(name)
        else:
            location = settings.MEDIA_ACCEL_OBJECT_LOCATION + default_storage.internal_path(name)
        response = HttpResponse()
        response["X-Accel-Redirect"] = location
        response["Content-Type"] = ""  # nginx sets it from the file name or the store's answer
        return response
    if on_disk:
        return serve(request, name, document_root=settings.MEDIA_ROOT)
    try:
        stored = default_storage.open(name)
    except FileNotFoundError:
        raise Http404("文件不存在。") from None
    return FileResponse(stored, content_type=mimetypes.guess_type(name)[0] or "application/octet-stream")


def serve_media(request, path):
    name = posixpath.normpath(path).lstrip("/")
    if name.startswith(".."):
        raise Http404
    rendition = renditions.parse(name)
    # A rendition is served exactly when its original may be (a takedown hides every size).
    allowed, public = may_serve(request, rendition[0] if rendition else name)
    if not allowed:
        raise Http404("文件不存在或已依法屏蔽。")
    if rendition and not renditions.ensure(name, may_draw=_current_crop):  # made on first request when missing
        raise Http404("文件不存在。")
    response = _send(request, name)
    cache_control = f"public, max-age={settings.MEDIA_CACHE_SECONDS}" if public else "private, no-store"
    response["Cache-Control"] = cache_control
    response["X-Media-Cache-Control"] = cache_control  # nginx repeats it on the file it sends
    if not public:
        response["X-Robots-Tag"] = "noindex"
    return response

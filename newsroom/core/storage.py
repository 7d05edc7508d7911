"""Files with no public URL: identity documents and evidence of takedown notices, the originals
of imported manuscripts. Served only by views that check who asks."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

from newsroom.core.diskfull import TrackedSaves


class MediaStorage(TrackedSaves, FileSystemStorage):
    """Uploads under MEDIA_ROOT (the default storage): files stored by a request that then
    fails on a full disk are deleted again (newsroom/core/diskfull.py)."""


@deconstructible(path="newsroom.takedowns.models.PrivateStorage")  # where the migrations find it
class PrivateStorage(TrackedSaves, FileSystemStorage):
    """Identity documents and evidence: outside MEDIA_ROOT, with no URL at all; served only by
    the desk's access-checked view. Reads PRIVATE_MEDIA_ROOT each time, so tests can move it."""

    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("私密文件没有公开网址。")


private_storage = PrivateStorage()

"""Uploads in a private bucket of an S3-compatible store (SeaweedFS here; the 政务云's OSS/OBS
in production), through django-storages. Named by ``STORAGES["default"]`` only when
``MEDIA_S3_BUCKET`` is set (config/settings.py); disk stays the default.

The bucket answers no anonymous request, and no reader ever gets a signed URL of it (a signed
URL outlives a takedown): ``url()`` names the access-checked view under MEDIA_URL, and that view
streams the object or, behind nginx, hands nginx a signed path valid for a minute on an
internal location (newsroom/media.py, docs/nginx.conf)."""

from urllib.parse import quote, urlsplit

from django.conf import settings
from storages.backends.s3 import S3Storage

from newsroom.core.diskfull import TrackedSaves


class ObjectMediaStorage(TrackedSaves, S3Storage):
    # Never overwrite: a second upload of 1.jpg becomes 1_abc123.jpg, as on disk.
    file_overwrite = False
    default_acl = "private"
    querystring_auth = True

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + quote(str(name).replace("\\", "/").lstrip("/"))

    def internal_path(self, name, expire=60):
        """The signed path and query of ``name`` on the store, for nginx's internal location."""
        signed = urlsplit(super().url(name, expire=expire))
        return f"{signed.path.lstrip('/')}?{signed.query}"

    def names(self, prefix=""):
        """Every stored name under ``prefix`` (backups)."""
        paginator = self.connection.meta.client.get_paginator("list_objects_v2")
        location = f"{self.location}/" if self.location else ""
        for page in paginator.paginate(Bucket=self.bucket_name, Prefix=location + prefix):
            for item in page.get("Contents", ()):
                yield item["Key"][len(location) :]

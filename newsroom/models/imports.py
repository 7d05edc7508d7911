"""A file an editor imported: kept (privately) with the draft it became."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.core.storage import private_storage

from .articles import Article


def import_path(instance, filename):
    return f"imports/{timezone.now():%Y/%m}/{filename}"


class ImportedFile(models.Model):
    """The original of an import (a .docx, a saved page or pasted text) and what was read from it;
    no public URL. ``article`` is empty until the editor confirms the import."""

    file = models.FileField(_("原始文件"), storage=private_storage, upload_to=import_path)
    name = models.CharField(_("文件名"), max_length=200)
    article = models.ForeignKey(
        Article, verbose_name=_("生成的草稿"), on_delete=models.SET_NULL, null=True, blank=True, related_name="imports"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导入人"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("导入时间"), default=timezone.now)

    class Meta:
        verbose_name = _("导入的文件")
        verbose_name_plural = _("导入的文件")
        ordering = ["-created_at"]

    def __str__(self):
        return self.name

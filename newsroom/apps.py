from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("新闻编辑部")

    def ready(self):
        from django.db.models.signals import post_save

        from newsroom.core import content, plaintext

        from . import freshness, tasks
        from .models import ImageAsset, SensitiveWord

        plaintext.connect("newsroom", "communities", "takedowns")
        content.connect()
        freshness.connect()
        # A word added to the 错敏词 list may stop a scheduled publish before it goes live.
        post_save.connect(tasks.sensitive_words_changed, sender=SensitiveWord, dispatch_uid="recheck-scheduled")
        post_save.connect(tasks.library_image_saved, sender=ImageAsset, dispatch_uid="make-renditions")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = _("新闻编辑部")

    def ready(self):
        from config import content, plaintext

        from . import freshness

        plaintext.connect("newsroom", "communities", "takedowns")
        content.connect()
        freshness.connect()

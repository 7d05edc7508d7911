from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site search: the index of public content and the reader's search page."""

    name = "newsroom.search"
    label = "search"
    verbose_name = _("站内搜索")

    def ready(self):
        from . import signals

        signals.connect()

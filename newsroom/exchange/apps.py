from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """稿件流转 between the portals of a platform and from outside the newsroom: a district
    报送s a published story to a portal above it, whose desk 采用s it (as a mirror or its own
    copy) or 退回s it with a reason; registered 通讯员 send 投稿 that land in their portal's desk.
    Registered into the newsroom (a desk panel, the demo's story); the newsroom never imports it."""

    name = "newsroom.exchange"
    label = "exchange"
    verbose_name = _("稿件流转")

    def ready(self):
        from . import parts

        parts.register()

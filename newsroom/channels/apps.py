from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    """发布到其他渠道: one story to the office's WeChat 公众号 (a draft through the official API, or
    published) and to the channels with no API (a paste-ready package for 秀米/135, 学习强国 and
    头条 forms), with a record of every copy; a takedown or 撤稿 deletes what the API allows and
    puts the rest on the moderator's checklist with a deadline. Registered into the newsroom."""

    name = "newsroom.channels"
    label = "channels"
    verbose_name = _("发布到其他渠道")

    def ready(self):
        from . import parts

        parts.register()

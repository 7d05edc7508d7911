from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TakedownsConfig(AppConfig):
    """The notice-and-takedown desk (通知—删除): requests, measures, counter-notices, mail."""

    name = "newsroom.takedowns"
    label = "takedowns"
    verbose_name = _("侵权通知")

    def ready(self):
        from . import actions, mail, parts

        mail.delivered.connect(actions.mail_delivered, dispatch_uid="takedowns-mail-delivered")
        parts.register()

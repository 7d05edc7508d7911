from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    """纠错留言: a reader who spots a wrong name, figure or typo tells the editors in a few lines,
    without the legal 侵权投诉与更正 form (no ID, no evidence); the report lands on the desk of
    that portal's editors, who mark it 已更正 or 无需更正."""

    name = "newsroom.feedback"
    label = "feedback"
    verbose_name = _("纠错留言")

    def ready(self):
        from . import parts

        parts.register()

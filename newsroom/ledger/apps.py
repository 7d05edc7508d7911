from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    """稿件统计与稿费: per person and month, what each wrote, shot and edited and what portals
    above adopted; the portal's grades (A/B/C, set at sign-off) and rates; the city's scoring of
    its districts' 报送. Figures are computed from the records at any time; a finalised month is
    kept as it was (locked, audited)."""

    name = "newsroom.ledger"
    label = "ledger"
    verbose_name = _("稿件统计与稿费")

    def ready(self):
        from . import parts

        parts.register()

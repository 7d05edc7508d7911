from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionConfig(AppConfig):
    """The government website inspection (政府网站普查): the portal's standing against its
    single-veto rules, findings to fix, and the yearly report figures."""

    name = "newsroom.inspection"
    label = "inspection"
    verbose_name = _("网站检查")

    def ready(self):
        from . import parts, signals  # noqa: F401  the 错敏词 list changing re-scans published content

        parts.register()

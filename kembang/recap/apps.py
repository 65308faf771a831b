from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecapConfig(AppConfig):
    """Everyone's JP for staff: the figures behind staff lists, the unit recap and
    `kembang rekap` (docs/rekap.md). No tables of its own."""

    name = "kembang.recap"
    label = "recap"
    verbose_name = _("Rekap JP")

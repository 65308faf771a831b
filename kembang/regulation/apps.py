from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegulationConfig(AppConfig):
    """Regulation profiles in the app: a regency's own versions, reason texts, the CLI."""

    name = "kembang.regulation"
    label = "regulation"
    verbose_name = _("Regulasi")

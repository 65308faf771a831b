from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegulationConfig(AppConfig):
    """Regulation profiles in the app: a regency's own versions, reason texts, the CLI."""

    name = "kembang.regulation"
    label = "regulation"
    verbose_name = _("Regulasi")

    def ready(self):
        from kembang.audit.labels import register_actions

        register_actions({"profile_version.create": _("membuat versi aturan daerah")})

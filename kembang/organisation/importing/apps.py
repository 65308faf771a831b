from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    """Import and export of employees: its own app so its tables live apart from the
    registry's, under the label ``imports``."""

    name = "kembang.organisation.importing"
    label = "imports"
    verbose_name = _("Impor dan ekspor pegawai")

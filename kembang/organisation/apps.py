from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "kembang.organisation"
    label = "organisation"
    verbose_name = _("Organisasi dan pegawai")

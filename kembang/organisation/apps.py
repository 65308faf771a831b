from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "kembang.organisation"
    label = "organisation"
    verbose_name = _("Organisasi dan pegawai")

    def ready(self):
        from kembang.audit.labels import register_actions

        register_actions({
            "regency.create": _("membuat pemerintah daerah"),
            "regency.admin_grant": _("menunjuk admin BKPSDM"),
            "regency.logo_set": _("mengunggah logo pemerintah daerah"),
            "regency.logo_remove": _("menghapus logo pemerintah daerah"),
            "unit.create": _("membuat unit"),
            "position.create": _("membuat jabatan"),
            "employee.create": _("menambah pegawai"),
            "employee.update": _("mengubah data pegawai"),
            "role.assign": _("memberi peran"),
            "role.revoke": _("mencabut peran"),
            "import.apply": _("menerapkan impor data pegawai"),
            "import.stale": _("menghentikan impor yang macet"),
            "demo.create": _("membuat data demo"),
        })

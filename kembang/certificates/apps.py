from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "kembang.certificates"
    label = "certificates"
    verbose_name = _("Sertifikat pembelajaran")

    def ready(self):
        from kembang.audit.labels import register_actions
        from kembang.certificates import signals  # noqa: F401 - connects the review flag

        register_actions({
            "certificate.issue": _("menerbitkan sertifikat"),
            "certificate.batch": _("menyetujui penerbitan sertifikat"),
            "certificate.revoke": _("mencabut sertifikat"),
            "certificate.review": _("menandai sertifikat untuk ditinjau"),
            "certificate.settings": _("mengubah pengaturan sertifikat"),
            "certificate.ipasn_mapping": _("mengubah pemetaan komponen IP ASN"),
        })

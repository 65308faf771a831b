from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Unit reports to BKPSDM as each profile asks (docs/reports.md): the HR officer
    prepares, the head of the Perangkat Daerah sends, BKPSDM receives or returns."""

    name = "kembang.reports"
    label = "reports"
    verbose_name = _("Laporan unit")

    def ready(self):
        from kembang.audit.labels import register_actions

        register_actions({
            "report.prepare": _("menyiapkan laporan unit"),
            "report.send": _("menyetujui dan mengirim laporan unit"),
            "report.receive": _("menerima laporan unit"),
            "report.return": _("mengembalikan laporan unit"),
        })

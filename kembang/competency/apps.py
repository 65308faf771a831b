from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetencyConfig(AppConfig):
    """Competency standards, assessments, gaps and suggested routes (docs/competency.md)."""

    name = "kembang.competency"
    label = "competency"
    verbose_name = _("Kompetensi")

    def ready(self):
        from kembang.audit.labels import register_actions

        register_actions({
            "competency.wording_edit": _("mengubah rumusan kompetensi"),
            "competency.technical_add": _("menambah kompetensi teknis jabatan"),
            "competency.standard_set": _("menetapkan standar kompetensi jabatan"),
            "competency.standard_import": _("mengimpor standar kompetensi jabatan"),
            "competency.assessment_record": _("mencatat penilaian kompetensi"),
            "competency.assessment_import": _("mengimpor hasil penilaian kompetensi"),
            "competency.plan_propose": _("mengusulkan rencana pengembangan kompetensi"),
            "competency.plan_agree": _("menyepakati rencana pengembangan kompetensi"),
            "competency.plan_program": _("memulai program dari butir rencana pengembangan "
                                         "kompetensi"),
            "competency.route_rule": _("mengatur aturan saran jalur pengembangan"),
        })

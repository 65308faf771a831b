from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "kembang.learning"
    label = "learning"
    verbose_name = _("Pembimbingan, pendampingan dan belajar mandiri")

    def ready(self):
        from kembang.audit.labels import register_actions
        from kembang.learning.lifecycle import PROGRAM_STEPS, SESSION_STEPS

        register_actions({f"session.{code}": step.did for code, step in SESSION_STEPS.items()})
        register_actions({f"program.{code}": step.did for code, step in PROGRAM_STEPS.items()})
        register_actions({
            "session.update": _("mengubah sesi"),
            "session.evidence": _("menambah bukti sesi"),
            "session.feedback": _("memberi umpan balik sesi"),
            "program.career_plan": _("menulis rencana pengembangan karier"),
            "planned_meeting.add": _("menambah jadwal pertemuan"),
            "planned_meeting.remove": _("menghapus jadwal pertemuan"),
            "appointment.create": _("menunjuk coach/mentor"),
            "appointment.revoke": _("mencabut penunjukan coach/mentor"),
            "evaluation.coach": _("mengisi evaluasi coaching"),
            "evaluation.mentor": _("mengisi penilaian mentor"),
            "evaluation.resume": _("mengajukan resume penutup belajar mandiri"),
            "evaluation.resume_decide": _("menilai resume penutup belajar mandiri"),
            "classical.record": _("mencatat pelatihan klasikal"),
            "classical.cancel": _("membatalkan pelatihan klasikal"),
            "period.lock": _("mengunci bulan yang dilaporkan"),
            "period.unlock": _("membuka kembali bulan yang dilaporkan"),
        })

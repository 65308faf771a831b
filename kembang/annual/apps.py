from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnualConfig(AppConfig):
    """The annual evaluation of coaching and mentoring (docs/annual-evaluation.md): the
    year's monitoring figures per coach and mentor, each unit's own evaluation and
    BKPSDM's conclusions."""

    name = "kembang.annual"
    label = "annual"
    verbose_name = _("Evaluasi tahunan")

    def ready(self):
        from kembang.audit.labels import register_actions

        register_actions({
            "annual.unit_evaluation": _("menulis evaluasi tahunan unit"),
            "annual.conclusion": _("menulis kesimpulan dan rekomendasi evaluasi tahunan"),
        })

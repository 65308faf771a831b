from django import forms
from django.utils.translation import gettext_lazy as _

from kembang.common.forms import StyledFormMixin
from kembang.learning.models import Mode, Scope
from kembang.organisation.models import Employee

DATE = {"type": "date"}
# The browser's date picker starts where the service's rule does (programs.EARLIEST_START);
# the service still decides, and its refusal is shown on the field.
PROGRAM_DATE = DATE | {"min": "2000-01-01"}


class _ProgramFields(StyledFormMixin, forms.Form):
    start_date = forms.DateField(label=_("Mulai"), widget=forms.DateInput(attrs=PROGRAM_DATE))
    end_date = forms.DateField(label=_("Selesai"),
                               widget=forms.DateInput(attrs=PROGRAM_DATE))
    development_need = forms.CharField(label=_("A. Identifikasi kebutuhan pengembangan"),
                                       widget=forms.Textarea(attrs={"rows": 3}), required=False)
    job_link = forms.CharField(label=_("B. Hubungan tanggung jawab pekerjaan"),
                               widget=forms.Textarea(attrs={"rows": 2}), required=False)
    planned_activities = forms.CharField(label=_("C. Kegiatan pengembangan"),
                                         widget=forms.Textarea(attrs={"rows": 2}),
                                         required=False)


class CoachingProposeForm(_ProgramFields):
    participant = forms.ModelChoiceField(label=_("Coachee (peserta bimbingan)"),
                                         queryset=Employee.objects.none())
    goal = forms.CharField(label=_("Tujuan dan sasaran (kegiatan spesifik)"),
                           widget=forms.Textarea(attrs={"rows": 2}), required=False)
    performance_problem = forms.CharField(
        label=_("Permasalahan kinerja"), widget=forms.Textarea(attrs={"rows": 2}),
        required=False, help_text=_("Wajib menurut profil Belitung Timur."))
    mode = forms.ChoiceField(label=_("Cara"), choices=Mode.choices)

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participants


class MentoringRequestForm(_ProgramFields):
    mentor = forms.ModelChoiceField(label=_("Mentor (pendamping)"),
                                    queryset=Employee.objects.none())
    goal = forms.CharField(label=_("Aspek yang ingin didiskusikan"),
                           widget=forms.Textarea(attrs={"rows": 2}), required=False)
    mode = forms.ChoiceField(label=_("Cara"), choices=Mode.choices)

    def __init__(self, *args, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = mentors


class SelfStudyForm(_ProgramFields):
    participant = forms.ModelChoiceField(label=_("Pegawai (bawahan langsung)"),
                                         queryset=Employee.objects.none())
    learning_sources = forms.CharField(label=_("Sumber pembelajaran"),
                                       widget=forms.Textarea(attrs={"rows": 2}))
    target_competencies = forms.CharField(label=_("Kesenjangan kompetensi yang diisi"),
                                          required=False)

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participants


class AgreeForm(StyledFormMixin, forms.Form):
    development_need = forms.CharField(label=_("A. Area pengembangan yang Anda pilih"),
                                       widget=forms.Textarea(attrs={"rows": 3}), required=False)


class SessionForm(StyledFormMixin, forms.Form):
    date = forms.DateField(label=_("Hari/tanggal"), widget=forms.DateInput(attrs=DATE))
    topic = forms.CharField(label=_("Materi"), max_length=255)
    mode = forms.ChoiceField(label=_("Cara"), choices=Mode.choices)
    scope = forms.ChoiceField(
        label=_("Cakupan"), choices=Scope.choices,
        help_text=_("Internasional: di luar negeri, atau coach/mentor/sumber belajar dari "
                    "lembaga atau pakar luar negeri. Wajib melampirkan bukti."))
    minutes = forms.IntegerField(label=_("Durasi (menit)"), required=False, min_value=1,
                                 max_value=1440)
    learning_source = forms.CharField(label=_("Sumber belajar"), required=False, max_length=255)
    resume = forms.CharField(label=_("Resume singkat: apa yang dipelajari"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))
    form_a = forms.CharField(label=_("A. Identifikasi kebutuhan pengembangan"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    form_b = forms.CharField(label=_("B. Hubungan tanggung jawab pekerjaan"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    form_c = forms.CharField(label=_("C. Kegiatan pengembangan"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    notes = forms.CharField(label=_("Catatan"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(label=_("Bukti (PDF/JPG/PNG, maks. 5 MB)"), required=False)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, self_study: bool, abc_form: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not self_study:
            for name in ("minutes", "learning_source", "resume"):
                del self.fields[name]
        if not abc_form:
            for name in ("form_a", "form_b", "form_c"):
                del self.fields[name]


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}),
                             max_length=1000)

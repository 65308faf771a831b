from django import forms
from django.utils.translation import gettext_lazy as _

from kembang.common.forms import StyledFormMixin
from kembang.learning.models import ActivityType, Mode, Program, Scope
from kembang.learning.selectors import INACTIVE_DAYS
from kembang.organisation.forms import EmployeeChoiceField, UnitChoiceField
from kembang.organisation.models import Employee, OrgUnit
from kembang.policy import profiles as P

DATE = {"type": "date"}
# The browser's date picker starts where the service's rule does (programs.EARLIEST_START);
# the service still decides, and its refusal is shown on the field.
PROGRAM_DATE = DATE | {"min": "2000-01-01"}
# The session form's fields that decide its JP (the preview asks again when one changes).
PREVIEW_FIELDS = ("date", "scope", "minutes")


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


def mark_profile_requirements(form, profile) -> None:
    """Mark the fields the profile requires when a program starts (`program_requires`)
    as required, saying which clause requires them; the service checks them again."""
    needs = profile.program_requires.value
    clause = profile.program_requires.clause
    for code, name in ((P.PERFORMANCE_PROBLEM, "performance_problem"),
                       (P.LEADERSHIP_TASK, "leadership_task"),
                       (P.GUIDANCE_NEED, "guidance_need")):
        field = form.fields.get(name)
        if field is None or code not in needs:
            continue
        field.required = True
        why = _("Wajib menurut %(instrument)s, %(clause)s.") % {
            "instrument": profile.instrument.split(" tentang ")[0], "clause": clause}
        field.help_text = f"{field.help_text} {why}".strip()


class CoachingProposeForm(_ProgramFields):
    participant = EmployeeChoiceField(label=_("Coachee (peserta bimbingan)"),
                                      queryset=Employee.objects.none())
    goal = forms.CharField(label=_("Tujuan dan sasaran (kegiatan spesifik)"),
                           widget=forms.Textarea(attrs={"rows": 2}), required=False)
    performance_problem = forms.CharField(
        label=_("Permasalahan kinerja"), widget=forms.Textarea(attrs={"rows": 2}),
        required=False)
    leadership_task = forms.CharField(
        label=_("Tugas yang diberikan pimpinan"), widget=forms.Textarea(attrs={"rows": 2}),
        required=False, max_length=4000,
        help_text=_("Tugas yang hendak diselesaikan melalui pembimbingan."))
    target_competencies = forms.CharField(label=_("Kompetensi sasaran"), required=False,
                                          max_length=4000)
    mode = forms.ChoiceField(label=_("Cara"), choices=Mode.choices)

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participants


class MentoringRequestForm(_ProgramFields):
    mentor = EmployeeChoiceField(label=_("Mentor (pendamping)"),
                                 queryset=Employee.objects.none())
    goal = forms.CharField(label=_("Aspek yang ingin didiskusikan"),
                           widget=forms.Textarea(attrs={"rows": 2}), required=False)
    guidance_need = forms.CharField(
        label=_("Bimbingan dan arahan yang dibutuhkan dalam penyelesaian pekerjaan"),
        widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000,
        help_text=_("Bukan permasalahan kinerja."))
    target_competencies = forms.CharField(label=_("Kompetensi sasaran"), required=False,
                                          max_length=4000)
    mode = forms.ChoiceField(label=_("Cara"), choices=Mode.choices)

    def __init__(self, *args, mentors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = mentors


class CoachingRequestForm(_ProgramFields):
    """The employee asks an appointed coach for coaching (`coaching_request`)."""

    coach = EmployeeChoiceField(label=_("Coach yang ditunjuk untuk unit Anda"),
                                queryset=Employee.objects.none())
    goal = forms.CharField(label=_("Tujuan dan sasaran (kegiatan spesifik)"),
                           widget=forms.Textarea(attrs={"rows": 2}), required=False)
    target_competencies = forms.CharField(label=_("Kompetensi sasaran"), required=False,
                                          max_length=4000)
    mode = forms.ChoiceField(label=_("Cara"), choices=Mode.choices)

    def __init__(self, *args, coaches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches
        self.fields["development_need"].required = True


class PlannedMeetingForm(StyledFormMixin, forms.Form):
    day = forms.DateField(label=_("Tanggal rencana"), widget=forms.DateInput(attrs=DATE))
    note = forms.CharField(label=_("Catatan rencana"), max_length=255, required=False)


class SelfStudyForm(_ProgramFields):
    participant = EmployeeChoiceField(label=_("Pegawai (bawahan langsung)"),
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

    def __init__(self, *args, self_study: bool, abc_form: bool,
                 session_fields: P.SessionFields | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self_study:
            for name in ("minutes", "learning_source", "resume"):
                del self.fields[name]
        if not abc_form:
            for name in ("form_a", "form_b", "form_c"):
                del self.fields[name]
        # What the profile requires is data (`SessionFields`); the service still decides.
        fields = session_fields or (P.SESSION_FIELDS[P.FORM_ABC] if abc_form else None)
        if fields is not None and "topic" not in fields.required:
            topic = self.fields["topic"]
            topic.required = False
            if fields.topic_from in self.fields:
                topic.help_text = _("Boleh dikosongkan: diisi dari baris pertama bagian "
                                    "%(section)s.") % {
                    "section": self.fields[fields.topic_from].label}
                topic.widget.attrs["aria-describedby"] = f"id_{self.add_prefix('topic')}_help"

    def preview_on_change(self, url: str) -> None:
        """Ask `url` for what the session would earn (services/preview.py) whenever its
        date, scope or minutes change; the answer replaces ``#jp-preview`` (htmx)."""
        for name in PREVIEW_FIELDS:
            if name in self.fields:
                self.fields[name].widget.attrs.update({
                    "hx-post": url, "hx-trigger": "change", "hx-target": "#jp-preview",
                    "hx-params": ",".join(PREVIEW_FIELDS),
                    "hx-sync": "closest form:replace"})

    def preview_values(self) -> dict:
        """The date, scope and minutes the preview is computed from: those of the sent
        form (none when one of them is not valid), else the initial ones."""
        if self.is_bound:
            if any(name in self.errors for name in PREVIEW_FIELDS):
                return {}
            return {name: self.cleaned_data.get(name) for name in PREVIEW_FIELDS}
        return {name: self.initial.get(name) for name in PREVIEW_FIELDS}

    def ask_for_the_file_again(self) -> None:
        """After an error the browser empties the file input and the upload is not kept:
        say so next to it, when a file was chosen."""
        if "evidence" in self.fields and self.files.get("evidence") and self.errors:
            self.add_error("evidence", _("Berkas bukti belum tersimpan. Pilih berkasnya "
                                         "lagi sebelum menyimpan."))


class SessionAcknowledgeForm(StyledFormMixin, forms.Form):
    """The participant's writing step on a session the coach logged for them (`nganjuk`:
    sections A/B/C of their form, Lampiran huruf C angka 3–4), pre-filled with what the
    coach wrote. `names` are the fields `sessions.acknowledgement_fields` gives."""

    form_a = forms.CharField(label=_("A. Identifikasi kebutuhan pengembangan"),
                             widget=forms.Textarea(attrs={"rows": 2}))
    form_b = forms.CharField(label=_("B. Hubungan tanggung jawab pekerjaan"),
                             widget=forms.Textarea(attrs={"rows": 2}))
    form_c = forms.CharField(label=_("C. Kegiatan pengembangan"),
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, names: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        for name in [name for name in self.fields if name not in names]:
            del self.fields[name]


class ReasonForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Alasan"), widget=forms.Textarea(attrs={"rows": 2}),
                             max_length=1000)


class SessionFeedbackForm(StyledFormMixin, forms.Form):
    """The supervisor's feedback on a self-study session (services/feedback.py)."""

    feedback = forms.CharField(label=_("Umpan balik atasan"), max_length=2000,
                               widget=forms.Textarea(attrs={"rows": 3}))


class CareerPlanForm(StyledFormMixin, forms.Form):
    """The mentor's career development plan of a mentoring program (services/feedback.py)."""

    career_plan = forms.CharField(label=_("Rencana pengembangan karier"), max_length=4000,
                                  required=False, widget=forms.Textarea(attrs={"rows": 4}))


# The staff program list's orders as the picker names them (the keys of
# selectors.STAFF_PROGRAM_SORTS).
STAFF_PROGRAM_SORT_LABELS = {
    "-mulai": _("Mulai terbaru"),
    "mulai": _("Mulai terlama"),
    "sesi": _("Paling lama tanpa sesi"),
    "-sesi": _("Sesi terakhir terbaru"),
    "peserta": _("Nama peserta A–Z"),
    "-peserta": _("Nama peserta Z–A"),
    "unit": _("Unit kerja A–Z"),
}


class StaffProgramFilterForm(StyledFormMixin, forms.Form):
    """The staff program list's filters (GET); an invalid value is dropped, not applied."""

    kegiatan = forms.ChoiceField(label=_("Kegiatan"), required=False,
                                 choices=[("", _("Semua kegiatan")), *ActivityType.choices])
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("Semua status")), *Program.Status.choices])
    unit = UnitChoiceField(label=_("Unit kerja peserta"), queryset=OrgUnit.objects.none(),
                           required=False, empty_label=_("Semua unit"))
    pembimbing = forms.CharField(label=_("Coach/mentor/atasan (nama atau NIP)"), required=False,
                                 max_length=200)
    tanpa_sesi = forms.BooleanField(required=False)
    urut = forms.ChoiceField(label=_("Urutkan"), required=False,
                             choices=list(STAFF_PROGRAM_SORT_LABELS.items()))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["tanpa_sesi"].label = _("Hanya pasangan tanpa sesi %(d)s hari") % {
            "d": INACTIVE_DAYS}

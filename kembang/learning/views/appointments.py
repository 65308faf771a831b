from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kembang.accounts.backends import login_name
from kembang.common.errors import DomainError
from kembang.common.forms import StyledFormMixin
from kembang.common.params import text_param
from kembang.learning.models import ActivityType, Appointment
from kembang.learning.profiles import profile_on
from kembang.learning.services import appointments as services
from kembang.learning.views.common import flash_error, form_error
from kembang.organisation.access import headed_units, require_roles
from kembang.organisation.dates import regency_today
from kembang.organisation.forms import UnitChoiceField
from kembang.organisation.models import Employee, OrgUnit, Role


class AppointmentForm(StyledFormMixin, forms.Form):
    unit = UnitChoiceField(label=gettext_lazy("Untuk unit"), queryset=OrgUnit.objects.none())
    nip = forms.CharField(label=gettext_lazy("NIP ASN yang ditunjuk"), max_length=40,
                          help_text=gettext_lazy("Boleh dari unit lain (eksternal)."))
    activity = forms.ChoiceField(label=gettext_lazy("Sebagai"), choices=[
        (ActivityType.COACHING, "Coach"), (ActivityType.MENTORING, "Mentor")])
    letter_number = forms.CharField(label=gettext_lazy("Nomor surat penunjukan"),
                                    max_length=120, required=False)
    letter_date = forms.DateField(label=gettext_lazy("Tanggal surat penunjukan"),
                                  required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, units, letter_required: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        # The service decides; the asterisk only tells the head before they send.
        self.fields["letter_number"].required = letter_required
        self.fields["letter_date"].required = letter_required


def appointment_list(request):
    scope = require_roles(request.user, Role.HEAD_OF_UNIT, Role.HR_ADMIN)
    units = headed_units(request.user)
    regency = request.user.regency
    profile = profile_on(regency, regency_today(regency))
    # BKPSDM sees the whole regency's appointments; it appoints only where the profile
    # adds it (Diktum KEEMPAT names the Kepala Perangkat Daerah alone).
    as_bkpsdm = scope.whole_regency and not scope.head_paths
    may_appoint = not as_bkpsdm or services.bkpsdm_appoints(profile)
    form = AppointmentForm(request.POST or None, units=units,
                           letter_required=services.profile_appoints(profile))
    if request.method == "POST" and not may_appoint:
        messages.error(request, _("Penunjukan dilakukan oleh Kepala Perangkat Daerah unit itu."))
    elif request.method == "POST" and form.is_valid():
        appointee = Employee.objects.filter(
            regency_id=request.user.regency_id, nip=login_name(form.cleaned_data["nip"])).first()
        if appointee is None:
            form.add_error("nip", _("Tidak ada pegawai dengan NIP ini."))
        else:
            try:
                services.appointment_create(
                    actor=request.user, unit=form.cleaned_data["unit"], appointee=appointee,
                    activity=form.cleaned_data["activity"],
                    letter_number=form.cleaned_data["letter_number"],
                    letter_date=form.cleaned_data["letter_date"])
                messages.success(request, _("Penunjukan tersimpan."))
                return redirect("learning:appointment_list")
            except DomainError as error:
                form_error(form, error)
    appointments = (Appointment.objects.filter(unit__in=units, revoked_at__isnull=True)
                    .select_related("unit", "appointee__unit").order_by("unit__path", "activity"))
    return render(request, "learning/appointment_list.html", {
        "form": form, "appointments": appointments, "profile": profile,
        "as_bkpsdm": as_bkpsdm, "may_appoint": may_appoint,
        "appoints": services.profile_appoints(profile),
        "bkpsdm_addition": as_bkpsdm and services.bkpsdm_appoints(profile)})


@require_POST
def appointment_revoke(request, appointment_id: int):
    require_roles(request.user, Role.HEAD_OF_UNIT, Role.HR_ADMIN)
    appointment = Appointment.objects.filter(
        pk=appointment_id, unit__in=headed_units(request.user)).first()
    if appointment is None:
        raise Http404
    try:
        services.appointment_revoke(actor=request.user, appointment=appointment,
                                    reason=text_param(request.POST, "reason"))
        messages.success(request, _("Penunjukan dicabut."))
    except DomainError as error:
        flash_error(request, error)
    return redirect("learning:appointment_list")

from django import forms
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kembang.common.errors import DomainError
from kembang.common.forms import StyledFormMixin
from kembang.common.params import text_param
from kembang.learning.models import ClassicalTraining, Scope
from kembang.learning.services import classical as services
from kembang.learning.views.common import flash_error, form_error
from kembang.organisation.access import access_employee, require_roles, scope_for
from kembang.organisation.models import Role
from kembang.policy.routes import CLASSICAL_ROUTES

DATE = {"type": "date"}


class ClassicalForm(StyledFormMixin, forms.Form):
    route = forms.ChoiceField(label=gettext_lazy("Jalur"),
                              choices=[(r.code, f"{r.code} {r.name}") for r in CLASSICAL_ROUTES])
    title = forms.CharField(label=gettext_lazy("Nama kegiatan"), max_length=255)
    organiser = forms.CharField(label=gettext_lazy("Penyelenggara"), max_length=255,
                                required=False)
    start_date = forms.DateField(label=gettext_lazy("Mulai"), widget=forms.DateInput(attrs=DATE))
    end_date = forms.DateField(label=gettext_lazy("Selesai"), widget=forms.DateInput(attrs=DATE))
    scope = forms.ChoiceField(label=gettext_lazy("Cakupan"), choices=Scope.choices)
    jp = forms.DecimalField(label=gettext_lazy("JP"), required=False, min_value=0,
                            max_digits=6, decimal_places=2,
                            help_text=gettext_lazy("Kosongkan untuk seminar, workshop dan "
                                                   "sosialisasi: dihitung per hari."))
    certificate_number = forms.CharField(label=gettext_lazy("Nomor sertifikat"), max_length=120,
                                         required=False)


def classical_list(request, employee_id: int):
    require_roles(request.user, Role.HR_OFFICER, Role.HR_ADMIN)
    employee = access_employee(request.user, employee_id)
    if not scope_for(request.user).hr_covers(employee.unit.path):
        raise Http404
    form = ClassicalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.classical_record(actor=request.user, employee=employee, **form.cleaned_data)
            messages.success(request, _("Pelatihan klasikal tercatat."))
            return redirect("learning:classical_list", employee.pk)
        except DomainError as error:
            form_error(form, error)
    trainings = ClassicalTraining.objects.filter(employee=employee).order_by("-start_date")
    return render(request, "learning/classical_list.html",
                  {"employee": employee, "form": form, "trainings": trainings})


@require_POST
def classical_cancel(request, employee_id: int, training_id: int):
    require_roles(request.user, Role.HR_OFFICER, Role.HR_ADMIN)
    employee = access_employee(request.user, employee_id)
    if not scope_for(request.user).hr_covers(employee.unit.path):
        raise Http404
    training = ClassicalTraining.objects.filter(employee=employee, pk=training_id).first()
    if training is None:
        raise Http404
    try:
        services.classical_cancel(actor=request.user, training=training,
                                  reason=text_param(request.POST, "reason"))
        messages.success(request, _("Dibatalkan."))
    except DomainError as error:
        flash_error(request, error)
    return redirect("learning:classical_list", employee.pk)

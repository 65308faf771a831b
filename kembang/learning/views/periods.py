"""BKPSDM locks a reported month (docs/locked-months.md#what-locks-a-month)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kembang.common.errors import DomainError
from kembang.common.forms import StyledFormMixin
from kembang.learning.models import LockedPeriod
from kembang.learning.services.periods import period_lock
from kembang.learning.views.common import form_error
from kembang.organisation.access import require_roles, units_in_scope
from kembang.organisation.forms import UnitChoiceField
from kembang.organisation.models import OrgUnit, Role


class LockForm(StyledFormMixin, forms.Form):
    month = forms.DateField(label=gettext_lazy("Bulan"), input_formats=["%Y-%m"],
                            widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"))
    unit = UnitChoiceField(label=gettext_lazy("Unit"), queryset=OrgUnit.objects.none(),
                           required=False, empty_label=gettext_lazy("Seluruh pemerintah daerah"))
    reason = forms.CharField(label=gettext_lazy("Alasan"), max_length=255)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


def period_list(request):
    require_roles(request.user, Role.HR_ADMIN)
    regency = request.user.regency
    form = LockForm(request.POST or None, units=units_in_scope(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            period_lock(actor=request.user, regency=regency, month=form.cleaned_data["month"],
                        unit=form.cleaned_data["unit"], reason=form.cleaned_data["reason"])
            messages.success(request, _("Bulan dikunci; JP yang sudah dihitung tidak "
                                        "berubah lagi."))
            return redirect("learning:period_list")
        except DomainError as error:
            form_error(form, error)
    periods = (LockedPeriod.objects.filter(regency=regency)
               .select_related("unit", "locked_by").order_by("-month", "unit__path"))
    return render(request, "learning/period_list.html", {"form": form, "periods": periods})

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from kembang.common.forms import StyledFormMixin
from kembang.organisation.forms import UnitChoiceField
from kembang.organisation.models import OrgUnit
from kembang.recap.unit_report import FIRST_YEAR, InvalidPeriod, check_period, last_year

MONTH_CHOICES = [(number, name) for number, name in MONTHS.items()]
_MONTH_ERRORS = {"invalid_choice": _("Bulan harus antara Januari dan Desember."),
                 "required": _("Pilih bulannya.")}


class UnitRecapForm(StyledFormMixin, forms.Form):
    """The unit recap's parameters (GET): the unit (among the user's), the year, the first
    and last month. The period's rules are `check_period`'s."""

    unit = UnitChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none(), empty_label=None,
                           error_messages={"invalid_choice": _("Pilih unit dari daftar.")})
    tahun = forms.IntegerField(label=_("Tahun"), error_messages={
        "invalid": _("Tahun ditulis dengan angka, misalnya 2026."),
        "required": _("Isi tahunnya.")})
    dari = forms.TypedChoiceField(label=_("Dari bulan"), coerce=int, choices=MONTH_CHOICES,
                                  error_messages=_MONTH_ERRORS)
    sampai = forms.TypedChoiceField(label=_("Sampai bulan"), coerce=int, choices=MONTH_CHOICES,
                                    error_messages=_MONTH_ERRORS)

    def __init__(self, *args, units, regency, **kwargs):
        super().__init__(*args, **kwargs)
        self.regency = regency
        self.fields["unit"].queryset = units
        self.fields["tahun"].widget.attrs.update(
            {"min": FIRST_YEAR, "max": last_year(regency), "inputmode": "numeric"})

    def clean(self):
        data = super().clean()
        if {"tahun", "dari", "sampai"} <= data.keys():
            try:
                check_period(self.regency, year=data["tahun"], first=data["dari"],
                             last=data["sampai"])
            except InvalidPeriod as error:
                self.add_error(error.field, error.message)
        return data


class DashboardForm(StyledFormMixin, forms.Form):
    """The dashboard's filters (GET): a unit among the user's (empty: the whole regency,
    for BKPSDM only) and one of the years the employee list offers."""

    unit = UnitChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none(), required=False)
    tahun = forms.TypedChoiceField(label=_("Tahun"), coerce=int)

    def __init__(self, *args, units, years, whole_regency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["unit"].required = not whole_regency
        self.fields["unit"].empty_label = _("Seluruh pemerintah daerah") if whole_regency else None
        self.fields["tahun"].choices = [(y, str(y)) for y in years]
        for field in self.fields.values():
            field.widget.attrs["data-autosubmit"] = ""

"""`FastSelect` writes what Django's `Select` writes (kembang/common/widgets.py)."""

import re

import pytest
from django import forms

from kembang.common.forms import StyledFormMixin
from kembang.common.widgets import FastSelect, fast
from kembang.organisation.forms import UnitChoiceField
from kembang.organisation.models import OrgUnit
from kembang.organisation.tests.factories import UnitFactory


def _normalised(html: str) -> str:
    return re.sub(r">\s+<", "><", str(html)).strip()


CHOICES = [("", "Semua"), ("pns", "PNS"), ("pppk", "PPPK <b>")]
GROUPED = [("", "—"), ("Manajerial", [("m1", "Integritas"), ("m2", "Kerjasama")]),
           ("t1", "Teknis & lain")]


@pytest.mark.parametrize("choices", [CHOICES, GROUPED])
@pytest.mark.parametrize("value", [None, "", "pppk", "m2", "nothing", ["pns"]])
@pytest.mark.parametrize("attrs", [None, {"id": "id_kind", "required": True,
                                          "class": "form-select", "disabled": True}])
def test_the_markup_is_django_s(choices, value, attrs):
    django_select = forms.Select(choices=choices)
    ours = FastSelect(choices=choices)
    assert _normalised(ours.render("kind", value, attrs)) == _normalised(
        django_select.render("kind", value, attrs))


@pytest.mark.django_db
def test_a_styled_form_uses_it_for_single_selects_and_keeps_model_choices():
    class Filters(StyledFormMixin, forms.Form):
        unit = UnitChoiceField(queryset=OrgUnit.objects.none(), required=False,
                               empty_label="Semua unit")
        kinds = forms.MultipleChoiceField(choices=CHOICES[1:], required=False)

        def __init__(self, *args, units, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields["unit"].queryset = units

    top = UnitFactory(name="Dinas Pendidikan")
    sub = UnitFactory(regency=top.regency, name="Sekretariat", parent=top)
    form = Filters({"unit": str(sub.pk)}, units=OrgUnit.objects.filter(pk__in=[top.pk, sub.pk]))
    assert isinstance(form.fields["unit"].widget, FastSelect)
    assert not isinstance(form.fields["kinds"].widget, FastSelect)
    html = _normalised(form["unit"])
    assert f'<option value="{sub.pk}" selected>Dinas Pendidikan › Sekretariat</option>' in html
    assert 'class="form-select"' in html and form.is_valid()
    assert form.cleaned_data["unit"] == sub


def test_other_widgets_are_left_alone():
    widget = forms.RadioSelect(choices=CHOICES)
    assert fast(widget) is widget

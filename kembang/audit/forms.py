"""The audit page's filters: form fields, so NUL characters, over-long text and dates no
calendar has are refused with a message instead of reaching PostgreSQL (a DataError)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kembang.audit.models import AuditEvent

ISO_DATE = ["%Y-%m-%d"]  # what <input type="date"> sends


class AuditFilterForm(forms.Form):
    tindakan = forms.CharField(label=_("Tindakan"), required=False,
                               max_length=AuditEvent._meta.get_field("action").max_length)
    pelaku = forms.CharField(label=_("Pelaku (NIP/nama pengguna)"), required=False,
                             max_length=150)
    objek = forms.CharField(label=_("Objek"), required=False,
                            max_length=AuditEvent._meta.get_field("object_repr").max_length)
    dari = forms.DateField(label=_("Dari"), required=False, input_formats=ISO_DATE)
    sampai = forms.DateField(label=_("Sampai"), required=False, input_formats=ISO_DATE)

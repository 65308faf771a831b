from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from kembang.common.forms import StyledFormMixin


class LoginForm(StyledFormMixin, AuthenticationForm):
    username = forms.CharField(
        label=_("NIP atau nama pengguna"),
        max_length=64,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username",
                                      "inputmode": "text"}),
    )
    password = forms.CharField(
        label=_("Kata sandi"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _("NIP/nama pengguna atau kata sandi salah. Pegawai yang belum "
                           "pernah masuk memakai kode aktivasi dari pengelola SDM."),
        "inactive": _("Akun ini tidak aktif."),
    }


class ActivationForm(StyledFormMixin, forms.Form):
    username = forms.CharField(label=_("NIP"), max_length=40)
    code = forms.CharField(label=_("Kode aktivasi"), max_length=20,
                           help_text=_("Kode 8 huruf/angka dari pengelola SDM, mis. ABCD-2345."))
    password1 = forms.CharField(label=_("Kata sandi baru"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("Ulangi kata sandi baru"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        elif p1:
            try:
                password_validation.validate_password(p1)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data

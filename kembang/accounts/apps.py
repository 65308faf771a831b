from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "kembang.accounts"
    label = "accounts"
    verbose_name = _("Akun")

    def ready(self):
        from kembang.audit.labels import register_actions

        register_actions({
            "account.create": _("membuat akun"),
            "account.activate": _("mengaktifkan akun dengan kode aktivasi"),
            "account.activation_code": _("menerbitkan kode aktivasi"),
            "account.activation_code_void": _("membatalkan kode aktivasi lama"),
            "account.deactivate": _("menonaktifkan akun"),
            "account.reactivate": _("mengaktifkan kembali akun"),
            "account.password_change": _("mengganti kata sandi"),
            "account.password_reset": _("mengatur ulang kata sandi"),
            "account.unlock": _("membuka kunci akun"),
        })

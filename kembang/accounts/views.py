"""Login, activation with a one-time code, password change and reset."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, SetPasswordForm
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from kembang.accounts.backends import login_name
from kembang.accounts.forms import ActivationForm, LoginForm
from kembang.accounts.language import language_of
from kembang.accounts.services import account_activate, account_language_set, password_change
from kembang.common.errors import DomainError
from kembang.common.forms import StyledFormMixin
from kembang.learning.services.notify import mail_after_commit


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["email_reset"] = settings.EMAIL_CONFIGURED
        return context


@login_not_required
def activate(request):
    form = ActivationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = account_activate(
                username=login_name(form.cleaned_data["username"]),
                code=form.cleaned_data["code"],
                password=form.cleaned_data["password1"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            login(request, user, backend="kembang.accounts.backends.NipOrUsernameBackend")
            messages.success(request, _("Kata sandi tersimpan. Selamat datang di Kembang."))
            return redirect("home")
    return render(request, "accounts/activate.html", {"form": form})


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    def save(self, commit=True):  # noqa: ARG002 - the service always saves
        # Through the service, so the change leaves an audit record.
        return password_change(actor=self.user, user=self.user,
                               password=self.cleaned_data["new_password1"])


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = StyledPasswordChangeForm
    template_name = "accounts/password_change.html"

    def form_valid(self, form):
        messages.success(self.request, _("Kata sandi sudah diganti."))
        return super().form_valid(form)

    def get_success_url(self):
        return "/"


@login_not_required
@require_POST
def language_set(request):
    """The language switch (base.html, the login page): Django's `set_language` sets the
    language cookie and goes back to `next`; for a logged-in user the account keeps the
    choice too, so the next login on another client and the mail follow it. A language
    Kembang does not offer is refused with 400, and nothing is set."""
    language = request.POST.get("language", "")
    try:
        if request.user.is_authenticated:
            account_language_set(user=request.user, language=language)
        elif language not in dict(settings.LANGUAGES):
            raise DomainError(_("Bahasa tidak dikenal."), code="language_invalid")
    except DomainError as error:
        return HttpResponseBadRequest(error.message, content_type="text/plain; charset=utf-8")
    return set_language(request)


class StyledPasswordResetForm(StyledFormMixin, PasswordResetForm):
    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):
        """The reset link starts with the site's public address (KEMBANG_BASE_URL), never
        the Host header the client sent; the mail is in the user's chosen language and
        goes through the task queue once the request's work is committed."""
        context = {**context, "base_url": settings.KEMBANG_BASE_URL}
        with translation.override(language_of(context.get("user"))):
            subject = "".join(render_to_string(subject_template_name, context).splitlines())
            body = render_to_string(email_template_name, context)
        mail_after_commit(to=to_email, subject=subject, body=body)


class StyledSetPasswordForm(StyledFormMixin, SetPasswordForm):
    """The new password after an emailed reset link (the user is not logged in)."""

    def save(self, commit=True):  # noqa: ARG002 - the service always saves
        return password_change(actor=self.user, user=self.user,
                               password=self.cleaned_data["new_password1"],
                               reset_by_email=True)


def _email_reset_enabled(view):
    """Reset by email only exists when the deployment has mail configured."""

    def wrapped(request, *args, **kwargs):
        if not settings.EMAIL_CONFIGURED:
            return render(request, "accounts/reset_unavailable.html", status=404)
        return view(request, *args, **kwargs)

    return login_not_required(wrapped)


password_reset = _email_reset_enabled(
    auth_views.PasswordResetView.as_view(
        form_class=StyledPasswordResetForm,
        template_name="accounts/password_reset.html",
        email_template_name="accounts/password_reset_email.txt",
        subject_template_name="accounts/password_reset_subject.txt",
        success_url="/akun/sandi/lupa/terkirim/",
    )
)
password_reset_done = _email_reset_enabled(
    auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html")
)
password_reset_confirm = _email_reset_enabled(
    auth_views.PasswordResetConfirmView.as_view(
        form_class=StyledSetPasswordForm,
        template_name="accounts/password_reset_confirm.html",
        success_url="/akun/masuk/",
    )
)

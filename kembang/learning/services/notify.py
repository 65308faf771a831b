"""Hand-off notices: in the app always; by email too when the deployment has email."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task

from kembang.learning.models import Notification


@task()
def send_notification_email(*, to: str, subject: str, body: str) -> None:
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)


def notify(user, text: str, url: str = "") -> None:
    """Tell `user` about a hand-off. Email goes through the task queue, never blocking the
    request that caused it."""
    if user is None:
        return
    Notification.objects.create(user=user, text=text[:255], url=url)
    if settings.EMAIL_CONFIGURED and user.email:
        send_notification_email.enqueue(to=user.email, subject=f"Kembang: {text[:80]}",
                                        body=f"{text}\n\n{absolute_url(url)}")


def absolute_url(path: str) -> str:
    """A link for outside the app (mail, print): the site's public address plus the path.
    Never the request's Host header, which a client chooses."""
    if not path or "://" in path:
        return path
    return settings.KEMBANG_BASE_URL + "/" + path.lstrip("/")


def user_of(employee):
    """The login of an employee, or None if they have none yet."""
    return getattr(employee, "user", None) if employee is not None else None

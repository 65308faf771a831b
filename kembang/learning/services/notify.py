"""Hand-off notices: in the app always; by email too when the deployment has email.

A notice is written in its recipient's language (`kembang.accounts.language.language_of`):
callers pass the Indonesian msgid lazily (`gettext_lazy`) and its placeholders in
`params`, so it is translated for the person who reads it, not for the one whose action
caused it. A plain string is taken as it is.

One notice per thing to do:
- an unread notice with the same text and link is refreshed (dated now, at the top of the
  list), not repeated; notices grouped under a `key` (e.g. the sessions of one program
  waiting for the guide's initials) are one notice whose text and link are replaced;
- when the recipient acts on what a notice points to, the service recording the act marks
  it read (`resolve`), in the same transaction.

Mail goes through the task queue and only once the transaction that caused it commits: a
hand-off that is rolled back sends nothing. Only a new notice is mailed; one refreshed
while still unread was mailed already. Links in mail start with KEMBANG_BASE_URL.
"""

from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django_tasks import task

from kembang.accounts.language import language_of
from kembang.learning.models import Notification

TEXT_MAX = Notification._meta.get_field("text").max_length
URL_MAX = Notification._meta.get_field("url").max_length


@task()
def send_notification_email(*, to: str, subject: str, body: str) -> None:
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)


def mail_after_commit(*, to: str, subject: str, body: str) -> None:
    """Queue a mail for when the current transaction commits (at once outside one);
    nothing is queued if it rolls back. A failure to queue is logged, not raised into a
    request whose work is already committed."""
    transaction.on_commit(
        partial(send_notification_email.enqueue, to=to, subject=subject, body=body),
        robust=True)


def _render(text, params: dict | None) -> str:
    # `%` on a lazy msgid translates it now, in the language active here; a lazy plural
    # (`ngettext_lazy(..., "n")`) takes its number from `params`.
    return str(text % params) if params else str(text)


def notify(user, text, url: str = "", *, params: dict | None = None, key: str = "",
           update_only: bool = False) -> Notification | None:
    """Tell `user` about a hand-off, in their language, and return the notice.

    `text` is a lazy msgid filled in with `params`, or a plain string. An unread notice of
    `user` with the same text and `url` is refreshed instead of repeated (older unread
    copies are marked read). With `key`, the unread notice under that key is the one
    refreshed, whatever its text. `update_only`: only bring an unread notice under `key`
    up to date (text and link, not its date), creating none — when what it counts has
    shrunk. Only a new notice is mailed, after commit."""
    if user is None:
        return None
    with translation.override(language_of(user)):
        shown = _render(text, params)[:TEXT_MAX]
    url = url[:URL_MAX]
    now = timezone.now()
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    same = unread.filter(key=key) if key else unread.filter(key="", text=shown, url=url)
    notice = same.order_by("-created_at", "-id").first()
    if notice is not None:
        notice.text, notice.url = shown, url
        fields = ["text", "url"]
        if not update_only:
            notice.created_at = now
            fields.append("created_at")
        notice.save(update_fields=fields)
        same.exclude(pk=notice.pk).update(read_at=now)
        return notice
    if update_only:
        return None
    notice = Notification.objects.create(user=user, text=shown, url=url, key=key)
    if settings.EMAIL_CONFIGURED and user.email:
        mail_after_commit(to=user.email, subject=f"Kembang: {shown[:80]}",
                          body=f"{shown}\n\n{absolute_url(url)}")
    return notice


def resolve(user, url: str = "", *, key: str = "") -> int:
    """`user` has acted on what `url` points to (or on the group `key`): their unread
    notices pointing there, or grouped there, are marked read. Called by the service that
    records the act, inside its transaction. Returns how many were marked."""
    if user is None or not (url or key):
        return 0
    match = Q()
    if url:
        match |= Q(url=url)
    if key:
        match |= Q(key=key)
    return Notification.objects.filter(match, user=user, read_at__isnull=True).update(
        read_at=timezone.now())


def absolute_url(path: str) -> str:
    """A link for outside the app (mail, print): the site's public address plus the path.
    Never the request's Host header, which a client chooses."""
    if not path or "://" in path:
        return path
    return settings.KEMBANG_BASE_URL + "/" + path.lstrip("/")


def user_of(employee):
    """The login of an employee, or None if they have none yet."""
    return getattr(employee, "user", None) if employee is not None else None

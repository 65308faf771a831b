"""What users see is theirs: every page each demo login reaches, in Indonesian and in
English, shows no status or action code, no field path, no citation of our own documents,
and — in English — no catalogue entry left in Indonesian.

The crawl starts at each demo login's home page and follows the links a user could click
(same site, GET), one page per kind of URL (`/sesi/12/` and `/sesi/13/` are one kind), so
new pages are covered without a list to keep up to date.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve
from django.utils import translation

from kembang.accounts.models import User
from kembang.learning.lifecycle import PROGRAM_STEPS, SESSION_STEPS
from kembang.learning.models import Program, Session
from kembang.organisation.demo.profiles import DEMO_REGENCIES
from kembang.regulation.jp_file import COLUMN_ORDER

PO = Path(__file__).resolve().parent.parent / "kembang/locale/en/LC_MESSAGES/django.po"
PAGES_PER_LOGIN = 80
# Links that change state or leave the page: never followed by the crawl.
NOT_FOLLOWED = ("accounts:logout", "set_language")

STATUS_CODES = {str(s) for s in Session.Status.values} | {str(s) for s in Program.Status.values}
ACTION_CODES = ({f"session.{a}" for a in SESSION_STEPS} | {f"program.{a}" for a in PROGRAM_STEPS})
# A dotted lower-case path (activities.coaching.jp_nasional, session.validate) or a
# snake_case name (jp_nasional, awaiting_ack): what code looks like on a page.
DOTTED = re.compile(r"(?<![\w@./-])[a-z][a-z_]*(?:\.[a-z_]+)+(?![\w/-])")
SNAKE = re.compile(r"(?<![\w@./-])[a-z]+(?:_[a-z]+)+(?![\w@/-])")
FILE_NAME = re.compile(r"\.(xlsx|csv|pdf|png|jpe?g|zip|json|txt|id|com|org|test)$")


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class _Text(HTMLParser):
    """The visible text of a page, and its same-site links. Text inside an element marked
    `lang="id"` (the regulation's own words) or `data-recorded` (a record as it was
    written) is Indonesian on purpose: it goes to `quoted`, checked for codes only."""

    def __init__(self):
        super().__init__()
        self.chunks: list[str] = []
        self.quoted: list[str] = []
        self.links: list[str] = []
        self._hidden = 0
        self._stack: list[bool] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style", "template"}:
            self._hidden += 1
        attrs = dict(attrs)
        if tag not in VOID:
            inside = bool(self._stack and self._stack[-1])
            self._stack.append(inside or attrs.get("lang") == "id" or "data-recorded" in attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        # Text a user reads in attributes: placeholders, titles, button values.
        for name in ("placeholder", "title", "aria-label", "data-confirm"):
            if attrs.get(name):
                self.chunks.append(attrs[name])

    def handle_endtag(self, tag):
        if tag in {"script", "style", "template"} and self._hidden:
            self._hidden -= 1
        if tag not in VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if not self._hidden and data.strip():
            quoted = bool(self._stack and self._stack[-1])
            (self.quoted if quoted else self.chunks).append(data.strip())


def _untranslatable_msgids() -> set[str]:
    """Catalogue entries whose English differs from the Indonesian: seen verbatim on an
    English page, their translation is missing or was taken before the language was."""
    entries, msgid, msgstr, part = set(), None, None, None
    for line in PO.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("msgid "):
            msgid, part = line[6:].strip('"'), "id"
        elif line.startswith("msgstr "):
            msgstr, part = line[7:].strip('"'), "str"
        elif line.startswith('"') and part:
            if part == "id":
                msgid += line.strip('"')
            else:
                msgstr += line.strip('"')
        elif not line.strip() and msgid:
            # Whole sentences only: short words (names of things, "Coaching") are often
            # the same in both languages or part of proper names.
            if msgstr and msgstr != msgid and len(msgid) >= 25 and "%(" not in msgid:
                entries.add(msgid.replace('\\"', '"'))
            msgid = msgstr = part = None
    return entries


def _route_kind(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name in NOT_FOLLOWED or match.view_name.startswith("api:"):
        return None
    return match.view_name


def _crawl(client, start: str = "/"):
    """(url, html) of every page reachable from `start`, one per route."""
    seen_kinds, queue, visited = set(), [start], set()
    while queue and len(visited) < PAGES_PER_LOGIN:
        url = queue.pop(0)
        if url in visited:
            continue
        visited.add(url)
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        yield url, html
        parser = _Text()
        parser.feed(html)
        for href in parser.links:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            kind = _route_kind(parts.path)
            if kind is None or (kind, bool(parts.query)) in seen_kinds:
                continue
            seen_kinds.add((kind, bool(parts.query)))
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))


def _problems(text: str, *, english: bool, msgids: set[str], allowed: set[str],
              statuses: bool = True) -> list[str]:
    found = []
    for needle in ("SPEC", "docs/"):
        if needle in text:
            found.append(needle)
    for match in DOTTED.findall(text):
        if not FILE_NAME.search(match) and match not in allowed:
            found.append(match)
    for match in SNAKE.findall(text):
        if match not in allowed:
            found.append(match)
    if statuses and not english:
        words = set(re.findall(r"\b[a-z]+\b", text))
        found += sorted(words & STATUS_CODES)
    found += sorted(code for code in ACTION_CODES if code in text)
    if english:
        found += sorted(m for m in msgids if m in text)
    return found


@pytest.fixture
def demo_regency(db, settings, request):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("demo", "--profil", request.param, "--pegawai", "40", stdout=_Null(),
                 stderr=_Null())
    return request.param


class _Null:
    def write(self, *_args):
        pass

    def flush(self):
        pass


@pytest.mark.parametrize("demo_regency", sorted(DEMO_REGENCIES), indirect=True)
@pytest.mark.parametrize("language", ["id", "en"])
def test_every_page_speaks_the_users_language(client, demo_regency, language):
    msgids = _untranslatable_msgids() if language == "en" else set()
    logins = User.objects.filter(regency__slug=demo_regency).exclude(password="")
    # Usernames are the users' data, shown as such (the audit's actor).
    allowed = set(User.objects.values_list("username", flat=True))
    # The columns of the spreadsheet the JP calculator reads are the file's contract,
    # shown so that officers can write them.
    allowed |= {*COLUMN_ORDER, "hitung_jp", "e.g"}
    assert logins.count() >= 5
    failures, pages = [], 0
    for user in logins:
        client.force_login(user)
        client.cookies["django_language"] = language
        if hasattr(user, "language"):
            User.objects.filter(pk=user.pk).update(language=language)
        for url, html in _crawl(client):
            pages += 1
            parser = _Text()
            parser.feed(html)
            text = "\n".join(parser.chunks)
            quoted = "\n".join(parser.quoted)
            problems = (_problems(text, english=language == "en", msgids=msgids,
                                  allowed=allowed)
                        + _problems(quoted, english=False, msgids=set(), allowed=allowed,
                                    statuses=False))
            for problem in problems:
                failures.append(f"{user.username} {url}: {problem}")
        client.logout()
    translation.activate("id")
    assert pages > 20
    assert not failures, "\n".join(sorted(set(failures))[:80])


# --- every route of the URLconf, as its legitimate user ---------------------------------------
# The demo crawl reaches what links reach; the hostile suite's table names every route with
# a record of its kind and the user it belongs to — including the pages an empty POST
# answers with a form full of errors.


@pytest.fixture(scope="module")
def route_world(django_db_setup, django_db_blocker):
    from django.db import transaction
    from django.test import override_settings

    from tests.hostile_world import build_hostile_world

    with django_db_blocker.unblock(), override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_hostile_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_route_speaks_the_users_language(db, route_world, language):
    from django.db import transaction
    from django.test import Client

    from tests.test_hostile_suite import ROUTES, _attr, _path

    msgids = _untranslatable_msgids() if language == "en" else set()
    allowed = set(User.objects.values_list("username", flat=True)) | {*COLUMN_ORDER,
                                                                      "hitung_jp", "e.g"}
    failures, pages = [], 0
    for name, (_group, legit, kwargs, _post) in sorted(ROUTES.items()):
        if name.startswith("api:") or name in NOT_FOLLOWED:
            continue
        client = Client(raise_request_exception=False)
        if legit is not None:
            client.force_login(_attr(route_world, legit),
                               backend="kembang.accounts.backends.NipOrUsernameBackend")
        client.cookies["django_language"] = language
        path = _path(name, kwargs(route_world) if kwargs else None)
        for method in ("get", "post"):
            with transaction.atomic():
                if legit is not None and hasattr(User, "language"):
                    User.objects.filter(pk=_attr(route_world, legit).pk).update(
                        language=language)
                response = (client.get(path) if method == "get"
                            else client.post(path, {}))
                transaction.set_rollback(True)
            assert response.status_code < 500, f"{method} {path}"
            if (response.status_code != 200
                    or "text/html" not in response.get("Content-Type", "")):
                continue
            pages += 1
            parser = _Text()
            parser.feed(response.content.decode())
            problems = (_problems("\n".join(parser.chunks), english=language == "en",
                                  msgids=msgids, allowed=allowed)
                        + _problems("\n".join(parser.quoted), english=False, msgids=set(),
                                    allowed=allowed, statuses=False))
            failures += [f"{method.upper()} {name} {path}: {p}" for p in problems]
    translation.activate("id")
    assert pages > 30
    assert not failures, "\n".join(sorted(set(failures))[:80])

"""What the load users do, for locust (headless; started by `python -m bench.load`).

The environment chooses the scenario:

- KEMBANG_LOAD_SCENARIO=page:<key>: closed loop, every user requests one page again and
  again with no wait (saturation); <key> is one of PAGES.
- KEMBANG_LOAD_SCENARIO=mixed with KEMBANG_LOAD_PACING=<seconds>: open loop, each user
  starts one action every <seconds> on a fixed schedule at a random phase, so N users make N / pacing actions a second whatever the answers' times,
  as long as none takes longer than the pacing. Actions are drawn by MIX's weights.

KEMBANG_LOAD_FIXTURES names the JSON `build.py logins` wrote (people and their session
cookies); KEMBANG_LOAD_HOST the public host name gunicorn is told (ALLOWED_HOSTS).

Requests are made as the TLS proxy passes them on (X-Forwarded-Proto: https). The session
and CSRF cookies are sent by hand: production marks them Secure, so a cookie jar would
never send them over the plain HTTP we speak to gunicorn. Any answer other than the
expected one is a failure: a GET must answer 200 (a redirect to the login page means the
session was lost), a session logged must redirect to its page, an initial must redirect
without an error message.
"""

from __future__ import annotations

import base64
import collections
import itertools
import json
import os
import random
import re
import secrets
import sys
import time
import zlib

import gevent
from locust import FastHttpUser, constant, task

# Run by locust as a file: the pages and the mix sit beside it.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pages import MIX, PAGES  # noqa: E402

FIXTURES = json.loads(open(os.environ["KEMBANG_LOAD_FIXTURES"], encoding="utf-8").read())
SCENARIO = os.environ.get("KEMBANG_LOAD_SCENARIO", "mixed")
PACING = float(os.environ.get("KEMBANG_LOAD_PACING", "4"))
HOST = os.environ.get("KEMBANG_LOAD_HOST", "kembang.load.test")

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM = re.compile(r'<form[^>]*method="post"[^>]*>(.*?)</form>', re.S | re.I)
INPUT = re.compile(r"<input\b[^>]*>", re.I)
SELECT = re.compile(r'<select\b[^>]*name="([^"]+)"[^>]*>(.*?)</select>', re.S | re.I)
OPTION = re.compile(r'<option\b[^>]*value="([^"]*)"([^>]*)>', re.I)
TEXTAREA = re.compile(r'<textarea\b[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', re.S | re.I)
ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')
SESSION_PAGE = re.compile(r"^/sesi/\d+/$")
MESSAGE_ERROR = 40  # django.contrib.messages.constants.ERROR

_next_account = collections.defaultdict(itertools.count)
# Sessions waiting for each coach's initials, shared by the users acting as that coach:
# one process, cooperative greenlets, so a pop is never taken twice.
# KEMBANG_LOAD_PART=i/n: this run takes the i-th of n shares, so runs one after another
# never initial the same session twice.
_part, _parts = (int(x) for x in os.environ.get("KEMBANG_LOAD_PART", "0/1").split("/"))
_to_initial = {c["user"]: collections.deque(c.get("to_initial", [])[_part::_parts])
               for c in FIXTURES["coaches"]}


def account(who: str) -> dict:
    """The next person of `who`, round robin: users spread over the people."""
    people = FIXTURES[who]
    return people[next(_next_account[who]) % len(people)]


def form_fields(page: str, having: str) -> dict[str, str]:
    """What the browser would send from the page's POST form that has a field named
    `having` (the page has others: the language switch, logging out): inputs with their
    values, each select's chosen (else first) option, textareas' text."""
    body = next((f for f in FORM.findall(page) if f'name="{having}"' in f), "")
    fields: dict[str, str] = {}
    for tag in INPUT.findall(body):
        attrs = dict(ATTR.findall(tag))
        kind = attrs.get("type", "text").lower()
        if "name" not in attrs or kind in {"submit", "button", "file", "reset"}:
            continue
        if kind in {"checkbox", "radio"} and "checked" not in tag:
            continue
        fields[attrs["name"]] = attrs.get("value", "")
    for name, options in SELECT.findall(body):
        values = OPTION.findall(options)
        chosen = [v for v, rest in values if "selected" in rest] or [v for v, _ in values[:1]]
        if chosen:
            fields[name] = chosen[0]
    for name, text in TEXTAREA.findall(body):
        fields[name] = text.strip()
    return fields


def message_levels(response) -> list[int]:
    """The levels of the messages a response leaves in the messages cookie (Django's
    cookie storage: signed, optionally zlib-compressed base64 JSON). The signature is not
    checked: we only read what the server said."""
    levels = []
    for header in response.headers.get_all("set-cookie") or []:
        name, _, rest = header.partition("=")
        if name.strip() != "messages":
            continue
        value = rest.split(";", 1)[0].strip('"')
        payload = value.split(":", 1)[0] if ":" in value else value
        compressed = payload.startswith(".")
        payload = payload.lstrip(".")
        try:
            raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
            data = json.loads(zlib.decompress(raw) if compressed else raw)
        except (ValueError, zlib.error):
            continue
        for item in data if isinstance(data, list) else []:
            if isinstance(item, list) and len(item) >= 3 and item[0] == "__json_message":
                levels.append(item[2])
    return levels


class KembangUser(FastHttpUser):
    abstract = True
    # The server's own limits are what is measured; never the client's pool.
    concurrency = 1

    def on_start(self):
        # Our own CSRF secret in the cookie: Django takes a cookie it did not set, and
        # the form's token is then derived from it, as after the browser's first visit.
        self.csrf_secret = secrets.token_hex(16)
        self.forwarded_for = f"10.{random.randrange(256)}.{random.randrange(256)}.1"

    def headers(self, person: dict | None, post: bool = False) -> dict[str, str]:
        cookies = [f"csrftoken={self.csrf_secret}"]
        if person is not None:
            cookies.append(f"sessionid={person['cookie']}")
        headers = {"Host": HOST, "X-Forwarded-Proto": "https",
                   "X-Forwarded-For": self.forwarded_for, "Cookie": "; ".join(cookies)}
        if post:
            headers["Origin"] = f"https://{HOST}"
            headers["Referer"] = f"https://{HOST}/"
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return headers

    def get_page(self, key: str) -> str | None:
        who, path, label = PAGES[key]
        person = account(who) if who else None
        with self.client.get(path, name=label, headers=self.headers(person),
                             allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} "
                                 f"(Location: {response.headers.get('location', '-')})")
                return None
            return response.text

    def log_session(self) -> None:
        """The employee opens the session form of their program and submits it: the GET
        and the POST as the browser sends them, the form's own CSRF token included."""
        person = account("employees")
        path = f"/program/{person['program']}/sesi/baru/"
        with self.client.get(path, name="log a session: form", headers=self.headers(person),
                             allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200 or not CSRF_INPUT.search(response.text or ""):
                response.failure(f"{response.status_code}, no form")
                return
            fields = form_fields(response.text, having="topic")
        fields |= {"topic": "Uji beban: diskusi kasus", "scope": "nasional", "submit": "1"}
        with self.client.post(path, name="log a session: submit", data=fields,
                              headers=self.headers(person, post=True),
                              allow_redirects=False, catch_response=True) as response:
            location = response.headers.get("location", "")
            if response.status_code != 302 or not SESSION_PAGE.match(location):
                # 200 is the form again: it was refused (errors on the page).
                response.failure(f"{response.status_code} (Location: {location or '-'})")
            elif MESSAGE_ERROR in message_levels(response):
                response.failure("refused (error message)")

    def initial(self) -> None:
        """The coach initials the next session waiting for them (the button on their home
        page posts to the session's action with `next=/`)."""
        person = account("coaches")
        waiting = _to_initial[person["user"]]
        if not waiting:
            self.get_page("home_coach")  # nothing left to initial: they look at the queue
            return
        session_id = waiting.popleft()
        with self.client.post(f"/sesi/{session_id}/paraf/", name="initial a session (coach)",
                              data={"csrfmiddlewaretoken": self.csrf_secret, "next": "/"},
                              headers=self.headers(person, post=True),
                              allow_redirects=False, catch_response=True) as response:
            if response.status_code != 302:
                response.failure(f"{response.status_code}")
            elif MESSAGE_ERROR in message_levels(response):
                response.failure("refused (error message)")


if SCENARIO.startswith("page:"):
    PAGE = SCENARIO.split(":", 1)[1]
    if PAGE not in PAGES:
        raise SystemExit(f"unknown page {PAGE!r}; one of {', '.join(PAGES)}")

    class PageUser(KembangUser):
        """Closed loop: the next request as soon as the answer is in."""
        wait_time = constant(0)

        @task
        def page(self):
            self.get_page(PAGE)

else:
    ACTIONS, WEIGHTS = zip(*MIX.items(), strict=True)

    class MixedUser(KembangUser):
        """Open loop: one action every PACING seconds on a fixed schedule, each user at
        its own random phase, so the arrivals are spread evenly from the first second on.
        Not locust's constant_pacing: it runs a user's first two actions back to back,
        and users started in the same batch (locust starts them once a second) keep
        arriving together — at 25 a second, 25 requests at once and a queue behind them."""

        def on_start(self):
            super().on_start()
            gevent.sleep(random.uniform(0, PACING))
            self.next_at = time.monotonic() + PACING

        def wait_time(self):
            now = time.monotonic()
            if now > self.next_at:  # the last action overran its slot: start at once
                self.next_at = now
            wait, self.next_at = self.next_at - now, self.next_at + PACING
            return wait

        @task
        def act(self):
            action = random.choices(ACTIONS, WEIGHTS)[0]
            if action == "log_session":
                self.log_session()
            elif action == "initial":
                self.initial()
            else:
                self.get_page(action)

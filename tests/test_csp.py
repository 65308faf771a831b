"""Every response carries the Content-Security-Policy and the Permissions-Policy, and the
templates hold nothing that policy would refuse: no on*= handlers, no style= attributes,
no inline <script> or <style>, no javascript: links, no hx-on attributes (htmx evaluates
them as code, which the policy's script-src without 'unsafe-eval' blocks)."""

import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.urls import reverse

from kembang.common.middleware import CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY

TEMPLATES = Path(__file__).resolve().parent.parent / "kembang" / "templates"


def assert_security_headers(response):
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_the_policy_is_strict():
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY
    for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
        assert f"{feature}=()" in PERMISSIONS_POLICY


@pytest.mark.django_db
@pytest.mark.parametrize("path", [
    "/akun/masuk/",             # a page for anyone
    "/",                        # a redirect to the login page
    "/tidak-ada/",              # a 404
    "/api/me",                  # the API's JSON 401
    "/static/kembang/kembang.css",
])
def test_anonymous_responses_carry_the_security_headers(client, path):
    assert_security_headers(client.get(path))


@pytest.mark.django_db
def test_pages_partials_and_posts_carry_the_security_headers(client_for, hr_admin, unit_a):
    client = client_for(hr_admin)
    assert_security_headers(client.get(reverse("home")))
    assert_security_headers(client.get(reverse("organisation:employee_list"),
                                       headers={"HX-Request": "true"}))
    assert_security_headers(client.post(reverse("set_language"), {"language": "en"}))


@pytest.mark.parametrize("debug", [False, True])
def test_htmx_script_tag_emits_only_external_scripts(settings, debug):
    settings.DEBUG = debug
    html = Template("{% load django_htmx %}{% htmx_script %}").render(Context())
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S)
    assert scripts
    assert all(body.strip() == "" for body in scripts)
    assert len(re.findall(r"<script\b[^>]*\bsrc=", html)) == len(scripts)


# What the policy refuses in a template, by a name for the failure message.
REFUSED = {
    "inline event handler": re.compile(r"\son[a-z]+\s*=", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "inline <style>": re.compile(r"<style\b", re.I),
    "inline <script>": re.compile(r"<script\b(?![^>]*\ssrc=)[^>]*>", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "hx-on attribute": re.compile(r"\s(data-)?hx-on", re.I),
}


def template_files():
    return sorted(p for p in TEMPLATES.rglob("*") if p.is_file())


def test_the_template_walk_finds_the_templates():
    names = {p.relative_to(TEMPLATES).as_posix() for p in template_files()}
    assert {"base.html", "learning/validation_queue.html", "imports/_progress.html"} <= names


@pytest.mark.parametrize("kind, pattern", list(REFUSED.items()), ids=list(REFUSED))
def test_no_template_holds_what_the_policy_refuses(kind, pattern):
    found = [f"{p.relative_to(TEMPLATES)}:{text[:m.start()].count(chr(10)) + 1}"
             for p in template_files()
             for text in [p.read_text(encoding="utf-8")]
             for m in pattern.finditer(text)]
    assert not found, f"{kind} in {found}"


@pytest.mark.parametrize("kind, sample", [
    ("inline event handler", '<button onclick="window.print()">'),
    ("inline event handler", '<select class="x" onchange="this.form.submit()">'),
    ("style attribute", '<td style="padding-left: 1rem">'),
    ("inline <script>", "<script>alert(1)</script>"),
    ("inline <script>", '<script type="module">'),
])
def test_the_patterns_catch_what_they_name(kind, sample):
    assert REFUSED[kind].search(sample)


@pytest.mark.parametrize("sample", [
    '<script src="/static/kembang/kembang.js"></script>',
    '<input data-select-all="session">',
    '<div data-progress="40">',
    '<button data-print>',
])
def test_the_patterns_pass_what_the_policy_allows(sample):
    assert not any(pattern.search(sample) for pattern in REFUSED.values())

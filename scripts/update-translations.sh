#!/bin/sh
# Regenerate Kembang's English catalogue and compile it.
#
# The msgids are the Indonesian strings in the code and templates; English lives in
# kembang/locale/en/LC_MESSAGES/django.po (settings.LOCALE_PATHS). This script
#   1. runs `makemessages -l en` over the kembang package: new strings are added with an
#      empty msgstr, existing translations are kept (msgmerge), changed strings come back
#      marked fuzzy with the old translation as a suggestion, and strings no longer in the
#      code are dropped (--no-obsolete);
#   2. compiles django.po into django.mo next to it (the .mo is committed, so a fresh
#      clone needs no gettext tools at runtime);
#   3. lists what still needs translating.
# Then translate the empty/fuzzy entries (remove the "#, fuzzy" line once checked), run
# this script again and commit both django.po and django.mo. tests/test_i18n.py fails
# while any entry is untranslated or fuzzy.
#
# Usage: scripts/update-translations.sh        (from any directory)
# Needs GNU gettext (xgettext, msgmerge, msgfmt): apt-get install gettext.
# PYTHON=/path/to/python overrides the interpreter (default: .venv/bin/python).
set -eu

cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
PO=kembang/locale/en/LC_MESSAGES/django.po

for tool in xgettext msgmerge msgfmt; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "$tool not found: install GNU gettext (apt-get install gettext)." >&2
    exit 1
  }
done

mkdir -p kembang/locale/en/LC_MESSAGES
"$PY" manage.py makemessages -l en --no-obsolete \
  --ignore=.venv --ignore=var --ignore="*/tests/*" --ignore=tests --ignore=bench --ignore=build
"$PY" manage.py compilemessages -l en --ignore=.venv --ignore=var

msgfmt --statistics -o /dev/null "$PO"
# Untranslated or fuzzy entries, if any, for the translator.
todo=$( { msgattrib --untranslated --no-wrap "$PO"; msgattrib --only-fuzzy --no-wrap "$PO"; } \
  | grep '^msgid "' | grep -v '^msgid ""$' || true)
if [ -n "$todo" ]; then
  echo "Still to translate in $PO (untranslated or fuzzy):" >&2
  printf '%s\n' "$todo" >&2
fi

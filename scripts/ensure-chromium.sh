#!/usr/bin/env bash
# Browser tests drive Debian's chromium (never a downloaded browser). Install it when it is
# missing and we can; otherwise say clearly that browser tests will be skipped.
set -u
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests…"
  if apt-get update -qq >/dev/null 2>&1 && \
     DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1; then
    exit 0
  fi
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  if sudo -n apt-get update -qq >/dev/null 2>&1 && \
     sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1; then
    exit 0
  fi
fi
echo "chromium is not available and could not be installed: browser tests will be SKIPPED."
exit 0

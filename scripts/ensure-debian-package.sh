#!/usr/bin/env bash
# Install a Debian package the tests need when its command is missing and we can (root
# or password-less sudo, with apt-get); otherwise say so. Never fails by itself: the
# caller decides whether going on without it is acceptable.
#   scripts/ensure-debian-package.sh COMMAND PACKAGE "what it is for"
set -u
command_name="$1" package="$2" purpose="$3"
if command -v "$command_name" >/dev/null 2>&1; then
  exit 0
fi
install() {
  "$@" apt-get update -qq >/dev/null 2>&1 &&
    "$@" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "$package" >/dev/null 2>&1
}
echo "Installing Debian's $package ($purpose)…"
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  install && exit 0
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  install sudo -n && exit 0
fi
echo "$package is not available and could not be installed ($purpose)."
exit 0

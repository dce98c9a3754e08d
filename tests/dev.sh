#!/bin/sh
# dev.sh — from a fresh Debian 12 machine to a running Thordesk, or to a
# green test suite, in one command.
#
#   tests/dev.sh run [THORDESK OPTIONS...]   install what is missing, build, start the app
#   tests/dev.sh test [MESON TEST OPTIONS...] install what is missing, build, run every test,
#                                             then the core tests again under the sanitizers
#
# Packages are installed with apt-get (through sudo when not root), and
# only those that are missing.  The build goes to _build/, the sanitizer
# build (AddressSanitizer, UndefinedBehaviorSanitizer) to _build-asan/.
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

cd "$(dirname "$0")/.."

builddir=${THORDESK_BUILDDIR:-_build}
# The core tests run a second time in a build with AddressSanitizer and
# UndefinedBehaviorSanitizer.
asan_builddir=${THORDESK_ASAN_BUILDDIR:-_build-asan}

# What Thordesk needs to build, run and be tested headless, all from
# Debian 12.  Not dbus-x11: with it, GLib starts stray session buses.
packages="
  gcc pkg-config meson ninja-build gettext python3
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libsoup-3.0-dev libjson-glib-dev libsecret-1-dev
  desktop-file-utils appstream yelp-tools itstool
  xvfb xauth dbus gnome-keyring libsecret-tools at-spi2-core
  xdotool python3-pyatspi gir1.2-atspi-2.0 orca
  xclip libx11-dev
  iso-codes tinyproxy openssl
  libreoffice-calc-nogui
"

install_missing () {
  missing=
  for package in $packages; do
    if ! dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null | grep -q '^install ok installed$'; then
      missing="$missing $package"
    fi
  done

  [ -n "$missing" ] || return 0

  echo "Installing:$missing"
  sudo=
  if [ "$(id -u)" != 0 ]; then
    sudo=sudo
  fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
}

build () {
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir"
  fi
  meson compile -C "$builddir"
}

# Only configured here: meson test builds what the tests it runs need.
setup_asan () {
  if [ ! -f "$asan_builddir/build.ninja" ]; then
    meson setup "$asan_builddir" -Db_sanitize=address,undefined -Db_lundef=false
  fi
}

# Prints "N passed, N failed" for the last run in each build folder given,
# counted from meson's logs (a folder without a log counts nothing).
summary () {
  python3 - "$@" <<'PY'
import json, os, sys
passed = failed = skipped = 0
for builddir in sys.argv[1:]:
    path = os.path.join(builddir, "meson-logs", "testlog.json")
    if not os.path.exists(path):
        continue
    with open(path) as log:
        for line in log:
            result = json.loads(line).get("result")
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
}

command=${1:-}
[ $# -gt 0 ] && shift

case "$command" in
  run)
    install_missing
    build
    exec meson devenv -C "$builddir" -w . "$builddir/src/thordesk" "$@"
    ;;
  test)
    install_missing
    build
    status=0
    meson test -C "$builddir" --print-errorlogs "$@" || status=$?
    # The core tests and the fuzz corpus replays again, under the
    # sanitizers (tests/fuzz/README.md).
    rm -f "$asan_builddir/meson-logs/testlog.json"
    setup_asan || status=$?
    meson test -C "$asan_builddir" --suite core --print-errorlogs || status=$?
    summary "$builddir" "$asan_builddir"
    exit $status
    ;;
  *)
    echo "usage: tests/dev.sh run [thordesk options] | tests/dev.sh test [meson test options]" >&2
    exit 2
    ;;
esac

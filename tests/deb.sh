#!/bin/sh
# deb.sh — builds the Debian package of Thordesk, checks it with lintian,
# installs it with apt and removes it again, checking that nothing stays.
#
#   tests/deb.sh            build, lintian, install, run, remove
#   tests/deb.sh --build    build and lintian only (nothing installed)
#
# On Debian 12, as root or with sudo.  It installs what the build needs
# (debhelper, lintian and the build dependencies of debian/control), builds
# from a copy of the committed tree (git archive, so that nothing local
# leaks into the package) in a temporary folder, and leaves
# thordesk_<version>_<arch>.deb in _deb/.  Not part of tests/dev.sh test:
# a package build takes minutes.
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

cd "$(dirname "$0")/.."
top=$PWD
out=$top/_deb

sudo=
[ "$(id -u)" = 0 ] || sudo=sudo

say () { printf '== %s\n' "$*"; }

build_deps=$(sed -n '/^Build-Depends:/,/^[A-Z]/p' debian/control \
  | sed -e '1s/^Build-Depends://' -e '/^[A-Z]/d' \
  | tr ',' '\n' | sed -e 's/([^)]*)//g' -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' \
  | grep -v '^$' | tr '\n' ' ')
# debhelper-compat is provided by debhelper.
build_deps=$(echo "$build_deps" | sed 's/debhelper-compat/debhelper/')

missing=
for package in $build_deps dpkg-dev lintian fakeroot; do
  dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null | grep -q '^install ok installed$' \
    || missing="$missing $package"
done
if [ -n "$missing" ]; then
  say "Installing:$missing"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/thordesk"
git archive HEAD | tar -x -C "$work/thordesk"

say "Building the package"
(cd "$work/thordesk" && dpkg-buildpackage -us -uc -b)

mkdir -p "$out"
rm -f "$out"/thordesk_*.deb
cp "$work"/thordesk_*.deb "$out"/
deb=$(ls "$out"/thordesk_*.deb)
say "Built $deb"

say "lintian"
# Errors fail the script; warnings are printed (and explained in the
# commit that added debian/ when they are expected).
lintian --fail-on error --info "$work"/thordesk_*.changes

[ "${1:-}" = --build ] && exit 0

say "Installing with apt"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb"
test -x /usr/bin/thordesk
/usr/bin/thordesk --version
files=$(dpkg -L thordesk | while read -r path; do [ -f "$path" ] && echo "$path"; done)
echo "$files" | grep -q '^/usr/share/applications/io.github.thordesk.Thordesk.desktop$'
echo "$files" | grep -q '^/usr/share/metainfo/io.github.thordesk.Thordesk.metainfo.xml$'
echo "$files" | grep -q '^/usr/share/glib-2.0/schemas/io.github.thordesk.Thordesk.gschema.xml$'
echo "$files" | grep -q '^/usr/share/locale/de/LC_MESSAGES/thordesk.mo$'

say "Removing with apt"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get remove -y -q thordesk
left=
for path in $files; do
  [ -e "$path" ] && left="$left $path"
done
if [ -n "$left" ]; then
  echo "deb.sh: left behind after apt remove:$left" >&2
  exit 1
fi
if [ -e /usr/bin/thordesk ]; then
  echo "deb.sh: /usr/bin/thordesk is still there" >&2
  exit 1
fi
say "Installed and removed cleanly"

#!/bin/bash
# screenshot.sh — a picture of the real window, to look at translations,
# right-to-left layout, narrow widths, high contrast and large text:
#
#   tests/headless-run.sh tests/screenshot.sh OUT.png [WIDTH [HEIGHT]]
#
# with, in the environment (all optional):
#
#   LANGUAGE=de                 the language (LC_ALL=C.UTF-8 is enough:
#                               gettext honours LANGUAGE unless LC_ALL is C)
#   THORDESK_LOCALEDIR=_build/po  the catalogues of a build tree
#   THORDESK_TEXT_SCALE=1.5     text scaling, as GNOME's "Large Text" does
#                               (through xsettingsd, which must be installed)
#   ADW_DEBUG_HIGH_CONTRAST=1   libadwaita's high-contrast style
#   THORDESK_SHOT_MESSAGES=1    type invalid values first, so that the
#                               validation messages are on screen
#
# It starts thordesk --sandbox from THORDESK_BUILD_ROOT (default: _build),
# resizes its window, and saves the window alone.  Needs xdotool and
# imagemagick (import).  GTK_THEME=Adwaita:hc is not libadwaita's high
# contrast (it drops libadwaita's own style sheet): ADW_DEBUG_HIGH_CONTRAST
# gives what GNOME's High Contrast switch gives.  Not a test: what it
# shows must be looked at.
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

out=${1:?usage: screenshot.sh OUT.png [WIDTH [HEIGHT]]}
width=${2:-560}
height=${3:-760}
build=${THORDESK_BUILD_ROOT:-$(dirname "$0")/../_build}

export LC_ALL=${LC_ALL:-C.UTF-8}
export GSETTINGS_BACKEND=${GSETTINGS_BACKEND:-memory}
export GSETTINGS_SCHEMA_DIR=${GSETTINGS_SCHEMA_DIR:-$build/data}

helpers=
trap 'kill $helpers 2>/dev/null || true' EXIT

if [ -n "${THORDESK_TEXT_SCALE:-}" ]; then
  # What GNOME's text scaling does: an XSETTINGS manager announces
  # Xft/DPI = 96 × scale (in 1024ths).  GTK 4.8 on X11 takes the DPI
  # from XSETTINGS only (not from settings.ini, and it has no
  # GDK_DPI_SCALE); xsettingsd is the smallest such manager.
  command -v xsettingsd >/dev/null \
    || { echo "screenshot.sh: THORDESK_TEXT_SCALE needs xsettingsd" >&2; exit 1; }
  dpi=$(awk -v s="$THORDESK_TEXT_SCALE" 'BEGIN { printf "%d", 96 * s * 1024 }')
  printf 'Xft/DPI %s\n' "$dpi" > "$XDG_RUNTIME_DIR/xsettingsd.conf"
  xsettingsd -c "$XDG_RUNTIME_DIR/xsettingsd.conf" >/dev/null 2>&1 &
  helpers="$helpers $!"
  sleep 0.5
fi

if [ "${THORDESK_SHOT_MESSAGES:-0}" = 1 ]; then
  # GTK joins the accessibility bus at start-up only if it is there.
  /usr/bin/python3 -c 'import pyatspi; pyatspi.Registry.getDesktop(0)' 2>/dev/null
fi

"$build/src/thordesk" --sandbox >/dev/null 2>&1 &
app=$!
helpers="$helpers $app"

window=$(timeout 30 xdotool search --sync --onlyvisible --pid "$app" | head -n 1) || true
[ -n "$window" ] || { echo "screenshot.sh: no window from $build/src/thordesk" >&2; exit 1; }
xdotool windowfocus --sync "$window"
xdotool windowsize --sync "$window" "$width" "$height" || true

if [ "${THORDESK_SHOT_MESSAGES:-0}" = 1 ]; then
  # Through AT-SPI, whatever the language and layout: the form's text
  # fields in order (username, password, traffic limit) get invalid values.
  /usr/bin/python3 - "$app" <<'PY'
import sys, time
import pyatspi
pid = int(sys.argv[1])
for _ in range(200):
    apps = [a for a in pyatspi.Registry.getDesktop(0) if a is not None and a.get_process_id() == pid]
    if apps and apps[0].childCount:
        break
    time.sleep(0.1)
fields = pyatspi.findAllDescendants(apps[0], lambda n: n.getRole() == pyatspi.ROLE_TEXT)
for field, value in zip(fields, ["a b", "abc", "9x"]):
    field.queryEditableText().setTextContents(value)
PY
fi

# Let the last frame (and any transition) be drawn; a window caught
# before its first frame is blank (one or two colours): take it again.
sleep 1.5
for _ in 1 2 3 4 5 6 7 8 9 10; do
  import -window "$window" "$out"
  [ "$(identify -format %k "$out")" -gt 16 ] && break
  sleep 0.5
done
echo "$out: ${width}x${height}, LANGUAGE=${LANGUAGE:-}, scale=${THORDESK_TEXT_SCALE:-1}," \
     "high contrast=${ADW_DEBUG_HIGH_CONTRAST:-0}"

#!/bin/bash
# screenshot.sh — pictures of the real window, to look at translations,
# right-to-left layout, narrow widths, high contrast and large text, and
# to make the AppStream screenshots (tests/appstream-screenshots.sh):
#
#   tests/headless-run.sh tests/screenshot.sh OUT.png [WIDTH [HEIGHT]]
#   tests/headless-run.sh tests/screenshot.sh DIR/ [WIDTH [HEIGHT]]
#
# OUT.png gets one page (THORDESK_SHOT_PAGE, the Create page unless
# told); a folder (an existing one, or a name ending in /) gets one
# picture of every page, DIR/create.png, users.png, import.png,
# endpoints.png and account.png, all from one run of the app.  Each page
# shows what a user would see in the sandbox: the Create page after a
# user was created; Import with tests/screenshot-users.csv pasted (nine
# rows, one of them with a password too short); Users once those rows
# are created; Endpoints with one of them chosen; the sandbox's Account.
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
#                               validation messages are on screen (Create)
#   THORDESK_SHOT_PAGE=users    the page of OUT.png: create, users, import,
#                               endpoints or account
#   THORDESK_SHOT_PAGES="users account"  the pages of DIR/ (all unless told)
#   THORDESK_SHOT_SCROLL=13     mouse-wheel steps down the Endpoints page, to
#                               its endpoints (fewer for a taller window)
#
# It starts thordesk --sandbox from THORDESK_BUILD_ROOT (default: _build),
# resizes its window, drives it through the keyboard (Tab, Alt+N,
# Ctrl+F, typed ASCII: the same in any language), and saves the window
# alone.  Needs xdotool, xclip and imagemagick (import);
# THORDESK_SHOT_MESSAGES needs python3-pyatspi too.  GTK_THEME=Adwaita:hc
# is not libadwaita's high contrast (it drops libadwaita's own style
# sheet): ADW_DEBUG_HIGH_CONTRAST gives what GNOME's High Contrast switch
# gives.  Not a test: what it shows must be looked at.
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

out=${1:?usage: screenshot.sh OUT.png|DIR/ [WIDTH [HEIGHT]]}
width=${2:-560}
height=${3:-760}
here=$(dirname "$0")
build=${THORDESK_BUILD_ROOT:-$here/../_build}
all_pages="create users import endpoints account"

if [ -d "$out" ] || [ "${out%/}" != "$out" ]; then
  mkdir -p "$out"
  dir=${out%/}
  pages=${THORDESK_SHOT_PAGES:-$all_pages}
else
  dir=
  pages=${THORDESK_SHOT_PAGE:-create}
fi
for page in $pages; do
  case " $all_pages " in
    *" $page "*) ;;
    *) echo "screenshot.sh: no page called $page (pages: $all_pages)" >&2; exit 1 ;;
  esac
done

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

# Sets the window's first text fields, in their order, through AT-SPI:
# whatever the language and layout.
fill () {
  /usr/bin/python3 - "$app" "$@" <<'PY'
import sys, time
import pyatspi
pid = int(sys.argv[1])
for _ in range(200):
    apps = [a for a in pyatspi.Registry.getDesktop(0) if a is not None and a.get_process_id() == pid]
    if apps and apps[0].childCount:
        break
    time.sleep(0.1)
fields = pyatspi.findAllDescendants(apps[0], lambda n: n.getRole() == pyatspi.ROLE_TEXT)
for field, value in zip(fields, sys.argv[2:]):
    field.queryEditableText().setTextContents(value)
PY
}

key () {
  xdotool key --clearmodifiers "$@"
  sleep 0.3
}

# Types into the focused field: ASCII text, the same on any layout.
type_text () {
  xdotool type --delay 30 "$1"
  sleep 0.3
}

# Takes the window once its last frame (and any transition) is drawn; a
# window caught before its first frame is blank (one or two colours):
# take it again.
shoot () {
  sleep 1.5
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    import -window "$window" "$1"
    [ "$(identify -format %k "$1")" -gt 16 ] && break
    sleep 0.5
  done
  echo "$1: ${width}x${height}, LANGUAGE=${LANGUAGE:-}, scale=${THORDESK_TEXT_SCALE:-1}," \
       "high contrast=${ADW_DEBUG_HIGH_CONTRAST:-0}"
}

target () {
  if [ -n "$dir" ]; then echo "$dir/$1.png"; else echo "$out"; fi
}

wants () {
  case " $pages " in *" $1 "*) return 0 ;; *) return 1 ;; esac
}

# The pages are made in this order whatever was asked, since each one
# leaves what the next shows: Create makes a user, Import the others.
sleep 1
if wants create; then
  if [ "${THORDESK_SHOT_MESSAGES:-0}" = 1 ]; then
    # The form's text fields in order (username, password, traffic
    # limit) get invalid values.
    fill "a b" "abc" "9x"
  else
    # From the proxy type (the page's first field) on through Tab,
    # whatever the language: username, password, then the limit past
    # the password's two buttons.
    key alt+1
    key Tab
    type_text alice2026
    key Tab
    type_text Wd4rTy8kMn
    key Tab Tab Tab
    type_text 10
    key ctrl+Return
    # Past the toast "created" (4 s), which would hide the form.
    sleep 5
  fi
  shoot "$(target create)"
fi

if wants import || wants users || wants endpoints; then
  # The sample goes through the clipboard (xclip serves it until the
  # end); Ctrl+V on the Import page pastes it as cells from a spreadsheet.
  xclip -quiet -selection clipboard -t text/plain -i "$here/screenshot-users.csv" >/dev/null 2>&1 &
  helpers="$helpers $!"
  sleep 0.5
  key alt+3
  sleep 1
  key ctrl+v
  sleep 2
  if wants import; then
    shoot "$(target import)"
  fi
  key ctrl+Return
  sleep 3
fi

if wants users; then
  key alt+2
  # F5: the list again, in case it was read before the import ended.
  key F5
  sleep 1
  shoot "$(target users)"
fi

if wants endpoints; then
  key alt+4
  sleep 1
  type_text salesberlin
  # Find (Ctrl+F) goes to the country code; then down to the endpoint.
  key ctrl+f
  type_text de
  sleep 1
  xdotool mousemove --window "$window" $((width / 2)) $((height / 2)) \
    click --repeat "${THORDESK_SHOT_SCROLL:-13}" --delay 100 5
  shoot "$(target endpoints)"
fi

if wants account; then
  key alt+5
  sleep 1
  shoot "$(target account)"
fi

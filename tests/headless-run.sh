#!/bin/bash
# headless-run.sh
#
# Copyright 2026 The Thordesk authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs one command (a test binary and its arguments) in a private world:
#
#   - its own Xvfb server (1280x1024x24, no TCP, no reset when its last
#     client leaves), found with -displayfd so that tests running in
#     parallel never race for a display number, and answering a client
#     before the command starts;
#   - its own D-Bus session bus (dbus-run-session), started WITHOUT
#     $DISPLAY so that a keyring prompt fails at once instead of waiting
#     for ever on a dialog nobody sees;
#   - fresh XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_CACHE_HOME, XDG_STATE_HOME
#     and a 0700 XDG_RUNTIME_DIR, all under one temporary folder which is
#     exported as THORDESK_TEST_TMPDIR (so a test can scan its files) and
#     removed afterwards;
#   - a gnome-keyring-daemon (secrets component) whose "login" collection
#     is created, unlocked, with the password "thordesk-test" and is the
#     "default" alias.
#
# Only the command's standard output reaches the caller's standard output
# (meson parses TAP from it); the bus and the daemons write elsewhere.
# The command's exit status is the script's exit status.
#
# Knobs, for tests that need a different world:
#
#   THORDESK_TEST_NO_KEYRING=1
#       The bus runs but no Secret Service is on it, and none can be
#       activated (the bus is started with a configuration that has no
#       service directory).  libsecret then fails with
#       G_DBUS_ERROR_SERVICE_UNKNOWN.
#
#   THORDESK_TEST_LOCKED_KEYRING=1
#       The keyring is started as usual, then the login collection is
#       locked by this script (org.freedesktop.Secret.Service.Lock) before
#       the command runs.  A test can also lock it itself, through
#       secret_service_lock(), in the normal world.
#
# Everything the script starts is stopped on exit, failure or signal: the
# keyring daemon by its pid (asked from the bus), Xvfb, then the folder.

set -eu

readonly self=$(readlink -f "$0")
readonly password=thordesk-test
readonly secrets_name=org.freedesktop.secrets
readonly secrets_path=/org/freedesktop/secrets
readonly login_path=/org/freedesktop/secrets/collection/login
# Upper bound for every wait, in tenths of a second.
readonly wait_limit=200

die () {
  echo "headless-run.sh: $*" >&2
  if [ -s "${THORDESK_TEST_TMPDIR:-/nonexistent}/gdbus.log" ]; then
    tail -n 5 "$THORDESK_TEST_TMPDIR/gdbus.log" >&2
  fi
  exit 125
}

# Waits until process $1 is gone; a zombie counts as gone (orphans are
# reaped late here).  Sends SIGKILL if SIGTERM was not enough.
stop_pid () {
  local pid=$1 i state

  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < wait_limit; i++)); do
    state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null) || return 0
    [ "$state" = Z ] && return 0
    [ "$i" = 50 ] && kill -KILL "$pid" 2>/dev/null
    sleep 0.05
  done
  echo "headless-run.sh: process $pid did not stop" >&2
}

# ---------------------------------------------------------------- inner
# Runs inside dbus-run-session: $THORDESK_TEST_TMPDIR is set, stdout is
# /dev/null and fd 3 is the caller's real stdout.

keyring_pid=
child=

inner_cleanup () {
  if [ -n "$child" ]; then
    stop_pid "$child"
  fi
  if [ -n "$keyring_pid" ]; then
    stop_pid "$keyring_pid"
  fi
}

# gdbus with only its answer on stdout: GLib prints debug messages on
# stdout when G_MESSAGES_DEBUG is set; errors go to a log.
quiet_gdbus () {
  env -u G_MESSAGES_DEBUG gdbus "$@" 2>>"$THORDESK_TEST_TMPDIR/gdbus.log" 3>&-
}

secrets_call () {
  quiet_gdbus call --session --dest "$secrets_name" "$@"
}

start_keyring () {
  local i out

  printf '%s' "$password" \
    | gnome-keyring-daemon --unlock --components=secrets \
        >/dev/null 2>>"$THORDESK_TEST_TMPDIR/keyring.log" 3>&- \
    || { cat "$THORDESK_TEST_TMPDIR/keyring.log" >&2;
         die "gnome-keyring-daemon did not start"; }

  quiet_gdbus wait --session --timeout 20 "$secrets_name" \
    || die "$secrets_name never appeared on the session bus"

  out=$(quiet_gdbus call --session --dest org.freedesktop.DBus \
          --object-path /org/freedesktop/DBus \
          --method org.freedesktop.DBus.GetConnectionUnixProcessID \
          "$secrets_name") \
    || die "cannot ask the bus for the keyring daemon's pid"
  keyring_pid=$(sed -n 's/^(uint32 \([0-9]*\),)$/\1/p' <<< "$out")
  [ -n "$keyring_pid" ] || die "unexpected answer for the keyring's pid: $out"

  # --unlock returns before the login collection exists.
  for ((i = 0; i < wait_limit; i++)); do
    out=$(secrets_call --object-path "$secrets_path" \
            --method org.freedesktop.Secret.Service.ReadAlias default) || true
    [ "$out" = "(objectpath '$login_path',)" ] && return 0
    sleep 0.1
  done
  die "the keyring's default collection never became $login_path (last answer: $out)"
}

lock_keyring () {
  local i out

  secrets_call --object-path "$secrets_path" \
    --method org.freedesktop.Secret.Service.Lock "['$login_path']" >/dev/null \
    || die "cannot lock the login collection"
  for ((i = 0; i < wait_limit; i++)); do
    out=$(secrets_call --object-path "$login_path" \
            --method org.freedesktop.DBus.Properties.Get \
            org.freedesktop.Secret.Collection Locked) || true
    [ "$out" = "(<true>,)" ] && return 0
    sleep 0.1
  done
  die "the login collection never became locked (last answer: $out)"
}

inner () {
  local status=0

  trap inner_cleanup EXIT
  trap 'exit 143' TERM
  trap 'exit 130' INT
  trap 'exit 129' HUP
  echo $$ > "$THORDESK_TEST_TMPDIR/inner.pid"

  export XDG_DATA_HOME=$THORDESK_TEST_TMPDIR/data
  export XDG_CONFIG_HOME=$THORDESK_TEST_TMPDIR/config
  export XDG_CACHE_HOME=$THORDESK_TEST_TMPDIR/cache
  export XDG_STATE_HOME=$THORDESK_TEST_TMPDIR/state
  export XDG_RUNTIME_DIR=$THORDESK_TEST_TMPDIR/runtime

  if [ "${THORDESK_TEST_NO_KEYRING:-0}" != 1 ]; then
    start_keyring
    if [ "${THORDESK_TEST_LOCKED_KEYRING:-0}" = 1 ]; then
      lock_keyring
    fi
  fi

  # In the background so that a TERM from the test runner is handled at
  # once; stdin is passed on explicitly (a background job gets /dev/null).
  DISPLAY=$THORDESK_TEST_DISPLAY "$@" <&0 >&3 3>&- &
  child=$!
  wait "$child" || status=$?
  child=
  exit "$status"
}

# ---------------------------------------------------------------- outer

tmpdir=
xvfb_pid=
session_pid=

outer_cleanup () {
  local inner_pid

  # Only after a signal: let the inner part stop the test and the keyring
  # while the bus is still there, then stop the bus.
  if [ -n "$session_pid" ]; then
    inner_pid=$(cat "$tmpdir/inner.pid" 2>/dev/null) || inner_pid=
    if [ -n "$inner_pid" ]; then
      stop_pid "$inner_pid"
    fi
    stop_pid "$session_pid"
  fi
  if [ -n "$xvfb_pid" ]; then
    stop_pid "$xvfb_pid"
  fi
  if [ -n "$tmpdir" ]; then
    rm -rf "$tmpdir"
  fi
}

outer () {
  local status=0 display= i config=

  [ $# -gt 0 ] || die "usage: headless-run.sh COMMAND [ARGUMENTS...]"

  trap outer_cleanup EXIT
  trap 'exit 143' TERM
  trap 'exit 130' INT
  trap 'exit 129' HUP

  tmpdir=$(mktemp -d "${TMPDIR:-/tmp}/thordesk-test.XXXXXXXX")
  mkdir -p "$tmpdir/data" "$tmpdir/config" "$tmpdir/cache" "$tmpdir/state"
  mkdir -m 0700 "$tmpdir/runtime"

  : > "$tmpdir/display"
  Xvfb -displayfd 4 -screen 0 1280x1024x24 -nolisten tcp -noreset \
    4>"$tmpdir/display" </dev/null >/dev/null 2>"$tmpdir/xvfb.log" &
  xvfb_pid=$!
  for ((i = 0; i < wait_limit; i++)); do
    display=$(cat "$tmpdir/display" 2>/dev/null) || display=
    [[ "$display" =~ ^[0-9]+$ ]] && break
    kill -0 "$xvfb_pid" 2>/dev/null \
      || { cat "$tmpdir/xvfb.log" >&2; die "Xvfb exited"; }
    sleep 0.05
  done
  [[ "$display" =~ ^[0-9]+$ ]] \
    || { cat "$tmpdir/xvfb.log" >&2; die "Xvfb gave no display number"; }

  # The server said its number once it was set up; a client is still
  # made to connect before the test starts, so that a display nobody can
  # reach shows here, named as such.  (One run in about ten saw the app
  # of test-atspi-create fail with "cannot open display" while its Xvfb
  # was running.)
  if command -v xdotool >/dev/null; then
    for ((i = 0; i < wait_limit; i++)); do
      DISPLAY=":$display" xdotool getdisplaygeometry >/dev/null 2>&1 && break
      sleep 0.1
    done
    [ "$i" -lt "$wait_limit" ] \
      || { cat "$tmpdir/xvfb.log" >&2; die "nothing can connect to Xvfb on :$display"; }
    [ "$i" = 0 ] || echo "headless-run.sh: Xvfb on :$display answered after $i tries" >&2
  fi

  if [ "${THORDESK_TEST_NO_KEYRING:-0}" = 1 ]; then
    # A session bus with no service directory, so that nothing (the
    # keyring above all) can be activated on it.
    config=$tmpdir/session.conf
    cat > "$config" <<EOF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:tmpdir=$tmpdir/runtime</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
EOF
  fi

  export THORDESK_TEST_TMPDIR=$tmpdir

  # fd 3 carries the real stdout past dbus-run-session, whose own stdout
  # (and that of every service it activates) goes to /dev/null.  The
  # services the bus activates get the private XDG_RUNTIME_DIR too:
  # without it, the accessibility bus of every test running in parallel
  # would listen on the same ~/.cache/at-spi/bus, and tear it down under
  # the others when its test ends.
  exec 3>&1
  env -u DISPLAY THORDESK_TEST_DISPLAY=":$display" XDG_RUNTIME_DIR="$tmpdir/runtime" \
    dbus-run-session ${config:+--config-file="$config"} -- \
      "$BASH" "$self" --inner "$@" <&0 >/dev/null &
  session_pid=$!
  wait "$session_pid" || status=$?
  session_pid=
  exec 3>&-

  # A failed test says whether its X server was still there, and what the
  # server said: a display that went away is not the test's fault.
  if [ "$status" != 0 ]; then
    if kill -0 "$xvfb_pid" 2>/dev/null; then
      echo "headless-run.sh: exit status $status; Xvfb (:$display) still running" >&2
    else
      echo "headless-run.sh: exit status $status; Xvfb (:$display) had exited" >&2
    fi
    tail -n 20 "$tmpdir/xvfb.log" >&2 2>/dev/null || true
  fi
  exit "$status"
}

if [ "${1-}" = --inner ]; then
  shift
  inner "$@"
else
  outer "$@"
fi

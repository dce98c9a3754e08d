#!/bin/bash
# bench/run.sh
#
# Copyright 2026 The Thordesk authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds Thordesk with -Dbenchmarks=true (optimized, in _build-bench
# unless THORDESK_BENCH_BUILDDIR says otherwise) and runs every benchmark,
# or only those named, each in its own tests/headless-run.sh world (Xvfb,
# private D-Bus session, unlocked gnome-keyring):
#
#   bench/run.sh [startup] [create] [mainloop] [users-view] [busy] [import]
#
# Each benchmark prints medians and ratios against a reference measured in
# the same run.  The figures also go to <builddir>/bench/results.txt.
# The exit status is not about the targets: it is non-zero only when a
# benchmark could not run, or when thordesk made a network or keyring call
# before its first frame.
#
# Knobs: THORDESK_BENCH_RUNS (start-up runs of each program, 10).
#
# Nothing is sent anywhere but 127.0.0.1.

set -euo pipefail

readonly src=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
readonly build=${THORDESK_BENCH_BUILDDIR:-$src/_build-bench}
readonly runs=${THORDESK_BENCH_RUNS:-10}

all=(startup create mainloop users-view busy import)
if [ $# -gt 0 ]; then
  selected=("$@")
else
  selected=("${all[@]}")
fi
for name in "${selected[@]}"; do
  case " ${all[*]} " in
    *" $name "*) ;;
    *) echo "run.sh: unknown benchmark “$name” (known: ${all[*]})" >&2; exit 2 ;;
  esac
done

# What the benchmarks run besides the build: curl (the reference for the
# create benchmark) and dbus-monitor (the keyring witness).
missing=()
command -v curl >/dev/null || missing+=(curl)
command -v dbus-monitor >/dev/null || missing+=(dbus-bin)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "run.sh: please install: ${missing[*]}" >&2
    exit 2
  fi
fi

# Optimized as a distribution builds it, and only what the benchmarks run
# (not the test suite).  Only the build's errors are shown.
targets=(thordesk gsettings-compile-data floor bench-startup bench-create bench-mainloop
         sandbox-server spinner-window td-test-sandbox-server)
if grep -q td-users-page.c "$src/src/meson.build"; then
  targets+=(bench-users-view)
fi
if grep -q td-import-page.c "$src/src/meson.build"; then
  targets+=(bench-import)
fi
# Optimized as a distribution builds it.  Only the build's errors are shown.
build_log=$(mktemp)
if ! { if [ -f "$build/build.ninja" ]; then
         meson configure "$build" -Dbenchmarks=true -Dbuildtype=debugoptimized
       else
         meson setup "$build" "$src" -Dbenchmarks=true -Dbuildtype=debugoptimized
       fi && meson compile -C "$build" "${targets[@]}"; } >"$build_log" 2>&1; then
  grep -E -A5 'ERROR|error:|FAILED' "$build_log" | head -n 40 >&2 || tail -n 20 "$build_log" >&2
  rm -f "$build_log"
  echo "run.sh: the build failed" >&2
  exit 1
fi
rm -f "$build_log"

# The environment of the test suite: the schema from the build tree, no
# proxy from the caller, a fixed locale.  GSettings uses its default
# backend (dconf), as a user's session does.
export GSETTINGS_SCHEMA_DIR=$build/data
export LC_ALL=C.UTF-8
export no_proxy='*' NO_PROXY='*'
export http_proxy= https_proxy= HTTP_PROXY= HTTPS_PROXY=
unset GSK_RENDERER GDK_BACKEND

results=$build/bench/results.txt
headless=$src/tests/headless-run.sh
# The benchmarks run in a pipeline (a subshell): failures are noted here.
failures=$(mktemp)
trap 'rm -f "$failures"' EXIT

machine () {
  local cpu ram
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  ram=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
  echo "Machine: $(nproc) CPUs ($cpu), $ram RAM, Debian $(cat /etc/debian_version)"
  echo "Versions: GTK $(pkg-config --modversion gtk4), libadwaita $(pkg-config --modversion libadwaita-1)," \
       "libsoup $(pkg-config --modversion libsoup-3.0), GLib $(pkg-config --modversion glib-2.0)," \
       "json-glib $(pkg-config --modversion json-glib-1.0), curl $(curl --version | awk 'NR == 1 { print $2 }')"
  echo "Load average before the run: $(cut -d ' ' -f 1-3 /proc/loadavg)"
  echo "Commit: $(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
       "$(git -C "$src" diff --quiet HEAD -- src 2>/dev/null || echo '(with uncommitted changes in src/)')"
  echo
}

run () {
  local name=$1
  shift
  echo "== $name"
  # Warnings of the programs go to stderr; the figures to stdout.
  if ! "$headless" "$@" 2> >(grep -v '^dbus-daemon\[' >&2); then
    echo "run.sh: the $name benchmark failed" >&2
    echo "$name" >> "$failures"
  fi
  echo
}

{
  machine
  for name in "${selected[@]}"; do
    case $name in
      startup)    run startup "$build/bench/bench-startup" --runs "$runs" ;;
      create)     run create "$build/bench/bench-create" ;;
      mainloop)   run mainloop "$build/bench/bench-mainloop" ;;
      users-view)
        if [ -x "$build/bench/bench-users-view" ]; then
          run "users-view (default renderer)" "$build/bench/bench-users-view"
          GSK_RENDERER=cairo run "users-view (cairo)" "$build/bench/bench-users-view"
        else
          echo "== users-view: not built (src/td-users-page.c is not there yet)"
          echo
        fi
        ;;
      import)
        if [ -x "$build/bench/bench-import" ]; then
          # The load average next to these figures too: the run is long.
          echo "Load average before the import benchmark: $(cut -d ' ' -f 1-3 /proc/loadavg)"
          run "import (default renderer)" "$build/bench/bench-import" --rounds "${THORDESK_BENCH_IMPORT_ROUNDS:-1}"
          # The stall depends on the renderer: cairo too (as users-view).
          GSK_RENDERER=cairo run "import (cairo)" "$build/bench/bench-import" \
            --rounds "${THORDESK_BENCH_IMPORT_ROUNDS:-1}" --rows 1000
          echo "Load average after the import benchmark: $(cut -d ' ' -f 1-3 /proc/loadavg)"
        else
          echo "== import: not built (src/td-import-page.c is not there yet)"
          echo
        fi
        ;;
      busy)
        THORDESK_SOURCE_ROOT=$src THORDESK_BUILD_ROOT=$build \
          run busy /usr/bin/python3 "$src/bench/bench-busy.py"
        ;;
    esac
  done
} | tee "$results"

echo "Figures saved in $results"
if [ -s "$failures" ]; then
  echo "Failed: $(tr '\n' ' ' < "$failures")" >&2
  exit 1
fi

#!/bin/sh
# run-fuzzers.sh — build the libFuzzer targets with clang and run each one.
#
#   tests/fuzz/run-fuzzers.sh SECONDS [TARGET...]
#
# Builds with clang (-Dfuzzing=true) in _build-fuzz/ (THORDESK_FUZZ_BUILDDIR
# to change it), then runs every target (or the ones named: envelope,
# payload, ...) for SECONDS each, starting from a copy of its seed corpus
# in tests/fuzz/corpus/<target>/.  What a run adds to the corpus stays in
# the build folder; copy an input into tests/fuzz/corpus/<target>/ by hand
# when it is worth replaying in every test run.
#
# Prints, per target, the executions and the crashes (an input that
# crashes, leaks, times out or fails an assertion), with the path of the
# reproducer.  libFuzzer stops a target at its first crash.  Exits 1 when
# any target crashed.
#
# Missing Debian packages (clang and its sanitizer runtimes) are installed
# with apt-get, through sudo when not root, as tests/dev.sh does.
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

cd "$(dirname "$0")/../.."

if [ $# -lt 1 ] || ! [ "$1" -gt 0 ] 2>/dev/null; then
  echo "usage: tests/fuzz/run-fuzzers.sh SECONDS [TARGET...]" >&2
  exit 2
fi

seconds=$1
shift

builddir=${THORDESK_FUZZ_BUILDDIR:-_build-fuzz}

packages="
  clang libclang-rt-14-dev
  pkg-config meson ninja-build python3
  libglib2.0-dev libglib2.0-dev-bin libsoup-3.0-dev libjson-glib-dev libsecret-1-dev
  libgtk-4-dev libadwaita-1-dev
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

install_missing

if [ ! -f "$builddir/build.ninja" ]; then
  CC=clang meson setup "$builddir" -Dfuzzing=true -Dbuildtype=debugoptimized
fi
meson configure "$builddir" -Dfuzzing=true
targets=$*
if [ -z "$targets" ]; then
  targets=$(ls tests/fuzz/corpus)
fi
for target in $targets; do
  meson compile -C "$builddir" "fuzz-$target"
done

# A GLib critical is a crash (td-fuzz.h makes it fatal); leaks are
# reported by libFuzzer itself, per input.
export ASAN_OPTIONS=abort_on_error=1:detect_stack_use_after_return=1:handle_abort=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export G_DEBUG=gc-friendly
export LC_ALL=C.UTF-8

status=0
report=

for target in $targets; do
  binary="$builddir/tests/fuzz/fuzz-$target"
  work="$builddir/fuzz-work/$target"
  log="$work/fuzz.log"

  rm -rf "$work"
  mkdir -p "$work/corpus" "$work/artifacts"
  cp tests/fuzz/corpus/"$target"/* "$work/corpus/"

  echo "== $target: $seconds s"
  target_status=0
  start=$(date +%s)
  "$binary" \
    -max_total_time="$seconds" \
    -timeout=10 \
    -rss_limit_mb=2048 \
    -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" \
    "$work/corpus" >"$log" 2>&1 || target_status=$?
  elapsed=$(($(date +%s) - start))

  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  [ -n "$executions" ] || executions=$(sed -n 's/^#\([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
  [ -n "$executions" ] || executions=0
  crashes=$(find "$work/artifacts" -type f | wc -l)
  corpus=$(find "$work/corpus" -type f | wc -l)

  line="$target: $elapsed s, $executions executions, $crashes crashes, corpus $corpus inputs"
  if [ "$crashes" -gt 0 ] || [ "$target_status" -ne 0 ]; then
    status=1
    line="$line (exit $target_status; log $log)"
    for artifact in "$work"/artifacts/*; do
      [ -f "$artifact" ] && line="$line
    reproducer: $artifact"
    done
    tail -n 40 "$log"
  fi
  echo "$line"
  report="$report$line
"
done

echo
echo "Summary"
printf '%s' "$report"

exit $status

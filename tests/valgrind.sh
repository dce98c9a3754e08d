#!/bin/sh
# valgrind.sh — run the core tests (and the fuzz corpus replays) under
# valgrind memcheck.
#
#   tests/valgrind.sh [MESON TEST OPTIONS...]
#
# Builds without sanitizers in _build-valgrind/ (THORDESK_VALGRIND_BUILDDIR
# to change it) and runs `meson test --setup valgrind --suite core`: each
# test runs in the usual headless world (headless-run.sh) under
#
#   valgrind --tool=memcheck --error-exitcode=1 --leak-check=full
#            --errors-for-leak-kinds=definite --suppressions=tests/valgrind.supp
#
# (the "valgrind" test setup in tests/meson.build).  Any invalid read or
# write, use of uninitialised memory or definitely lost block fails the
# test.  Prints "N passed, N failed" and keeps meson's exit status.
#
# valgrind is installed with apt-get when missing, as tests/dev.sh does.
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

cd "$(dirname "$0")/.."

builddir=${THORDESK_VALGRIND_BUILDDIR:-_build-valgrind}

if ! dpkg-query -W -f='${Status}\n' valgrind 2>/dev/null | grep -q '^install ok installed$'; then
  echo "Installing: valgrind"
  sudo=
  if [ "$(id -u)" != 0 ]; then
    sudo=sudo
  fi
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends valgrind
fi

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir"
fi
meson compile -C "$builddir"

status=0
rm -f "$builddir/meson-logs/testlog-valgrind.json"
meson test -C "$builddir" --setup valgrind --suite core --print-errorlogs "$@" || status=$?

python3 - "$builddir/meson-logs/testlog-valgrind.json" <<'PY'
import json, sys
passed = failed = skipped = 0
with open(sys.argv[1]) as log:
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

exit $status

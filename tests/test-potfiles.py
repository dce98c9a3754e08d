#!/usr/bin/python3
# test-potfiles.py — po/POTFILES.in lists every file with a string for
# translators, and nothing else than files that exist, in sorted order.
#
# A file under src/ or data/ has translatable strings when it contains
# _( N_( C_( NC_( ngettext g_dngettext g_dcgettext g_dpgettext2 (C),
# translatable="yes" (GtkBuilder), or when it is a desktop entry,
# AppStream metainfo or GSettings schema (their names, summaries and
# descriptions are translated through i18n.merge_file and gettext).
# A file left out of POTFILES.in ships its strings in English only.
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tdtap import Tap  # noqa: E402

SOURCE_ROOT = os.environ.get("THORDESK_SOURCE_ROOT",
                             os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCANNED = ("src", "data")

C_MARKER = re.compile(r"(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|ngettext|g_dngettext|g_dcgettext"
                      r"|g_dpgettext2|g_dpgettext|dngettext|dgettext)\s*\(")
UI_MARKER = re.compile(r"""translatable\s*=\s*["'](?:yes|true|1)["']""", re.I)
DATA_FILE = re.compile(r"\.(?:desktop|metainfo\.xml|appdata\.xml)(?:\.in)*$|\.gschema\.xml$")


def has_strings(relative_path):
    """Whether the file at @relative_path holds strings for translators."""
    name = os.path.basename(relative_path)
    if DATA_FILE.search(name):
        return True
    if not name.endswith((".c", ".h", ".ui", ".ui.in")):
        return False
    try:
        with open(os.path.join(SOURCE_ROOT, relative_path), encoding="utf-8") as stream:
            text = stream.read()
    except UnicodeDecodeError:
        return False
    if name.endswith((".c", ".h")):
        # Comments hold no strings for translators; strings and code do.
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        text = re.sub(r"//[^\n]*", "", text)
        return C_MARKER.search(text) is not None
    return UI_MARKER.search(text) is not None


def scan():
    found = set()
    for top in SCANNED:
        for directory, subdirectories, files in os.walk(os.path.join(SOURCE_ROOT, top)):
            subdirectories[:] = sorted(d for d in subdirectories if not d.startswith("."))
            for name in files:
                relative_path = os.path.relpath(os.path.join(directory, name), SOURCE_ROOT)
                if has_strings(relative_path):
                    found.add(relative_path)
    return found


def read_potfiles():
    entries = []
    with open(os.path.join(SOURCE_ROOT, "po", "POTFILES.in"), encoding="utf-8") as stream:
        for line in stream:
            line = line.strip()
            if line and not line.startswith("#"):
                entries.append(line)
    return entries


def main():
    tap = Tap()
    listed = read_potfiles()
    found = scan()

    # The scan itself must see what is known to be there.
    for known in ("src/td-window.ui", "src/td-error.c",
                  "data/io.github.thordesk.Thordesk.gschema.xml"):
        tap.ok(known in found, f"the scan finds the strings of {known}")
    tap.ok("src/td-types.h" not in found, "the scan finds no strings in src/td-types.h")

    missing = sorted(found - set(listed))
    tap.ok(not missing, "every file with translatable strings is in po/POTFILES.in",
           "add to po/POTFILES.in:\n" + "\n".join(f"  {path}" for path in missing))

    absent = [path for path in listed if not os.path.exists(os.path.join(SOURCE_ROOT, path))]
    tap.ok(not absent, "every file in po/POTFILES.in exists",
           "remove from po/POTFILES.in:\n" + "\n".join(f"  {path}" for path in absent))

    empty = [path for path in listed if path not in found and path not in absent]
    tap.ok(not empty, "every file in po/POTFILES.in has translatable strings",
           "nothing to translate in:\n" + "\n".join(f"  {path}" for path in empty))

    duplicates = sorted({path for path in listed if listed.count(path) > 1})
    tap.ok(not duplicates, "po/POTFILES.in lists each file once", "\n".join(duplicates))

    expected_order = sorted(listed)
    tap.ok(listed == expected_order, "po/POTFILES.in is sorted",
           "expected:\n" + "\n".join(f"  {path}" for path in expected_order))

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())

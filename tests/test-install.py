#!/usr/bin/python3
# test-install.py — Thordesk as a distribution installs it: `meson install`
# into a DESTDIR, then the installed binary started under Xvfb with only
# the installed files and no pointer into the build tree, in German.
#
#   - every file the desktop needs is installed where it looks for it:
#     the binary, the desktop file, the AppStream metainfo, the scalable
#     and symbolic icons, the GSettings schema, every page of the user
#     guide in English and in each language of help/LINGUAS, a
#     catalogue for every language of po/LINGUAS;
#   - the installed desktop file and metainfo pass their validators;
#   - the installed binary, with XDG_DATA_DIRS and the schema directory
#     pointing into the DESTDIR (what a real installation gets from the
#     system) and THORDESK_LOCALEDIR at the installed catalogues (a DESTDIR
#     is not the prefix compiled into the binary), shows its window with
#     the fields named in German.
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import gettext
import glob
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tdatspi as t  # noqa: E402
from tdatspi import check, pyatspi  # noqa: E402

APP_ID = "io.github.thordesk.Thordesk"
TEXT_ROLES = [pyatspi.ROLE_TEXT, pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_ENTRY]


def install():
    destdir = os.path.join(t.TMPDIR, "destdir")
    meson = shutil.which("meson")
    check(meson is not None, "meson is not in PATH")
    result = subprocess.run([meson, "install", "-C", t.BUILD_ROOT, "--no-rebuild",
                             "--destdir", destdir, "--quiet"],
                            capture_output=True, text=True, timeout=300)
    check(result.returncode == 0, f"meson install failed:\n{result.stdout}\n{result.stderr}")
    binaries = [os.path.join(root, "thordesk") for root, _dirs, files in os.walk(destdir)
                if "thordesk" in files and root.endswith("/bin")]
    check(len(binaries) == 1, f"one installed binary, found {binaries}")
    prefix = os.path.dirname(os.path.dirname(binaries[0]))
    return binaries[0], os.path.join(prefix, "share")


def installed_files(tap, processes):
    binary, share = install()
    check(os.access(binary, os.X_OK), f"{binary} is not executable")
    expected = [
        f"applications/{APP_ID}.desktop",
        f"metainfo/{APP_ID}.metainfo.xml",
        f"icons/hicolor/scalable/apps/{APP_ID}.svg",
        f"icons/hicolor/symbolic/apps/{APP_ID}-symbolic.svg",
        f"glib-2.0/schemas/{APP_ID}.gschema.xml",
        "help/C/thordesk/index.page",
        "help/C/thordesk/errors.page",
        "help/C/thordesk/figures/io.github.thordesk.Thordesk.svg",
        "man/man1/thordesk.1",
    ]
    with open(os.path.join(t.SOURCE_ROOT, "po", "LINGUAS"), encoding="utf-8") as stream:
        languages = [line.strip() for line in stream if line.strip() and not line.startswith("#")]
    check(languages, "po/LINGUAS lists no language")
    expected += [f"locale/{language}/LC_MESSAGES/thordesk.mo" for language in languages]
    # Every page of the guide, in English and in each language of help/LINGUAS.
    pages = sorted(os.path.basename(path)
                   for path in glob.glob(os.path.join(t.SOURCE_ROOT, "help", "C", "*.page")))
    with open(os.path.join(t.SOURCE_ROOT, "help", "LINGUAS"), encoding="utf-8") as stream:
        help_languages = [word for line in stream for word in line.split("#", 1)[0].split()]
    expected += [f"help/{language}/thordesk/{page}"
                 for language in ["C"] + help_languages for page in pages]
    missing = [path for path in expected if not os.path.isfile(os.path.join(share, path))]
    check(not missing, f"not installed: {missing}")

    desktop = os.path.join(share, "applications", f"{APP_ID}.desktop")
    result = subprocess.run(["desktop-file-validate", desktop], capture_output=True, text=True)
    check(result.returncode == 0, f"desktop-file-validate: {result.stdout}{result.stderr}")
    with open(desktop, encoding="utf-8") as stream:
        text = stream.read()
    check(re.search(r"^Exec=thordesk\b", text, re.M), "the desktop file starts thordesk from PATH")
    check(re.search(rf"^Icon={re.escape(APP_ID)}$", text, re.M), "the desktop file names the icon")
    metainfo = os.path.join(share, "metainfo", f"{APP_ID}.metainfo.xml")
    result = subprocess.run(["appstreamcli", "validate", "--no-net", metainfo],
                            capture_output=True, text=True)
    check(result.returncode == 0, f"appstreamcli validate: {result.stdout}{result.stderr}")
    tap.diag(f"{len(expected)} files installed under {share}")


def runs_installed(tap, processes):
    binary, share = install()
    schemas = os.path.join(t.TMPDIR, "installed-schemas")
    os.makedirs(schemas, exist_ok=True)
    shutil.copy(os.path.join(share, "glib-2.0", "schemas", f"{APP_ID}.gschema.xml"), schemas)
    subprocess.run(["glib-compile-schemas", "--strict", schemas], check=True)

    localedir = os.path.join(share, "locale")
    with open(os.path.join(localedir, "de", "LC_MESSAGES", "thordesk.mo"), "rb") as stream:
        catalogue = gettext.GNUTranslations(stream)
    username = re.sub(r"_(.)", r"\1", catalogue.gettext("_Username"))
    check(username != "Username", "the installed German catalogue translates “_Username”")

    app = t.App(processes, ["--sandbox"], binary=binary, clean_env=True, name="installed",
                env={"LANGUAGE": "de",
                     "GSETTINGS_SCHEMA_DIR": schemas,
                     "XDG_DATA_DIRS": f"{share}:/usr/share",
                     "THORDESK_LOCALEDIR": localedir})
    window = t.wait_until(lambda: next((f for f in app.frames() if t.is_window_shown(f)
                                        and f.getRole() == pyatspi.ROLE_FRAME), None),
                          "the installed binary's window")
    t.find_named(window, username, TEXT_ROLES)
    tap.diag(f"the installed binary shows “{username}”")


if __name__ == "__main__":
    sys.exit(t.main([
        ("meson install puts every file where the desktop looks for it", installed_files),
        ("the installed binary runs in German with only installed files", runs_installed),
    ]))

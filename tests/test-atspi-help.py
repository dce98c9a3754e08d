#!/usr/bin/python3
# test-atspi-help.py — F1 in the real binary, as a user presses it:
#
#   - with a help viewer registered for help: URIs (a small script, made
#     the default handler through the test's own XDG folders, the way a
#     desktop registers Yelp), F1 launches it with help:thordesk;
#   - with no application that opens help: URIs, F1 says so in a dialog
#     that names the reason, instead of doing nothing.
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import stat
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tdatspi as t  # noqa: E402
from tdatspi import check, pyatspi  # noqa: E402

VIEWER_ID = "td-test-help-viewer.desktop"


def start(processes, env=None):
    if not t.have_xdotool():
        raise t.Failure("xdotool is not installed (tests/dev.sh installs it)")
    app = t.App(processes, ["--sandbox"], env=env)
    window = app.frame("Thordesk")
    t.find_named(window, "Create", [pyatspi.ROLE_PUSH_BUTTON])
    t.focus_window("Thordesk")
    return app


def install_viewer(folder):
    """A help viewer that writes the URI it was given to a file; returns
    that file's path and the environment that makes it the default."""
    data = os.path.join(folder, "data")
    config = os.path.join(folder, "config")
    os.makedirs(os.path.join(data, "applications"), exist_ok=True)
    os.makedirs(config, exist_ok=True)
    seen = os.path.join(folder, "viewer-saw")
    script = os.path.join(folder, "viewer.sh")
    with open(script, "w", encoding="utf-8") as stream:
        stream.write(f"#!/bin/sh\nprintf '%s' \"$1\" > '{seen}.part' && mv '{seen}.part' '{seen}'\n")
    os.chmod(script, os.stat(script).st_mode | stat.S_IXUSR)
    with open(os.path.join(data, "applications", VIEWER_ID), "w", encoding="utf-8") as stream:
        stream.write("[Desktop Entry]\nType=Application\nName=Test Help Viewer\n"
                     f"Exec={script} %u\nMimeType=x-scheme-handler/help;\nNoDisplay=true\n")
    with open(os.path.join(config, "mimeapps.list"), "w", encoding="utf-8") as stream:
        stream.write(f"[Default Applications]\nx-scheme-handler/help={VIEWER_ID}\n")
    return seen, {"XDG_DATA_HOME": data, "XDG_CONFIG_HOME": config}


def f1_opens_the_guide(tap, processes):
    folder = os.path.join(t.TMPDIR, "help-viewer")
    seen, env = install_viewer(folder)
    start(processes, env)
    t.key("F1")

    def uri():
        if not os.path.exists(seen):
            return None
        with open(seen, encoding="utf-8") as stream:
            return stream.read()
    check(t.wait_until(uri, "the help viewer to be launched") == "help:thordesk",
          f"the help viewer was given {uri()!r}")


def f1_without_viewer_says_why(tap, processes):
    # No folder that registers any application: nothing opens help: URIs.
    empty = os.path.join(t.TMPDIR, "no-viewer")
    os.makedirs(os.path.join(empty, "config"), exist_ok=True)
    app = start(processes, {"XDG_DATA_DIRS": empty,
                            "XDG_DATA_HOME": os.path.join(empty, "data"),
                            "XDG_CONFIG_HOME": os.path.join(empty, "config")})
    t.key("F1")

    def dialog():
        for frame in app.frames():
            node = t.find_first(frame, lambda n: t.get_text(n).startswith(
                "Could not open the help: ") if n.getRole() == pyatspi.ROLE_LABEL else False)
            if node is not None:
                return node
        return None
    body = t.wait_until(dialog, "a dialog saying the help could not be opened")
    text = t.get_text(body)
    tap.diag(f"the dialog says: {text!r}")
    reason = text[len("Could not open the help: "):].split("\n", 1)[0].strip()
    check(reason != "", f"the dialog gives no reason: {text!r}")
    check("yelp" in text, f"the dialog does not name the package to install: {text!r}")


if __name__ == "__main__":
    sys.exit(t.main([
        ("F1 launches the help viewer with help:thordesk", f1_opens_the_guide),
        ("F1 without a help viewer says why in a dialog", f1_without_viewer_says_why),
    ]))

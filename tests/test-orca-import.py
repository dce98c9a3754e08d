#!/usr/bin/python3
# test-orca-import.py — an import heard by a blind administrator: Orca
# (tests/tdorca.py) runs against the real binary, driven with real keys.
#
#   - cells pasted from a spreadsheet (Alt+P on the Import page), then
#     Ctrl+Return creates the users against a sandbox that lets 10
#     creates a second through (the rest are answered 10011 and sent
#     again), so that the run takes a few seconds;
#   - during the run, a summary ("20 of 40 created, 0 failed.") is heard
#     at intervals, never row by row;
#   - at the end, the result ("Done: 40 created, 0 failed.");
#   - no GTK or libadwaita class name is ever heard.
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tdatspi as t  # noqa: E402
from tdatspi import check  # noqa: E402
import tdorca  # noqa: E402

TOKEN = "orcaTok3nW9x2Lq"
N_USERS = 40
LIMIT = 90


def copy_cells(processes, text):
    """Puts @text on the clipboard, served by xclip until the test ends."""
    xclip = processes.add(subprocess.Popen(["xclip", "-selection", "clipboard", "-quiet", "-i"],
                                           stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                           stderr=subprocess.DEVNULL))
    xclip.stdin.write(text.encode("utf-8"))
    xclip.stdin.close()
    t.wait_until(lambda: subprocess.run(["xclip", "-selection", "clipboard", "-o"],
                                        capture_output=True).stdout.decode() == text,
                 "the cells to be on the clipboard", LIMIT)


def import_heard(tap, processes):
    orca = tdorca.Orca(processes)
    t.store_token(TOKEN)
    base_url, requests = t.start_sandbox(processes, token=TOKEN, max_creates=10)
    app = t.App(processes, ["--api-url", base_url], env={"G_MESSAGES_DEBUG": "all"}, limit=LIMIT)
    frame = app.frame("Thordesk", limit=LIMIT)
    t.wait_until(lambda: app.stdout_contains("Keyring: token found"),
                 "the app to read the token from the keyring", LIMIT)
    t.focus_window("Thordesk")

    rows = ["username\tpassword"] + [f"orcaimp{i:04d}\tPass{i:04d}x" for i in range(N_USERS)]
    copy_cells(processes, "\n".join(rows) + "\n")

    orca.mark()
    t.key("alt+3")
    orca.wait_heard("Open CSV File", limit=LIMIT)
    t.key("alt+p")
    t.find_named(frame, f"Create {N_USERS} Users", limit=LIMIT)

    orca.mark()
    t.key("ctrl+Return")
    heard = orca.wait_heard(f"Done: {N_USERS} created, 0 failed.", limit=LIMIT)
    tap.diag(f"the run: {heard}")
    creates = [r for r in requests() if "create-user" in r.get("path", "")]
    tap.diag(f"{len(creates)} create requests")

    periodic = [line for line in orca.heard() if re.search(rf"\b\d+ of {N_USERS} created, \d+ failed\.", line)]
    check(periodic, f"no summary was heard during the run: {heard!r}")
    # At intervals, not row by row: at most one summary every tenth of
    # the run (and every 2 s at the most).  Orca may say one again, when
    # a tooltip it read goes away.
    distinct = list(dict.fromkeys(periodic))
    check(len(distinct) <= 10, f"{len(distinct)} summaries were heard: {distinct!r}")
    check(len(periodic) <= 2 * len(distinct), f"a summary was heard over and over: {periodic!r}")
    counts = [int(line.split()[0]) for line in distinct]
    check(counts == sorted(counts), f"the summaries go backwards: {distinct!r}")
    orca.check_no_class_names()


if __name__ == "__main__":
    if not tdorca.have_orca() or not t.have_xdotool():
        print("1..0 # SKIP needs orca and xdotool (tests/dev.sh installs them)", flush=True)
        sys.exit(0)
    sys.exit(t.main([("an import is heard: a summary at intervals, then the result", import_heard)]))

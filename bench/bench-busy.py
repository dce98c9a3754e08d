#!/usr/bin/python3
# bench-busy.py — what waiting costs (issue 13).
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run by bench/run.sh busy, inside tests/headless-run.sh (Xvfb, private
# D-Bus session, unlocked keyring), with Debian's /usr/bin/python3.
#
# For GTK's default renderer and for GSK_RENDERER=cairo, it measures the
# CPU share (process CPU time over 5 s of wall time, all threads, from
# /proc/PID/stat) and the cost of one AT-SPI question per accessible node
# (a walk of the window's tree asking each node its name and role) of:
#
#   - the reference windows of spinner-window.c: a bare window idle, the
#     same with a spinning GtkSpinner (GTK's own share), and with Thordesk's
#     TdBusyIndicator;
#   - thordesk itself, idle, then with a create in flight: the real binary,
#     a token stored in the keyring, the form filled and Create pressed
#     through AT-SPI, against a sandbox server that never answers.
#
# Idle is measured 11 s after the window settled: a focused text field
# blinks its cursor for the first 10 s (GTK's gtk-cursor-blink-timeout),
# which is not what waiting costs.

import os
import statistics
import subprocess
import sys
import time

SOURCE_ROOT = os.environ["THORDESK_SOURCE_ROOT"]
BUILD_ROOT = os.environ["THORDESK_BUILD_ROOT"]
# Another thordesk than the build's (an older commit's, to compare in one
# session); the reference windows and the server still come from the build.
BINARY = os.environ.get("THORDESK_BENCH_BINARY") or None
sys.path.insert(0, os.path.join(SOURCE_ROOT, "tests"))
import tdatspi as t  # noqa: E402
from tdatspi import pyatspi  # noqa: E402

# On a loaded machine an app can take longer than a test's 20 s to show
# up on AT-SPI (15 s seen at load average 20): wait longer here.
t.WAIT_LIMIT = 90.0
t.wait_until.__defaults__ = (t.WAIT_LIMIT,)

TOKEN = "benchBusyTok3n"
MEASURE_SECONDS = 5.0
# While a create is in flight every question may be slow: the walk stops
# after this many nodes, so that it ends long before the 30 s timeout.
WALK_LIMIT = 60
TEXT_ROLES = [pyatspi.ROLE_TEXT, pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_ENTRY]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat", encoding="ascii") as stream:
        fields = stream.read().rsplit(")", 1)[1].split()
    # utime and stime, the 14th and 15th fields of the whole line.
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def cpu_share(pid, seconds=MEASURE_SECONDS):
    """Percent of one core used by @pid over @seconds."""
    start_cpu, start = cpu_seconds(pid), time.monotonic()
    time.sleep(seconds)
    return 100.0 * (cpu_seconds(pid) - start_cpu) / (time.monotonic() - start)


def atspi_ms_per_node(root, runs=3):
    """Median over @runs walks of the time one node's name and role take."""
    costs = []
    for _ in range(runs):
        count = 0
        start = time.monotonic()
        for node, _depth in t.walk(root):
            node.name
            node.getRole()
            count += 1
            if count >= WALK_LIMIT:
                break
        costs.append(1000.0 * (time.monotonic() - start) / count)
    return statistics.median(costs)


def find_app(pid):
    def find():
        for application in pyatspi.Registry.getDesktop(0):
            if application is not None and application.get_process_id() == pid:
                return application
        return None
    app = t.wait_until(find, "the reference window on AT-SPI")
    app.set_cache_mask(t.Atspi.Cache.NONE)
    return app


def reference(mode, env, processes):
    binary = os.path.join(BUILD_ROOT, "bench", "spinner-window")
    process = processes.add(subprocess.Popen([binary, mode], env=env,
                                             stdin=subprocess.DEVNULL))
    app = find_app(process.pid)
    window = t.wait_until(lambda: next((w for w in app if w is not None and w.name == mode), None),
                          f"the {mode} window")
    time.sleep(2.0)
    share = cpu_share(process.pid)
    per_node = atspi_ms_per_node(window)
    process.terminate()
    process.wait(timeout=10)
    return share, per_node


def thordesk(env, processes):
    base_url, requests = t.start_sandbox(processes, token=TOKEN, hang=True)
    app = t.App(processes, ["--api-url", base_url],
                env=dict(env, G_MESSAGES_DEBUG="all"), name="thordesk", binary=BINARY)
    window = app.frame("Thordesk")
    t.wait_until(lambda: app.stdout_contains("Keyring: token found"),
                 "the app to read the token from the keyring")
    time.sleep(11.0)
    idle_share = cpu_share(app.process.pid)
    idle_node = atspi_ms_per_node(window)

    t.set_text(t.find_named(window, "Username", TEXT_ROLES), "benchbusy1")
    t.set_text(t.find_named(window, "Password", TEXT_ROLES), "BenchBusy7Pass")
    t.set_text(t.find_named(window, "Traffic limit", TEXT_ROLES), "1")
    create = t.find_named(window, "Create", [pyatspi.ROLE_PUSH_BUTTON])
    t.wait_until(lambda: create.getState().contains(pyatspi.STATE_SENSITIVE),
                 "Create to become available")
    t.do_action(create, "click")
    t.wait_until(lambda: requests(), "the create to reach the server")
    # Let the field that had the focus stop blinking its cursor: the
    # focus moves to Cancel while the create is in flight.
    time.sleep(1.0)
    busy_share = cpu_share(app.process.pid)
    busy_node = atspi_ms_per_node(window)
    processes.stop_all()
    return idle_share, idle_node, busy_share, busy_node


def main():
    t.store_token(TOKEN)
    rows = []
    for renderer in ("default", "cairo"):
        env = dict(os.environ)
        env.pop("GSK_RENDERER", None)
        if renderer == "cairo":
            env["GSK_RENDERER"] = "cairo"
        processes = t.Processes()
        try:
            figures = {mode: reference(mode, env, processes)
                       for mode in ("idle", "spinner", "indicator")}
            idle_share, idle_node, busy_share, busy_node = thordesk(env, processes)
        finally:
            processes.stop_all()
        rows.append((renderer, figures, idle_share, idle_node, busy_share, busy_node))

    print(f"CPU share over {MEASURE_SECONDS:.0f} s (% of one core) and AT-SPI cost "
          "(ms per node, name + role, median of 3 walks)")
    print()
    print("| renderer | window | CPU % | AT-SPI ms/node |")
    print("| --- | --- | ---: | ---: |")
    for renderer, figures, idle_share, idle_node, busy_share, busy_node in rows:
        for mode, label in (("idle", "bare window, idle"),
                            ("spinner", "bare window, GtkSpinner"),
                            ("indicator", "bare window, TdBusyIndicator")):
            share, node = figures[mode]
            print(f"| {renderer} | {label} | {share:.1f} | {node:.2f} |")
        print(f"| {renderer} | thordesk, idle | {idle_share:.1f} | {idle_node:.2f} |")
        print(f"| {renderer} | thordesk, create in flight | {busy_share:.1f} | {busy_node:.2f} |")
    print()
    for renderer, figures, idle_share, idle_node, busy_share, busy_node in rows:
        spinner_share = figures["spinner"][0]
        print(f"{renderer}: create in flight {busy_share:.1f} % of a core "
              f"(goal <= 5 %; a bare GtkSpinner {spinner_share:.1f} %); "
              f"AT-SPI busy/idle {busy_node / idle_node:.2f}x (goal <= 2x)")


if __name__ == "__main__":
    main()

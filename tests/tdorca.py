# tdorca.py — runs Debian's screen reader, Orca, against the real
# binary and reads what it says.  Orca runs in the test's own D-Bus
# session (tests/headless-run.sh) with --debug-file: every utterance is
# logged there as a "SPEECH OUTPUT: '…'" line, whether or not a speech
# synthesizer is installed (none is: the test reads, nobody listens).
#
# Orca itself always runs in English; the application runs in the
# language a test chooses, so what is heard of the app is in that
# language.
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess

import tdatspi as t
from tdtap import check

_SPEECH = re.compile(r"SPEECH OUTPUT: '(.*)'(\{.*\})?$")

# What a listener must never hear: GTK's and libadwaita's class names,
# which GTK speaks when a widget has no accessible name of its own.
CLASS_NAME = re.compile(r"\b(Gtk|Adw|Td)[A-Z][A-Za-z]+")


# Orca writes its debug file through a fully buffered Python file, so
# what it said would appear in the log only kilobytes later.  This starts
# /usr/bin/orca unchanged, except that the file it opens for its log is
# line-buffered.
_LAUNCHER = """
import builtins, runpy, sys
log = sys.argv[1]
real_open = builtins.open
def line_buffered_open(file, mode="r", buffering=-1, *args, **kwargs):
    if file == log and "w" in mode:
        buffering = 1
    return real_open(file, mode, buffering, *args, **kwargs)
builtins.open = line_buffered_open
sys.argv = ["/usr/bin/orca", "--replace", "--debug-file=" + log]
runpy.run_path("/usr/bin/orca", run_name="__main__")
"""


class Orca:
    """One Orca process; heard() gives what it said since the last mark()."""

    def __init__(self, processes):
        self.log = os.path.join(t.TMPDIR, f"orca-{next(t._serial)}.log")
        env = dict(os.environ)
        # Orca's own messages in English, whatever the app's language.
        for name in ("LANGUAGE", "LANG", "LC_MESSAGES"):
            env.pop(name, None)
        env["LC_ALL"] = "C.UTF-8"
        # No speech synthesizer is wanted (the log is read), and Orca's
        # attempt to start speech-dispatcher can hang on a machine without
        # sound: the spawn command fails at once instead.
        env["SPEECHD_CMD"] = "/bin/false"
        self.process = processes.add(subprocess.Popen(
            ["/usr/bin/python3", "-c", _LAUNCHER, self.log], env=env,
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=open(self.log + ".stderr", "w")))
        self.start = 0
        # Its first start on a loaded machine can take minutes.
        t.wait_until(lambda: self.process.poll() is None
                     and any("Screen reader on" in line for line in self._all()),
                     "Orca to start and say so", limit=240)
        self.mark()

    def _all(self):
        try:
            with open(self.log, encoding="utf-8", errors="replace") as stream:
                lines = stream.read().splitlines()
        except FileNotFoundError:
            return []
        spoken = []
        for line in lines:
            match = _SPEECH.search(line)
            if match:
                spoken.append(match.group(1))
        return spoken

    def mark(self):
        """Forget what was said so far."""
        self.start = len(self._all())

    def heard(self):
        """Every utterance since the last mark, in order."""
        return self._all()[self.start:]

    def text(self):
        return " | ".join(self.heard())

    def wait_heard(self, *needles, limit=t.WAIT_LIMIT):
        """Waits until every needle was heard since the last mark
        (case-insensitive); returns what was heard."""
        def found():
            heard = self.text().lower()
            return all(needle.lower() in heard for needle in needles)

        try:
            t.wait_until(found, "Orca to say " + ", ".join(repr(n) for n in needles), limit)
        except Exception:
            raise t.Failure(f"Orca did not say {needles!r}; it said: {self.text()!r}")
        return self.text()

    def check_no_class_names(self):
        for line in self._all():
            match = CLASS_NAME.search(line)
            check(match is None, f"Orca spoke a class name: {line!r}")


def have_orca():
    return subprocess.run(["sh", "-c", "command -v orca"],
                          stdout=subprocess.DEVNULL).returncode == 0

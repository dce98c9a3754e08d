# tdtap.py — a small TAP producer for the tests written in Python, which
# meson runs with protocol: 'tap'.
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later


class Failure(Exception):
    """A check that did not hold; the message says what was seen."""


class Tap:
    """Minimal TAP producer: one line per check, a plan at the end."""

    def __init__(self):
        self.count = 0
        self.failed = 0

    def ok(self, condition, description, diagnostic=None):
        self.count += 1
        if condition:
            print(f"ok {self.count} - {description}", flush=True)
        else:
            self.failed += 1
            print(f"not ok {self.count} - {description}", flush=True)
            if diagnostic:
                for line in str(diagnostic).splitlines():
                    print(f"# {line}", flush=True)
        return condition

    def skip(self, description, reason):
        self.count += 1
        print(f"ok {self.count} - {description} # SKIP {reason}", flush=True)

    def diag(self, text):
        for line in str(text).splitlines():
            print(f"# {line}", flush=True)

    def run(self, description, function, *args):
        """Runs @function; a Failure or any exception fails the check."""
        try:
            function(*args)
        except Failure as error:
            return self.ok(False, description, error)
        except Exception as error:  # noqa: BLE001 — reported, never hidden
            return self.ok(False, description, f"{type(error).__name__}: {error}")
        return self.ok(True, description)

    def finish(self):
        print(f"1..{self.count}", flush=True)
        return 1 if self.failed else 0


def check(condition, message):
    if not condition:
        raise Failure(message)

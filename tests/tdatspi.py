# tdatspi.py — shared by the tests that drive the real binary the way
# assistive technology does: through AT-SPI, inside the private D-Bus
# session and X server that tests/headless-run.sh gives every test.
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run with Debian's /usr/bin/python3 (python3-pyatspi, gir1.2-atspi-2.0).
# Every wait is a poll with an upper bound; nothing sleeps a fixed time
# before looking.

import itertools
import json
import os
import signal
import subprocess
import sys
import time

try:
    import gi

    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi, GLib

    import pyatspi
except (ImportError, ValueError) as error:
    # A skip, not a failure: tests/dev.sh installs what is missing.
    print(f"1..0 # SKIP no AT-SPI bindings for {sys.executable} "
          f"(python3-pyatspi, gir1.2-atspi-2.0): {error}", flush=True)
    sys.exit(0)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tdtap import Failure, Tap, check  # noqa: E402,F401

WAIT_LIMIT = 20.0

# libatspi gives up on a call after 0.8 s and says "The application no
# longer exists": a loaded machine (the suite runs tests in parallel)
# answers slower than that.
Atspi.set_timeout(int(WAIT_LIMIT * 1000), int(WAIT_LIMIT * 1000))

# Numbers the files each test run writes in the shared temporary folder.
_serial = itertools.count()

BUILD_ROOT = os.environ.get("THORDESK_BUILD_ROOT", "")
SOURCE_ROOT = os.environ.get("THORDESK_SOURCE_ROOT", "")
TMPDIR = os.environ.get("THORDESK_TEST_TMPDIR", "")

APP_ID = "io.github.thordesk.Thordesk"

# Accessible names GTK falls back to when a widget has none of its own.
DEFAULT_NAME_PREFIXES = ("Gtk", "Adw", "Td")

# Roles of the controls a user operates, which must all have a name.
CONTROL_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON,
    pyatspi.ROLE_TOGGLE_BUTTON,
    pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_TEXT,
    pyatspi.ROLE_PASSWORD_TEXT,
    pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_MENU_ITEM,
    pyatspi.ROLE_CHECK_MENU_ITEM,
    pyatspi.ROLE_RADIO_MENU_ITEM,
    pyatspi.ROLE_PAGE_TAB,
    pyatspi.ROLE_LINK,
    pyatspi.ROLE_LIST,
    pyatspi.ROLE_LIST_BOX,
    pyatspi.ROLE_TREE,
    pyatspi.ROLE_TABLE,
}


# ------------------------------------------------------------- waiting

def pump():
    """Lets queued AT-SPI events reach the client's cache."""
    context = GLib.MainContext.default()
    while context.pending():
        context.iteration(False)


def wait_until(predicate, what, limit=WAIT_LIMIT):
    """Polls @predicate (every 50 ms) until it returns a true value,
    which it returns; raises Failure after @limit seconds."""
    deadline = time.monotonic() + limit
    last_error = None
    while True:
        pump()
        try:
            value = predicate()
            if value:
                return value
        except GLib.Error as error:  # the node went away meanwhile
            last_error = error
        if time.monotonic() >= deadline:
            detail = f" (last error: {last_error})" if last_error else ""
            raise Failure(f"gave up after {limit:.0f} s waiting for {what}{detail}")
        time.sleep(0.05)


# ------------------------------------------------------------ processes

class Processes:
    """Everything a test starts, stopped by pid when the test ends."""

    def __init__(self):
        self.children = []
        self.apps = []

    def add(self, process):
        self.children.append(process)
        return process

    def stop_all(self):
        for process in reversed(self.children):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        self.children = []


def start_sandbox(processes, token=None, key=None, hang=False, answer=0, max_creates=0):
    """Starts tests/td-test-sandbox-server; returns (base_url, requests)
    where requests() reads every request received so far."""
    server = os.path.join(BUILD_ROOT, "tests", "td-test-sandbox-server")
    requests_path = os.path.join(TMPDIR, f"requests-{next(_serial)}.jsonl")
    argv = [server]
    if token is not None:
        argv += ["--token", token]
    if key is not None:
        argv += ["--key", key]
    if hang:
        argv += ["--hang", "--answer", str(answer)]
    if max_creates:
        argv += ["--max-creates", str(max_creates)]
    argv.append(requests_path)

    process = processes.add(subprocess.Popen(argv, stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, text=True))
    base_url = process.stdout.readline().strip()
    check(base_url.startswith("http://127.0.0.1:"),
          f"the sandbox server printed {base_url!r} instead of its URL")

    def requests():
        try:
            with open(requests_path, encoding="utf-8") as stream:
                return [json.loads(line) for line in stream if line.strip()]
        except FileNotFoundError:
            return []

    return base_url, requests


def store_token(token, kind="token"):
    """Stores @token the way an administrator would, with secret-tool."""
    subprocess.run(["secret-tool", "store", "--label=x", "kind", kind,
                    "xdg:schema", APP_ID],
                   input=token, text=True, check=True, timeout=WAIT_LIMIT)


class App:
    """The real binary, started with @args and extra @env."""

    def __init__(self, processes, args=(), env=None, name="app", binary=None, clean_env=False,
                 limit=WAIT_LIMIT):
        """@binary: another thordesk than the build's (an installed one);
        @clean_env: start from an environment without the test suite's
        pointers into the build tree (schemas, sources)."""
        binary = binary or os.path.join(BUILD_ROOT, "src", "thordesk")
        serial = next(_serial)
        self.stdout_path = os.path.join(TMPDIR, f"{name}-{serial}-stdout.log")
        self.stderr_path = os.path.join(TMPDIR, f"{name}-{serial}-stderr.log")
        environment = dict(os.environ)
        if clean_env:
            for variable in ("GSETTINGS_SCHEMA_DIR", "THORDESK_SOURCE_ROOT", "THORDESK_BUILD_ROOT",
                             "THORDESK_LOCALEDIR", "G_TEST_SRCDIR", "G_TEST_BUILDDIR"):
                environment.pop(variable, None)
        environment.update(env or {})
        with open(self.stdout_path, "w") as out, open(self.stderr_path, "w") as err:
            self.process = processes.add(subprocess.Popen(
                [binary, *args], env=environment, stdin=subprocess.DEVNULL,
                stdout=out, stderr=err))
        processes.apps.append(self)
        self.accessible = wait_until(self._find, "the app to appear on AT-SPI", limit)
        # Every question goes to the app itself: nothing stale in a cache.
        self.accessible.set_cache_mask(Atspi.Cache.NONE)

    def _find(self):
        check(self.process.poll() is None,
              f"the app exited with status {self.process.returncode}:\n{self.output()}")
        desktop = pyatspi.Registry.getDesktop(0)
        for application in desktop:
            if application is not None and application.get_process_id() == self.process.pid:
                return application
        return None

    def output(self):
        text = []
        for path in (self.stdout_path, self.stderr_path):
            try:
                with open(path, encoding="utf-8", errors="replace") as stream:
                    text.append(stream.read())
            except FileNotFoundError:
                pass
        return "\n".join(text)

    def stdout_contains(self, needle):
        try:
            with open(self.stdout_path, encoding="utf-8", errors="replace") as stream:
                return needle in stream.read()
        except FileNotFoundError:
            return False

    def frames(self):
        """The app's top-level windows (frames, dialogs, and what GTK 4.8
        exposes some windows as: fillers)."""
        return [child for child in self.accessible if child is not None]

    def frame(self, name, limit=WAIT_LIMIT):
        """The top-level window named @name, once it is showing."""
        def find():
            for frame in self.frames():
                if frame.name == name and is_window_shown(frame):
                    return frame
            return None
        return wait_until(find, f"a window named {name!r} "
                                f"(windows: {[f.name for f in self.frames()]})", limit)

    def no_frame(self, name, limit=WAIT_LIMIT):
        wait_until(lambda: all(f.name != name or not is_window_shown(f) for f in self.frames()),
                   f"the window {name!r} to close", limit)

    def focused(self):
        """The node that has the keyboard focus in the app, or None."""
        for frame in self.frames():
            node = find_first(frame, lambda n: n.getState().contains(pyatspi.STATE_FOCUSED)
                              and n.getRole() != pyatspi.ROLE_FRAME)
            if node is not None:
                return node
        return None


# ------------------------------------------------------------ the tree

def is_showing(node):
    # GTK 4.8 says "showing" of no widget but some windows, and leaves
    # hidden widgets out of the tree: "visible" is what it offers.  (The
    # pages of a stack that are not shown are visible: they can be.)
    states = node.getState()
    return states.contains(pyatspi.STATE_VISIBLE) or states.contains(pyatspi.STATE_SHOWING)


def is_window_shown(window):
    return is_showing(window)


def walk(node, depth=0, max_depth=None):
    """Every node under @node (included), depth first, visual order, down
    to @max_depth levels below @node when given."""
    yield node, depth
    if max_depth is not None and depth >= max_depth:
        return
    for index in range(node.childCount):
        child = node.getChildAtIndex(index)
        if child is not None:
            yield from walk(child, depth + 1, max_depth)


def find_all(root, predicate):
    return [node for node, _ in walk(root) if predicate(node)]


def find_first(root, predicate):
    for node, _ in walk(root):
        if predicate(node):
            return node
    return None


def find_named(root, name, roles=None, limit=WAIT_LIMIT):
    """The first showing node named @name (with one of @roles)."""
    def find():
        return find_first(root, lambda n: n.name == name and is_showing(n)
                          and (roles is None or n.getRole() in roles))
    return wait_until(find, f"a control named {name!r}", limit)


def actions(node):
    try:
        action = node.queryAction()
    except NotImplementedError:
        return []
    names = []
    for index in range(action.nActions):
        try:
            names.append(action.getName(index))
        except GLib.Error:  # GTK 4.8 counts the actions of disabled widgets
            pass
    return names


def do_action(node, name):
    action = node.queryAction()
    for index in range(action.nActions):
        if action.getName(index) == name:
            check(action.doAction(index), f"the {name!r} action of {node.name!r} failed")
            return
    raise Failure(f"{node.getRoleName()} {node.name!r} has no {name!r} action "
                  f"(it has {actions(node)})")


def get_text(node):
    # GTK 4.8 answers "" to getText (0, -1): ask for the count.
    text = node.queryText()
    return text.getText(0, text.characterCount)


def label_text(node):
    """What a label shows: its name, or its text when GTK gives it no
    name (selectable labels)."""
    if node.name:
        return node.name
    try:
        return get_text(node)
    except NotImplementedError:
        return ""


def set_text(node, value):
    editable = node.queryEditableText()
    editable.setTextContents(value)
    if node.getRole() == pyatspi.ROLE_PASSWORD_TEXT:
        # A hidden secret reads as one mask character per character
        # (td_accessible_guard_secret()): only its length can be seen.
        wait_until(lambda: node.queryText().characterCount == len(value),
                   f"{node.name!r} to hold {len(value)} characters")
        return
    wait_until(lambda: get_text(node) == value,
               f"{node.name!r} to hold {value!r} (it holds {get_text(node)!r})")


def relation_targets(node, relation_type):
    targets = []
    for relation in node.getRelationSet():
        if relation.getRelationType() == relation_type:
            targets += [relation.getTarget(i) for i in range(relation.getNTargets())]
    return targets


def is_default_name(name):
    return name.strip() == "" or name.startswith(DEFAULT_NAME_PREFIXES)


def is_control(node):
    """Whether @node is something the user operates: a control role, or
    any other node with an action of its own ("click", "toggle"…).  GTK
    also lists, as AT-SPI actions, the actions a widget installs for its
    children ("win.create", "clipboard.copy"): their names have a dot, and
    they do not make a container or a label a control."""
    role = node.getRole()
    if role in CONTROL_ROLES:
        return True
    if role in (pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG, pyatspi.ROLE_LABEL,
                pyatspi.ROLE_APPLICATION):
        return False
    return any("." not in name for name in actions(node))


def unnamed_controls(root):
    """Every control under @root whose name is empty or GTK's default
    (the widget's type name), as "role 'name' in path" strings."""
    offenders = []
    path = []
    for node, depth in walk(root):
        del path[depth:]
        path.append(node.name or node.getRoleName())
        if is_control(node) and is_showing(node) and is_default_name(node.name):
            offenders.append(f"{describe(node)} in {' > '.join(p for p in path[:-1] if p)}")
    return offenders


def describe(node):
    return f"{node.getRoleName()} {node.name!r}"


def dump(root):
    """The tree under @root as text, for the log of a failed check."""
    lines = []
    for node, depth in walk(root):
        states = node.getState()
        flags = "".join(flag for flag, state in (("F", pyatspi.STATE_FOCUSABLE),
                                                   ("*", pyatspi.STATE_FOCUSED),
                                                   ("S", pyatspi.STATE_SHOWING))
                        if states.contains(state))
        lines.append(f"{'  ' * depth}[{node.getRoleName()}] {node.name!r} {flags} {actions(node)}")
    return "\n".join(lines)


# ------------------------------------------------------------ keyboard

class FocusEvents:
    """The focus changes the app reports, as a screen reader hears them
    (object:state-changed:focused events)."""

    def __init__(self):
        self.gained = []
        pyatspi.Registry.registerEventListener(self._on_event, "object:state-changed:focused")

    def _on_event(self, event):
        if event.detail1 == 1:
            self.gained.append(event.source)

    def clear(self):
        pump()
        self.gained = []

    def close(self):
        pyatspi.Registry.deregisterEventListener(self._on_event, "object:state-changed:focused")


def xdotool(*args):
    """Runs xdotool on the test's display, bounded in time."""
    subprocess.run(["timeout", str(int(WAIT_LIMIT)), "xdotool", *args],
                   check=True, stdout=subprocess.DEVNULL)


def focus_window(title):
    xdotool("search", "--sync", "--onlyvisible", "--name", f"^{title}$",
            "windowfocus", "--sync")


def key(*keys):
    xdotool("key", "--clearmodifiers", *keys)


def have_xdotool():
    return subprocess.run(["sh", "-c", "command -v xdotool"],
                          stdout=subprocess.DEVNULL).returncode == 0


def main(tests):
    """Runs every (description, function) in @tests, in order, and stops
    every process the tests started.  Returns the exit status."""
    tap = Tap()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    for description, function in tests:
        processes = Processes()
        try:
            if not tap.run(description, function, tap, processes):
                for app in processes.apps:
                    tap.diag("app output, last lines:\n" + "\n".join(app.output().splitlines()[-15:]))
        finally:
            processes.stop_all()
    return tap.finish()

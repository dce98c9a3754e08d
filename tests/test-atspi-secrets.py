#!/usr/bin/python3
# test-atspi-secrets.py — a hidden secret (password, token, key) never
# reaches assistive technology.  GTK 4.8 gives the real text of a hidden
# field to any AT-SPI client (Text.getText, getCharacterAtOffset, and the
# "text-changed" events, which carry each key typed); Thordesk guards
# every secret field (td_accessible_guard_secret()).  For each field,
# once a known secret is in it: every text object of the window read
# every way AT-SPI offers (whole text, each character, each string at
# each offset, the selection), every name and description, and every
# "text-changed" event received meanwhile must hold neither the secret
# nor any 3-character piece of it.  Shown on request, the field reads as
# it displays; hidden again, the secret is gone again.
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tdatspi as t  # noqa: E402
from tdatspi import Atspi, GLib, check, pyatspi  # noqa: E402

SECRET_ROLES = [pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY]
TEXT_ROLES = [pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY]

# --sandbox-users: example000001's password, filled in by the Endpoints page.
SANDBOX_USER = "example000001"
SANDBOX_PASSWORD = "Pw000001x"


class Events:
    """Every "text-changed" event's payload, in the order received."""

    def __init__(self):
        self.payloads = []
        self.listener = Atspi.EventListener.new(self._on_event)
        self.listener.register("object:text-changed")

    def _on_event(self, event):
        self.payloads.append(str(event.any_data or ""))

    def clear(self):
        t.pump()
        self.payloads = []


def pieces(secret, public=""):
    """The 3-character pieces of @secret, but those of @public (text the
    window shows anyway, as a username sharing digits with it)."""
    return ({secret[i:i + 3] for i in range(len(secret) - 2)}
            - {public[i:i + 3] for i in range(len(public) - 2)})


def readings(node):
    """Everything AT-SPI gives of @node as text, as (how, text) pairs."""
    found = [("name", node.name or ""), ("description", node.description or "")]
    try:
        text = node.queryText()
    except NotImplementedError:
        return found
    count = text.characterCount
    found.append(("getText(0, -1)", text.getText(0, -1)))
    found.append(("getText(0, count)", text.getText(0, count)))
    characters = []
    for offset in range(count):
        try:
            characters.append(chr(text.getCharacterAtOffset(offset)))
        except (GLib.Error, ValueError):
            pass
    found.append(("getCharacterAtOffset", "".join(characters)))
    for granularity in (pyatspi.TEXT_GRANULARITY_CHAR, pyatspi.TEXT_GRANULARITY_WORD,
                        pyatspi.TEXT_GRANULARITY_LINE):
        strings = []
        for offset in range(count):
            try:
                strings.append(text.getStringAtOffset(offset, granularity)[0])
            except GLib.Error:
                pass
        found.append((f"getStringAtOffset({granularity})", "".join(strings)))
    for boundary in (pyatspi.TEXT_BOUNDARY_CHAR, pyatspi.TEXT_BOUNDARY_LINE_START):
        try:
            found.append((f"getTextAtOffset({boundary})", text.getTextAtOffset(0, boundary)[0]))
        except GLib.Error:
            pass
    for index in range(text.getNSelections()):
        start, end = text.getSelection(index)
        found.append(("selection", text.getText(start, end)))
    return found


def leaks(root, secret, events, public=""):
    """Where @secret (or a 3-character piece of it) shows under @root and
    in the events received, as strings for a failure's message."""
    bad = pieces(secret, public)
    found = []
    for node, _ in t.walk(root):
        for how, text in readings(node):
            if any(piece in text for piece in bad):
                found.append(f"{t.describe(node)}: {how} gives {text!r}")
    t.pump()
    heard = "".join(events.payloads)
    if any(piece in heard for piece in bad):
        found.append(f"text-changed events carry {heard!r}")
    return found


def check_no_leak(root, secret, events, what, public=""):
    found = leaks(root, secret, events, public)
    check(not found, f"{what}: the secret reaches AT-SPI:\n" + "\n".join(found))


def fill(field, secret):
    """Puts @secret in @field through AT-SPI's EditableText (GTK inserts
    it as if typed), waiting for its length only: its text is masked."""
    field.queryEditableText().setTextContents(secret)
    t.wait_until(lambda: field.queryText().characterCount == len(secret),
                 f"{field.name!r} to hold {len(secret)} characters")


def create_page(tap, processes):
    """The Create page's password, typed with real keys."""
    secret = "Qz7kLm2Wx9"
    events = Events()
    app = t.App(processes, ["--sandbox"])
    window = app.frame("Thordesk")
    password = t.find_named(window, "Password", SECRET_ROLES)
    t.focus_window("Thordesk")
    t.key("alt+w")
    t.wait_until(lambda: password.getState().contains(pyatspi.STATE_FOCUSED),
                 "the Password field to take the focus")
    events.clear()
    t.xdotool("type", "--delay", "20", secret)
    t.wait_until(lambda: password.queryText().characterCount == len(secret),
                 "the password to be typed")
    t.wait_until(lambda: f"{len(secret)} characters" in (password.description or ""),
                 "the password's length as its description")
    check(len(events.payloads) >= len(secret),
          f"a text-changed event per key typed ({len(events.payloads)} events)")
    check_no_leak(window, secret, events, "typed")

    # Shown on request: read as displayed.  Hidden again: masked again.
    peek = t.find_named(window, "Show the password", [pyatspi.ROLE_PUSH_BUTTON])
    t.do_action(peek, "click")
    t.wait_until(lambda: t.get_text(password) == secret, "the shown password to be readable")
    hide = t.find_named(window, "Hide the password", [pyatspi.ROLE_PUSH_BUTTON])
    t.do_action(hide, "click")
    t.find_named(window, "Show the password", [pyatspi.ROLE_PUSH_BUTTON])
    events.clear()
    check_no_leak(window, secret, events, "hidden again")

    # Deleting (a backspace) must not send back what it deletes.  (GTK
    # 4.8 makes the field another AT-SPI object when it is shown.)
    password = t.find_named(window, "Password", SECRET_ROLES)
    t.key("alt+w")
    t.wait_until(lambda: password.getState().contains(pyatspi.STATE_FOCUSED),
                 "the Password field to take the focus again")
    t.key("End", "BackSpace", "BackSpace", "BackSpace", "BackSpace")
    t.wait_until(lambda: password.queryText().characterCount == len(secret) - 4,
                 "four characters to be deleted")
    tail = secret[-4:]
    t.pump()
    heard = "".join(events.payloads)
    check(not any(c in heard for c in tail), f"deleting sent {heard!r}")

    # What the form sends is still the real password.
    fill(password, "Vq8Zj3Hy6W")
    username = t.find_named(window, "Username", TEXT_ROLES)
    t.set_text(username, "secretcheck1")
    limit = t.find_named(window, "Traffic limit", TEXT_ROLES)
    t.set_text(limit, "1")
    create = t.find_named(window, "Create", [pyatspi.ROLE_PUSH_BUTTON])
    t.wait_until(lambda: create.getState().contains(pyatspi.STATE_SENSITIVE),
                 "Create to become available")
    events.clear()
    t.do_action(create, "click")
    t.find_named(window, "Copy the gateway login", [pyatspi.ROLE_PUSH_BUTTON])
    check_no_leak(window, "Vq8Zj3Hy6W", events, "after the create")
    tap.diag("the created user's password is checked by test-atspi-create")


def token_dialog(tap, processes):
    """The token dialog's token and key."""
    token = "Tk9q2Xv7Lw3Pz"
    key = "Ky4mN8rB2"
    events = Events()
    app = t.App(processes, ["--sandbox"])
    window = app.frame("Thordesk")
    t.do_action(window, "win.enter-token")
    dialog = app.frame("Account Token")
    for name, secret in (("Token", token), ("Key (optional)", key)):
        field = t.find_named(dialog, name, SECRET_ROLES)
        events.clear()
        fill(field, secret)
        t.wait_until(lambda: f"{len(secret)} characters" in (field.description or ""),
                     f"the {name}'s length as its description")
        check_no_leak(dialog, secret, events, name)


def endpoints_page(tap, processes):
    """The Endpoints page's password, filled in from the user list."""
    events = Events()
    app = t.App(processes, ["--sandbox", "--sandbox-users", "3"])
    window = app.frame("Thordesk")
    t.find_named(window, "Create", [pyatspi.ROLE_PUSH_BUTTON])
    t.focus_window("Thordesk")
    t.key("alt+4")
    user = t.find_named(window, "Proxy user", TEXT_ROLES)
    events.clear()
    t.set_text(user, SANDBOX_USER)
    password = t.wait_until(
        lambda: t.find_first(window, lambda n: n.name == "Password" and t.is_showing(n)
                             and n.getRole() == pyatspi.ROLE_PASSWORD_TEXT
                             and n.queryText().characterCount == len(SANDBOX_PASSWORD)),
        "the Endpoints page's password to be filled in")
    check(password is not None, "the password field is found")
    check_no_leak(window, SANDBOX_PASSWORD, events, "filled in", public=SANDBOX_USER)


if __name__ == "__main__":
    if not t.have_xdotool():
        print("1..0 # SKIP xdotool is not installed (tests/dev.sh installs it)")
        sys.exit(0)
    sys.exit(t.main([
        ("the Create page's password never reaches AT-SPI", create_page),
        ("the token and the key never reach AT-SPI", token_dialog),
        ("the Endpoints page's password never reaches AT-SPI", endpoints_page),
    ]))

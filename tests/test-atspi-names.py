#!/usr/bin/python3
# test-atspi-names.py — no control the user can meet has an empty name or
# the one GTK falls back to (its type name: "GtkEntry", "GtkButton",
# "GtkToggleButton"…), as a screen reader would read them from AT-SPI:
# the main window (with every page of its view stack), its main menu,
# the result card after a user is created, the preferences window and
# the token dialog.  Also: each validation message reaches AT-SPI as the
# description of its field (GTK_ACCESSIBLE_RELATION_DESCRIBED_BY).
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tdatspi as t  # noqa: E402
from tdatspi import check, pyatspi  # noqa: E402

TEXT_ROLES = [pyatspi.ROLE_TEXT, pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_ENTRY]


def audit(root, where):
    offenders = t.unnamed_controls(root)
    controls = [n for n, _ in t.walk(root) if t.is_control(n)]
    check(len(controls) > 0, f"no control at all in {where}:\n{t.dump(root)}")
    check(not offenders, f"controls without a name in {where}:\n" + "\n".join(offenders))


def main_window(tap, processes):
    app = t.App(processes, ["--sandbox"])
    window = app.frame("Thordesk")
    t.find_named(window, "Create", [pyatspi.ROLE_PUSH_BUTTON])
    audit(window, "the main window")

    # Every page of the view stack (the Users view among them), through
    # the view switcher's tabs.  (The switcher exists twice, for wide and
    # narrow windows.)
    tabs = {}
    for node, _ in t.walk(window):
        if node.getRole() == pyatspi.ROLE_PAGE_TAB and "click" in t.actions(node):
            tabs.setdefault(node.name, node)
    for name, tab in tabs.items():
        t.do_action(tab, "click")
        t.wait_until(lambda: tab.getState().contains(pyatspi.STATE_SELECTED),
                     f"the page {name!r} to be shown")
        audit(window, f"the page {name!r} of the main window")
    tap.diag(f"pages seen: {list(tabs) or 'none (no view switcher)'}")


def main_menu(tap, processes):
    app = t.App(processes, ["--sandbox"])
    window = app.frame("Thordesk")
    menu_button = t.find_named(window, "Main Menu", [pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON])
    clickable = t.find_first(menu_button, lambda n: "click" in t.actions(n))
    t.do_action(clickable, "click")
    t.wait_until(lambda: t.find_first(window, lambda n: n.getRole() == pyatspi.ROLE_MENU_ITEM
                                      and t.is_showing(n)),
                 "the main menu to open")
    items = [n for n, _ in t.walk(window) if n.getRole() == pyatspi.ROLE_MENU_ITEM]
    for expected in ("Preferences", "Keyboard Shortcuts", "About Thordesk"):
        check(expected in [i.name for i in items],
              f"no menu item named {expected!r}: {[i.name for i in items]}")
    audit(window, "the main menu")


def result_card(tap, processes):
    app = t.App(processes, ["--sandbox"])
    window = app.frame("Thordesk")
    t.set_text(t.find_named(window, "Username", TEXT_ROLES), "namecheck1")
    t.set_text(t.find_named(window, "Password", TEXT_ROLES), "Namecheck1")
    t.do_action(t.find_named(window, "Unlimited traffic", [pyatspi.ROLE_CHECK_BOX]), "toggle")
    create = t.find_named(window, "Create", [pyatspi.ROLE_PUSH_BUTTON])
    t.wait_until(lambda: create.getState().contains(pyatspi.STATE_SENSITIVE), "Create to be available")
    t.do_action(create, "click")

    reveal = t.find_named(window, "Show the password")
    for name in ("Copy the gateway login", "Copy the password", "Copy the proxy URL",
                 "Dismiss the result"):
        t.find_named(window, name, [pyatspi.ROLE_PUSH_BUTTON])
    audit(window, "the main window with a result")

    # The reveal button says what it will do next.
    t.do_action(reveal, "click")
    t.wait_until(lambda: reveal.name == "Hide the password",
                 f"the reveal button to be renamed (it is {reveal.name!r})")

    # The show/hide button of the form's password field (a button of the
    # row, beside the entry): the card's own now says "Hide the password".
    peek = t.find_named(window, "Show the password", [pyatspi.ROLE_PUSH_BUTTON])
    t.do_action(peek, "click")
    t.wait_until(lambda: peek.name == "Hide the password",
                 f"the password field's peek button to be renamed (it is {peek.name!r})")


def preferences(tap, processes):
    app = t.App(processes, ["--sandbox"])
    app.frame("Thordesk")
    t.focus_window("Thordesk")
    t.key("ctrl+comma")
    window = app.frame("Preferences")
    t.find_named(window, "API address", TEXT_ROLES + [pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_LABEL])
    audit(window, "the preferences window")


def token_dialog(tap, processes):
    base_url, _ = t.start_sandbox(processes)
    app = t.App(processes, ["--api-url", base_url])
    window = app.frame("Thordesk")
    # Nothing in the keyring: the app asks for the token by itself.
    try:
        dialog = app.frame("Account Token", limit=10)
    except t.Failure:
        t.do_action(window, "win.enter-token")
        dialog = app.frame("Account Token")
    token = t.find_named(dialog, "Token", TEXT_ROLES)
    t.find_named(dialog, "Key (optional)", TEXT_ROLES)
    audit(dialog, "the token dialog")
    peek = t.find_named(dialog, "Show the token", [pyatspi.ROLE_PUSH_BUTTON])
    check(peek is not None, "the token's peek button is named")


def is_invalid(node):
    return node.getState().contains(pyatspi.STATE_INVALID_ENTRY)


def is_stale(node):
    """AT-SPI's "invalid": what Orca takes for a stale object, whose focus
    it ignores (GTK 4.8 exposes GTK_ACCESSIBLE_STATE_INVALID so)."""
    return node.getState().contains(pyatspi.STATE_INVALID)


def described_by(tap, processes):
    app = t.App(processes, ["--sandbox"])
    window = app.frame("Thordesk")
    username = t.find_named(window, "Username", TEXT_ROLES)
    t.set_text(username, "a b")

    def message():
        targets = t.relation_targets(username, pyatspi.RELATION_DESCRIBED_BY)
        names = [target.name for target in targets if target.name]
        return names[0] if names else None
    text = t.wait_until(message, "the Username field to be described by its message")
    check("space" in text.lower(), f"the description is {text!r}")
    check(text in (username.description or ""),
          f"the message is the field's description: {username.description!r}")
    # GTK 4.8 exposes GTK_ACCESSIBLE_STATE_INVALID as "invalid", which
    # silences the field under Orca: there the state is left unset (the
    # description says it); later versions expose it as "invalid-entry".
    check(not is_stale(username), "the field is not marked as a stale object")
    tap.diag(f"Username is described by: {text!r}, invalid-entry: {is_invalid(username)}")

    t.set_text(username, "goodname1")
    t.wait_until(lambda: message() is None, "the description to go once the field is valid")
    check(not is_invalid(username), "the field is no longer marked invalid")


if __name__ == "__main__":
    sys.exit(t.main([
        ("every control of the main window has a name", main_window),
        ("every item of the main menu has a name", main_menu),
        ("every control of the result card has a name", result_card),
        ("every control of the preferences window has a name", preferences),
        ("every control of the token dialog has a name", token_dialog),
        ("a validation message describes its field on AT-SPI", described_by),
    ]))

#!/usr/bin/python3
# test-atspi-keyboard.py — the whole keyboard path of the real binary, as
# a user without a mouse takes it (keys typed with xdotool under Xvfb),
# checked on AT-SPI as a screen reader sees it:
#
#   - Tab visits the form in its visual order, and every stop has a name;
#   - each field's mnemonic reaches it (Alt+U, Alt+W, Alt+T, Alt+L, Alt+E);
#   - Ctrl+Enter creates;
#   - Escape stops a create in flight, even while a toast is shown;
#   - Ctrl+, opens the preferences, Ctrl+? the shortcuts window, which
#     shows every entry of src/gtk/help-overlay.ui;
#   - with --sandbox-users, Alt+2 lists the example users and typing
#     searches them.
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys
import xml.etree.ElementTree as ElementTree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tdatspi as t  # noqa: E402
from tdatspi import check, pyatspi  # noqa: E402

TOKEN = "kbTok3nQ9x7Wm"
TEXT_ROLES = [pyatspi.ROLE_TEXT, pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_ENTRY]
# The form's stops, top to bottom.
FORM_ORDER = ["Proxy type", "Username", "Password", "Traffic limit", "Unlimited traffic",
              "Enabled", "Create"]


def start(processes, args=("--sandbox",), **env):
    if not t.have_xdotool():
        raise t.Failure("xdotool is not installed (tests/dev.sh installs it)")
    app = t.App(processes, list(args), env=env)
    window = app.frame("Thordesk")
    t.find_named(window, "Create", [pyatspi.ROLE_PUSH_BUTTON])
    t.focus_window("Thordesk")
    return app, window


def focus_key(node):
    extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return (node.name, node.getRole(), extents.x, extents.y)


def text_fields(window):
    return [n for n, _ in t.walk(window)
            if n.getRole() in TEXT_ROLES and "Text" in n.get_interfaces()]


def texts(fields):
    return [t.get_text(f) for f in fields]


def changed_field(fields, before):
    changed = [f for f, text in zip(fields, before) if t.get_text(f) != text]
    return changed[0] if changed else None


# A password reads as a mask on AT-SPI (td_accessible_guard_secret()):
# the one fill() typed is kept here to be put back.
passwords = {}


def put_back(field, fields, before):
    # Focusing a field with Tab selects its text, which the typed
    # character replaced: the field gets its whole text back.
    text = before[fields.index(field)]
    if field.getRole() == pyatspi.ROLE_PASSWORD_TEXT:
        text = passwords.get(field.name, "")
    t.set_text(field, text)


def field_typed_into(fields):
    """The text field (of @fields) the keyboard types into: type a
    character, see which field changes, and put its text back."""
    before = texts(fields)
    t.key("x")
    field = t.wait_until(lambda: changed_field(fields, before), "a typed character to land")
    put_back(field, fields, before)
    return field


def press_and_follow(fields, focus, keys):
    """Presses @keys and returns the control that has the focus then.
    GTK 4.8 sends a focus event for every control but the text of an
    AdwEntryRow (its GtkText has no node of its own): so a character is
    typed right after, and the field of @fields that changes has the
    focus instead."""
    before = texts(fields)
    focus.clear()
    t.key(keys)
    t.key("x")

    def landed():
        field = changed_field(fields, before)
        if field is not None:
            put_back(field, fields, before)
            return field
        return focus.gained[-1] if focus.gained else None
    return t.wait_until(landed, f"{keys} to move the focus")


def tab_order(tap, processes):
    app, window = start(processes)
    # Valid, so that Create takes the focus too.
    fill(window, "taborder1", "Taborder1")
    t.focus_window("Thordesk")
    fields = text_fields(window)
    focus = t.FocusEvents()
    stops = []
    seen = set()
    for _ in range(60):
        node = press_and_follow(fields, focus, "Tab")
        key = focus_key(node)
        if key in seen:
            break
        seen.add(key)
        stops.append((node, key))
    focus.close()
    names = [key[0] for _, key in stops]
    tap.diag("Tab stops: " + " → ".join(names))

    unnamed = [t.describe(node) for node, _ in stops if t.is_default_name(node.name)]
    check(not unnamed, f"Tab stops without a name: {unnamed}")

    # The form's fields come in their visual order, wherever the cycle
    # started, and each is below (or beside) the one before.
    positions = []
    for expected in FORM_ORDER:
        matches = [i for i, (node, key) in enumerate(stops)
                   if key[0] == expected and node.getRole() != pyatspi.ROLE_PAGE_TAB]
        check(matches, f"Tab never reaches {expected!r}: {names}")
        positions.append(matches[0])
    start_index = positions[0]
    rotated = [(i - start_index) % len(stops) for i in positions]
    check(rotated == sorted(rotated),
          f"the form is visited as {[names[i] for i in sorted(positions, key=lambda i: (i - start_index) % len(stops))]}")
    form = [stops[(start_index + i) % len(stops)][1] for i in range(rotated[-1] + 1)]
    for (name_a, _, x_a, y_a), (name_b, _, x_b, y_b) in zip(form, form[1:]):
        check(y_b >= y_a - 4 or (abs(y_b - y_a) < 24 and x_b > x_a),
              f"{name_b!r} (at {x_b},{y_b}) comes after {name_a!r} (at {x_a},{y_a}) on Tab "
              f"but is above it")


def mnemonics(tap, processes):
    app, window = start(processes)
    fields = text_fields(window)
    for keys, name in (("alt+u", "Username"), ("alt+w", "Password"), ("alt+t", "Traffic limit")):
        t.key(keys)
        field = field_typed_into(fields)
        check(field.name == name, f"{keys} moved the focus to {t.describe(field)}, not {name!r}")

    unlimited = t.find_named(window, "Unlimited traffic", [pyatspi.ROLE_CHECK_BOX])
    t.key("alt+l")
    t.wait_until(lambda: unlimited.getState().contains(pyatspi.STATE_CHECKED),
                 "Alt+L to turn Unlimited traffic on")
    enabled = t.find_named(window, "Enabled", [pyatspi.ROLE_CHECK_BOX])
    t.key("alt+e")
    t.wait_until(lambda: not enabled.getState().contains(pyatspi.STATE_CHECKED),
                 "Alt+E to turn Enabled off")

    proxy_type = t.find_named(window, "Proxy type", [pyatspi.ROLE_COMBO_BOX])
    t.key("alt+p")
    t.wait_until(lambda: len([n for n, _ in t.walk(proxy_type)
                              if n.getRole() == pyatspi.ROLE_LIST]) > 1,
                 "Alt+P to open the proxy types")
    t.key("Escape")


def fill(window, username, password, limit="1"):
    t.set_text(t.find_named(window, "Username", TEXT_ROLES), username)
    t.set_text(t.find_named(window, "Password", TEXT_ROLES), password)
    passwords["Password"] = password
    t.set_text(t.find_named(window, "Traffic limit", TEXT_ROLES), limit)
    create = t.find_named(window, "Create", [pyatspi.ROLE_PUSH_BUTTON])
    t.wait_until(lambda: create.getState().contains(pyatspi.STATE_SENSITIVE),
                 "Create to become available")


def ctrl_enter(tap, processes):
    base_url, requests = t.start_sandbox(processes, token=TOKEN)
    t.store_token(TOKEN)
    app, window = start(processes, ["--api-url", base_url], G_MESSAGES_DEBUG="all")
    t.wait_until(lambda: app.stdout_contains("Keyring: token found"), "the token to be read")
    fill(window, "ctrlenter1", "Ctrlenter1")
    t.focus_window("Thordesk")
    t.key("ctrl+Return")
    t.wait_until(requests, "Ctrl+Enter to send the request")
    check(requests()[0]["fields"]["username"] == "ctrlenter1", f"sent {requests()}")


def toast_shown(window):
    """The toast on screen, if any: a child of the toast overlay, near
    the top of the tree (a full walk takes seconds, longer than a toast
    stays)."""
    for node, _ in t.walk(window, max_depth=3):
        if node.name == "Dismiss the notification" or any(
                child is not None and child.name == "Dismiss the notification"
                for child in node):
            return node
    return None


def escape_cancels(tap, processes):
    base_url, requests = t.start_sandbox(processes, hang=True)
    t.store_token(TOKEN)
    app, window = start(processes, ["--api-url", base_url], G_MESSAGES_DEBUG="all")
    t.wait_until(lambda: app.stdout_contains("Keyring: token found"), "the token to be read")
    cancel = t.find_first(window, lambda n: n.name == "Cancel" and "click" in t.actions(n)
                          and n.getRole() == pyatspi.ROLE_PUSH_BUTTON
                          and t.find_first(n.parent, lambda m: m.name == "Creating…"))
    check(cancel is not None, "no Cancel button next to “Creating…”")

    # A toast on screen (the generated password's) when Escape is pressed:
    # the toast overlay would take Escape for itself to dismiss it.
    t.set_text(t.find_named(window, "Username", TEXT_ROLES), "escapeuser1")
    t.set_text(t.find_named(window, "Traffic limit", TEXT_ROLES), "1")
    password = t.find_named(window, "Password", TEXT_ROLES)
    # A click through AT-SPI lands after the button's press animation.
    t.do_action(t.find_named(window, "Generate a password", [pyatspi.ROLE_PUSH_BUTTON]), "click")
    t.wait_until(lambda: t.get_text(password) != "", "a password to be generated")
    t.focus_window("Thordesk")
    t.key("ctrl+Return")
    t.wait_until(lambda: len(requests()) == 1, "the request")
    t.wait_until(lambda: cancel.getState().contains(pyatspi.STATE_SENSITIVE),
                 "Cancel to be offered while the request is in flight")
    check(toast_shown(window) is not None,
          "the toast was gone before Escape (the machine is too slow for this test)")

    t.key("Escape")
    t.wait_until(lambda: not cancel.getState().contains(pyatspi.STATE_SENSITIVE),
                 "Escape to stop the create in flight")
    t.wait_until(lambda: t.find_first(window, lambda n: n.getRole() == pyatspi.ROLE_LABEL
                                      and t.label_text(n).startswith("Stopped waiting")),
                 "the window to say it stopped waiting")
    t.wait_until(lambda: app.stdout_contains("create-user: sending failed (g-io-error-quark 19)"),
                 "the request to be cancelled (G_IO_ERROR_CANCELLED), not timed out")


def preferences_shortcut(tap, processes):
    app, window = start(processes)
    t.key("ctrl+comma")
    preferences = app.frame("Preferences")
    t.find_named(preferences, "API address", TEXT_ROLES)
    t.key("Escape")
    app.no_frame("Preferences")


def help_overlay_titles():
    path = os.path.join(t.SOURCE_ROOT, "src", "gtk", "help-overlay.ui")
    titles = []
    for shortcut in ElementTree.parse(path).iter("object"):
        if shortcut.get("class") in ("GtkShortcutsShortcut", "GtkShortcutsGroup"):
            for prop in shortcut.findall("property"):
                if prop.get("name") == "title":
                    titles.append(prop.text.strip())
    # The pages' entries, made from the window's page table.
    with open(os.path.join(t.SOURCE_ROOT, "src", "td-window.c"), encoding="utf-8") as stream:
        titles += re.findall(r'NC_\s*\(\s*"shortcut window"\s*,\s*"([^"]+)"\s*\)', stream.read())
    return titles


def shortcuts_window(tap, processes):
    app, window = start(processes)
    t.key("ctrl+question")
    shortcuts = app.frame("Keyboard Shortcuts")
    shown = {n.name for n, _ in t.walk(shortcuts) if n.getRole() == pyatspi.ROLE_LABEL}
    missing = [title for title in help_overlay_titles() if title not in shown]
    check(not missing, f"not shown in the shortcuts window: {missing}")
    t.key("Escape")
    app.no_frame("Keyboard Shortcuts")


def showing_switches(window):
    return {n.name for n, _ in t.walk(window)
            if n.getRole() == pyatspi.ROLE_CHECK_BOX and n.name.startswith("Enabled, ")
            and t.is_showing(n)}


def large_sandbox_search(tap, processes):
    """--sandbox-users fills the sandbox; Alt+2 lists them; typing on the
    Users page searches, and the rows a screen reader finds follow."""
    app, window = start(processes, ["--sandbox", "--sandbox-users", "3000"])
    t.key("alt+2")
    t.find_named(window, "Enabled, example000000", [pyatspi.ROLE_CHECK_BOX])
    t.find_named(window, "3000 of 3100 users in the account", [pyatspi.ROLE_LABEL])
    # Typing anywhere on the page goes to the search field.
    t.key(*"ple00299")
    t.wait_until(lambda: "Enabled, example002990" in showing_switches(window)
                 and "Enabled, example000000" not in showing_switches(window),
                 "the search to show example00299x only")
    switches = showing_switches(window)
    check(switches == {f"Enabled, example00299{i}" for i in range(10)},
          f"switches shown for ple00299: {sorted(switches)}")
    # Erasing shows the first users again.
    for _ in range(8):
        t.key("BackSpace")
    t.wait_until(lambda: "Enabled, example000000" in showing_switches(window),
                 "the whole list after the search is erased")


if __name__ == "__main__":
    sys.exit(t.main([
        ("Tab follows the visual order and stops on named controls only", tab_order),
        ("every field's mnemonic reaches it", mnemonics),
        ("Ctrl+Enter creates", ctrl_enter),
        ("Escape stops a create in flight, even with a toast shown", escape_cancels),
        ("Ctrl+, opens the preferences and Escape closes them", preferences_shortcut),
        ("Ctrl+? opens the shortcuts window with every shortcut", shortcuts_window),
        ("a sandbox of 3,000 users is listed and searched by typing", large_sandbox_search),
    ]))

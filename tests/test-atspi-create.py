#!/usr/bin/python3
# test-atspi-create.py — creates a proxy user the way a screen reader
# user does: the real binary, started against a sandbox in another
# process, with the token stored in the keyring beforehand (secret-tool,
# as an administrator would); every field found by its accessible name
# only, filled through AT-SPI, Create invoked through its AT-SPI action.
# Then the request the sandbox received is checked field by field, and
# the keyboard focus must be on a named control of the result.
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tdatspi as t  # noqa: E402
from tdatspi import check, pyatspi  # noqa: E402

TOKEN = "atspiTok3nR8w2Lq"
USERNAME = "screenreader7"
PASSWORD = "Atspi7Secret"
LIMIT_GB = "3"

TEXT_ROLES = [pyatspi.ROLE_TEXT, pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_ENTRY]


def create_by_name(tap, processes):
    t.store_token(TOKEN)
    base_url, requests = t.start_sandbox(processes, token=TOKEN)

    # G_MESSAGES_DEBUG only to know when the keyring has been read (after
    # the first frame): nothing on screen changes when a token is found.
    app = t.App(processes, ["--api-url", base_url], env={"G_MESSAGES_DEBUG": "all"})
    window = app.frame("Thordesk")
    t.wait_until(lambda: app.stdout_contains("Keyring: token found"),
                 "the app to read the token from the keyring")

    # Proxy type: a combo box; its choices open with the field's mnemonic
    # (popovers cannot be opened through AT-SPI in GTK 4.8) and are
    # chosen with the arrow keys, as a keyboard user does.
    proxy_type = t.find_named(window, "Proxy type", [pyatspi.ROLE_COMBO_BOX])
    t.focus_window("Thordesk")
    t.key("alt+p")
    t.wait_until(lambda: len([n for n in t.find_all(proxy_type, lambda n: n.getRole()
                                                    == pyatspi.ROLE_LIST and t.is_showing(n))]) > 1,
                 "the list of proxy types to open")
    t.key("Down", "Down", "Return")
    t.wait_until(lambda: "Mobile" in [n.name for n in t.find_all(
                     proxy_type, lambda n: n.getRole() == pyatspi.ROLE_LABEL and t.is_showing(n))],
                 "Proxy type to show Mobile")

    t.set_text(t.find_named(window, "Username", TEXT_ROLES), USERNAME)
    t.set_text(t.find_named(window, "Password", TEXT_ROLES), PASSWORD)
    t.set_text(t.find_named(window, "Traffic limit", TEXT_ROLES), LIMIT_GB)

    enabled = t.find_named(window, "Enabled", [pyatspi.ROLE_CHECK_BOX])
    check(enabled.getState().contains(pyatspi.STATE_CHECKED), "Enabled starts on")
    t.do_action(enabled, "toggle")
    t.wait_until(lambda: not enabled.getState().contains(pyatspi.STATE_CHECKED),
                 "Enabled to turn off")

    create = t.find_named(window, "Create", [pyatspi.ROLE_PUSH_BUTTON])
    t.wait_until(lambda: create.getState().contains(pyatspi.STATE_SENSITIVE),
                 "Create to become available")
    t.do_action(create, "click")

    t.wait_until(lambda: requests(), "the sandbox to receive a request")
    received = requests()
    check(len(received) == 1, f"one request, not {len(received)}: {received}")
    request = received[0]
    check(request["method"] == "POST", f"method {request['method']}")
    check(request["path"] == "/api/proxy-users/create-user", f"path {request['path']}")
    check(request["token"] == TOKEN, "the token from the keyring was sent")
    fields = request["fields"] or {}
    expected = {"proxy_type": 3, "username": USERNAME, "password": PASSWORD,
                "traffic_limit": int(LIMIT_GB) * 1024, "status": "false"}
    for name, value in expected.items():
        check(fields.get(name) == value,
              f"{name} arrived as {fields.get(name)!r}, expected {value!r} (fields: {fields})")

    # The result is announced by moving the focus to it (GTK 4.8 has no
    # announcement API): the focus must land on a control with a name.
    def focused_in_result():
        node = app.focused()
        return node if node is not None and node.name.startswith("Copy") else None
    node = t.wait_until(focused_in_result, "the focus to move to the result card")
    check(not t.is_default_name(node.name), f"focus on {t.describe(node)}")
    tap.diag(f"focus after create: {t.describe(node)}")

    # The user is created and the form is ready for the next one.
    t.wait_until(lambda: t.get_text(t.find_named(window, "Username", TEXT_ROLES)) == "",
                 "the form to be cleared")


if __name__ == "__main__":
    sys.exit(t.main([("a user is created with every field found by its accessible name",
                      create_by_name)]))

#!/usr/bin/python3
# test-atspi-account.py — the Account page as a screen reader user works
# it: the real binary against the test sandbox server, every control
# found by its accessible name only.  The balance read from what AT-SPI
# gives (remaining traffic with its unit, days left), an address typed
# (its message as the field's description), added with the Add button,
# heard in the list with its status, deleted after its confirmation; a
# second account added the way a user does, switched to, and the page's
# data changing with it.
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tdatspi as t  # noqa: E402
from tdatspi import check, pyatspi  # noqa: E402

TOKEN = "TokAcct7Qm4"
# The second account's token, which the server does not know: its data
# is the server's refusal, never the first account's figures.
OTHER_TOKEN = "TokClientB2Kx"
ADDRESS = "93.184.216.35"

TEXT_ROLES = [pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY]
LIST_ITEM = [pyatspi.ROLE_LIST_ITEM]


def description(node):
    return node.description or ""


def labels_of(node):
    """The texts of the labels in @node (a row: its title, its subtitle)."""
    return [t.label_text(n) for n, _ in t.walk(node) if n.getRole() == pyatspi.ROLE_LABEL]


def row_value(window, title, pattern, what):
    """The subtitle of the row @title that matches @pattern."""
    def find():
        row = t.find_first(window, lambda n: n.getRole() == pyatspi.ROLE_LIST_ITEM
                           and n.name == title and t.is_showing(n))
        if row is None:
            return None
        return next((text for text in labels_of(row) if re.search(pattern, text)), None)
    return t.wait_until(find, what)


def dialog_button(app, name):
    """The button @name of a message dialog (GTK 4.8 may name it after
    its mnemonic label too: "_Delete Delete")."""
    return t.wait_until(lambda: t.find_first(app.accessible, lambda n: n.getRole() ==
                                             pyatspi.ROLE_PUSH_BUTTON and t.is_showing(n)
                                             and n.name.replace("_", "").split(" ")
                                             in ([name], [name, name])),
                        f"a button named {name!r}")


def account_page(tap, processes):
    if not t.have_xdotool():
        raise t.Failure("xdotool is not installed (tests/dev.sh installs it)")
    base_url, _ = t.start_sandbox(processes, token=TOKEN)
    t.store_token(TOKEN)
    app = t.App(processes, ["--api-url", base_url])
    window = app.frame("Thordesk")
    t.find_named(window, "Create", [pyatspi.ROLE_PUSH_BUTTON])
    t.focus_window("Thordesk")
    t.key("alt+5")

    # The balance, as its rows give it: the figure with its unit, the
    # days left with the date.
    traffic = row_value(window, "Remaining traffic", r"^\d+(\.\d+)? (KB|MB|GB|TB)$",
                        "the remaining traffic with its unit")
    expires = row_value(window, "Package expires", r"^\d+ days? left \(\d{4}-\d\d-\d\d\)",
                        "the days left")
    wallet = row_value(window, "Wallet", r"\d", "the wallet balance")
    tap.diag(f"heard: traffic {traffic!r}, expires {expires!r}, wallet {wallet!r}")
    check(traffic == "50.0 GB", f"the sandbox's 51200 MB shown as 50.0 GB: {traffic!r}")
    check(expires.startswith("45 days left"), f"45 days left: {expires!r}")

    # The field: its name; its message as its description, heard with it.
    field = t.find_named(window, "IPv4 address to add", TEXT_ROLES)
    add = t.find_named(window, "Add the address", [pyatspi.ROLE_PUSH_BUTTON])
    t.set_text(field, "10.0.0")
    t.pump()
    check(description(field) == "", f"nothing said while it may become an address: "
          f"{description(field)!r}")
    t.set_text(field, "2001:db8::1")
    t.wait_until(lambda: "IPv6" in description(field),
                 f"the IPv6 refusal as the field's description ({description(field)!r})")
    t.set_text(field, ADDRESS)
    t.wait_until(lambda: description(field) == "", f"the message to go ({description(field)!r})")
    t.wait_until(lambda: add.getState().contains(pyatspi.STATE_SENSITIVE), "Add to be enabled")
    t.do_action(add, "click")

    # In the list, heard with its address and its status.
    addresses = t.find_named(window, "Whitelisted addresses", [pyatspi.ROLE_LIST,
                                                                pyatspi.ROLE_LIST_BOX])
    row = t.find_named(addresses, ADDRESS, LIST_ITEM)
    status = t.wait_until(lambda: next((x for x in labels_of(row) if "Enabled" in x), None),
                          "the row's status")
    tap.diag(f"the row reads: {ADDRESS}, {status!r}")
    t.wait_until(lambda: t.get_text(field) == "", "the field to be emptied")
    t.find_named(window, "1 of 10 addresses used", [pyatspi.ROLE_LABEL])

    # Deleted after its confirmation.
    delete = t.find_named(row, f"Delete {ADDRESS}", [pyatspi.ROLE_PUSH_BUTTON])
    t.do_action(delete, "click")
    confirm = dialog_button(app, "Delete")
    check(t.find_first(addresses, lambda n: n.name == ADDRESS) is not None,
          "nothing deleted before the confirmation")
    t.do_action(confirm, "click")
    t.wait_until(lambda: t.find_first(addresses, lambda n: n.name == ADDRESS
                                      and t.is_showing(n)) is None,
                 "the address to leave the list")
    t.find_named(window, "0 of 10 addresses used", [pyatspi.ROLE_LABEL])

    # No control of the page is unnamed.
    page = field.parent
    while t.find_first(page, lambda n: n.name == "Remaining traffic") is None:
        page = page.parent
    offenders = t.unnamed_controls(page)
    check(not offenders, f"unnamed controls: {offenders}")

    # A second account, added as a user does, then switched to.
    name = t.find_named(window, "New account name", TEXT_ROLES)
    t.set_text(name, "Client B")
    token = t.find_named(window, "Its account token", [pyatspi.ROLE_PASSWORD_TEXT])
    t.set_text(token, OTHER_TOKEN)
    t.wait_until(lambda: f"{len(OTHER_TOKEN)} characters" in description(token),
                 f"the token heard as a count ({description(token)!r})")
    check(OTHER_TOKEN not in description(token), "the token is not in its description")
    t.do_action(t.find_named(window, "Add the account", [pyatspi.ROLE_PUSH_BUTTON]), "click")
    switch = t.find_named(window, "Switch to Client B", [pyatspi.ROLE_PUSH_BUTTON])
    t.do_action(switch, "click")

    t.wait_until(lambda: "In use" in labels_of(t.find_named(window, "Client B", LIST_ITEM)),
                 "Client B to be in use")
    refused = t.wait_until(lambda: t.find_first(window, lambda n: n.getRole() == pyatspi.ROLE_LABEL
                                                and t.is_showing(n)
                                                and "10013" in t.label_text(n)),
                           "the balance to say the server refused Client B's token")
    tap.diag(f"after the switch: {t.label_text(refused)!r}")
    # The first account's figures are gone with it.
    t.wait_until(lambda: t.find_first(window, lambda n: n.getRole() == pyatspi.ROLE_LABEL
                                      and t.label_text(n) == traffic) is None,
                 "the first account's remaining traffic to go")


if __name__ == "__main__":
    sys.exit(t.main([("the Account page by accessible names: balance, whitelist, accounts",
                      account_page)]))

#!/usr/bin/python3
# test-atspi-endpoints.py — the Endpoints page as a screen reader user
# works it: the real binary in --sandbox (its users, its locations, its
# stand-in gateway), every field found by its accessible name only, a
# country picked, the session made sticky, the proxy URL copied (read back
# from the X clipboard with xclip) and the endpoint tested, asserting what
# assistive technology gets: names, values, descriptions, the result text.
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tdatspi as t  # noqa: E402
from tdatspi import check, pyatspi  # noqa: E402

# --sandbox-users: example000001 is enabled, its password is Pw000001x.
USER = "example000001"
PASSWORD = "Pw000001x"

TEXT_ROLES = [pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY]
PASSWORD_ROLES = [pyatspi.ROLE_PASSWORD_TEXT]


def description(node):
    return node.description or ""


def section_with(node, name, roles):
    """The control named @name in the nearest group above @node that has
    one (several pages have a "Password")."""
    parent = node.parent
    while parent is not None:
        found = t.find_first(parent, lambda n: n.name == name and n.getRole() in roles
                             and t.is_showing(n))
        if found is not None:
            return found
        parent = parent.parent
    raise t.Failure(f"no {name!r} near {t.describe(node)}")


def clipboard():
    result = subprocess.run(["timeout", str(int(t.WAIT_LIMIT)), "xclip", "-o",
                             "-selection", "clipboard"],
                            capture_output=True, text=True)
    return result.stdout if result.returncode == 0 else None


def endpoint_by_name(tap, processes):
    if not t.have_xdotool():
        raise t.Failure("xdotool is not installed (tests/dev.sh installs it)")
    app = t.App(processes, ["--sandbox", "--sandbox-users", "3"])
    window = app.frame("Thordesk")
    t.find_named(window, "Create", [pyatspi.ROLE_PUSH_BUTTON])
    t.focus_window("Thordesk")
    t.key("alt+4")

    user = t.find_named(window, "Proxy user", TEXT_ROLES)
    t.set_text(user, USER)
    password = section_with(user, "Password", PASSWORD_ROLES)
    # The user's password comes from the sandbox's list: heard as a count
    # of characters, never read out.
    t.wait_until(lambda: f"{len(PASSWORD)} characters" in description(password),
                 f"the password to be filled in (description {description(password)!r})")
    check(PASSWORD not in description(password), "the password is not in its description")

    # A country typed that is not a country code: the message is the
    # field's description, heard with it.
    country = section_with(user, "Country code", TEXT_ROLES)
    t.set_text(country, "j")
    t.wait_until(lambda: "two-letter country code" in description(country),
                 f"the country's message as its description ({description(country)!r})")
    t.set_text(country, "jp")
    t.wait_until(lambda: description(country) == "",
                 f"the message to go ({description(country)!r})")

    sticky = section_with(user, "Sticky session", [pyatspi.ROLE_TOGGLE_BUTTON,
                                                   pyatspi.ROLE_CHECK_BOX])
    t.do_action(sticky, t.actions(sticky)[0])
    session = section_with(user, "Session ID", TEXT_ROLES)
    t.wait_until(lambda: re.fullmatch(r"[a-z0-9]{12}", t.get_text(session)),
                 f"a session ID ({t.get_text(session)!r})")
    session_id = t.get_text(session)
    expected = (f"http://td-customer-{USER}-country-jp-sessid-{session_id}-sesstime-10:"
                f"{PASSWORD}@")

    # The output, as a label's text, the password masked; copied whole.
    masked = expected.replace(PASSWORD, "••••••••")
    t.wait_until(lambda: t.find_first(window, lambda n: n.getRole() == pyatspi.ROLE_LABEL
                                      and t.label_text(n).startswith(masked)),
                 f"the proxy URL {masked}… among the labels")
    check(t.find_first(window, lambda n: n.getRole() == pyatspi.ROLE_LABEL
                       and PASSWORD in t.label_text(n)) is None,
          "no label shows the password")
    copy = t.find_named(window, "Copy the proxy URL", [pyatspi.ROLE_PUSH_BUTTON])
    t.do_action(copy, "click")
    copied = t.wait_until(lambda: (clipboard() or "").startswith(expected) and clipboard(),
                          f"the clipboard to hold {expected}…")
    tap.diag(f"copied a URL of {len(copied)} characters")

    # Revealed on request.
    reveal = t.find_named(window, "Show the passwords in the endpoints",
                          [pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PUSH_BUTTON])
    t.do_action(reveal, "click")
    t.wait_until(lambda: t.find_first(window, lambda n: n.getRole() == pyatspi.ROLE_LABEL
                                      and t.label_text(n).startswith(expected)),
                 f"the proxy URL {expected}… among the labels")

    test = t.find_named(window, "Test the endpoint", [pyatspi.ROLE_PUSH_BUTTON])
    t.do_action(test, "click")

    # GTK 4.8 names a label by its text: that is what is heard.
    def result_text():
        node = t.find_first(window, lambda n: n.getRole() == pyatspi.ROLE_LABEL and t.is_showing(n)
                            and t.label_text(n).startswith("The endpoint "))
        return t.label_text(node) if node is not None else None
    text = t.wait_until(result_text, "the test result")
    tap.diag(f"the result reads: {text!r}")
    check(text.startswith("The endpoint works."), f"the endpoint works: {text!r}")
    check(re.search(r"Exit IP: 203\.0\.113\.\d+", text), f"an exit IP in {text!r}")
    check("Country: JP" in text, f"the country in {text!r}")
    # Heard when it comes: the focus moves to it.
    focused = t.wait_until(lambda: (lambda n: n if n is not None and t.label_text(n) == text
                                    else None)(app.focused()),
                           "the focus to move to the result")
    tap.diag(f"focus after the test: {t.describe(focused)[:60]}")

    # No control of the page is unnamed (the page: the nearest group
    # above the first field that also holds Test).
    page = user.parent
    while t.find_first(page, lambda n: n.name == "Test the endpoint") is None:
        page = page.parent
    offenders = t.unnamed_controls(page)
    check(not offenders, f"unnamed controls: {offenders}")


if __name__ == "__main__":
    sys.exit(t.main([("an endpoint is made sticky, copied and tested by accessible names",
                      endpoint_by_name)]))

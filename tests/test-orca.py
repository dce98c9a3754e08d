#!/usr/bin/python3
# test-orca.py — what a blind administrator hears: Debian's screen
# reader, Orca, runs against the real binary (tests/tdorca.py), which is
# driven with real keys (xdotool); what Orca says is read from its debug
# log.  In English and in German (the app's language; Orca itself stays
# English).
#
#   - each field of the Create page is heard with its name when the focus
#     reaches it by its mnemonic, with its value and its message, also
#     when the focus comes back to it (Shift+Tab, mnemonic);
#   - the password is heard with its length, never its characters;
#   - the traffic limit is heard with its unit, the unit drop-down with
#     its name and value;
#   - a created user is heard ("Created proxy user"), and a server error
#     in words with its code;
#   - on the Users page, a search says how many users it shows, and the
#     first match is heard as a whole row (name, status, limit, usage,
#     creation date);
#   - in the token dialog the app opens when it has no token, the Token
#     field is heard by its name, and its length, never its characters;
#   - no GTK or libadwaita class name is ever heard.
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import gettext
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tdatspi as t  # noqa: E402
from tdatspi import check, pyatspi  # noqa: E402
import tdorca  # noqa: E402

TOKEN = "orcaTok3nW9x2Lq"
USERNAME = "orcauser2026"
PASSWORD = "Orca7Secret"
# Orca under a loaded machine: starting it and the app takes a while.
LIMIT = 60


class Language:
    """The app's messages in @code ("" for English, untranslated)."""

    def __init__(self, code):
        self.code = code
        self.localedir = os.path.join(t.BUILD_ROOT, "po")
        if code:
            mo = os.path.join(self.localedir, code, "LC_MESSAGES", "thordesk.mo")
            with open(mo, "rb") as stream:
                self.catalogue = gettext.GNUTranslations(stream)
        else:
            self.catalogue = gettext.NullTranslations()

    def env(self):
        if not self.code:
            return {}
        return {"LANGUAGE": self.code, "THORDESK_LOCALEDIR": self.localedir}

    def _(self, msgid):
        return self.catalogue.gettext(msgid)

    def n_(self, singular, plural, n):
        return self.catalogue.ngettext(singular, plural, n) % n

    def plain(self, msgid):
        """The translation of a label with a mnemonic, as shown."""
        return re.sub(r"_(.)", r"\1", self._(msgid))

    def mnemonic_key(self, msgid):
        letter = re.search(r"_(.)", self._(msgid)).group(1).lower()
        check(letter.isascii() and letter.isalnum(),
              f"the mnemonic of {self._(msgid)!r} can be typed")
        return "alt+" + letter


def start(processes, language, token):
    t.store_token(token)
    base_url, requests = t.start_sandbox(processes, token=TOKEN)
    env = {"G_MESSAGES_DEBUG": "all"}
    env.update(language.env())
    app = t.App(processes, ["--api-url", base_url], env=env, limit=LIMIT)
    app.frame("Thordesk", limit=LIMIT)
    t.wait_until(lambda: app.stdout_contains("Keyring: token found"),
                 "the app to read the token from the keyring", LIMIT)
    t.focus_window("Thordesk")
    return app, requests


def type_text(text):
    t.xdotool("type", "--delay", "30", text)


def check_no_secret(heard, secret):
    """Neither @secret, nor any 3 characters of it, nor any of it
    spelled out ("P w 0") is in @heard."""
    spoken = heard.lower()
    for piece in {secret[i:i + 3].lower() for i in range(len(secret) - 2)}:
        check(piece not in spoken and " ".join(piece) not in spoken,
              f"{piece!r} of the secret was heard: {heard!r}")


def hear(orca, keys, *needles):
    """Presses @keys, waits for @needles to be heard; returns what was."""
    orca.mark()
    t.key(*keys)
    return orca.wait_heard(*needles, limit=LIMIT)


def create_page_heard(language):
    def run(tap, processes):
        _ = language._
        orca = tdorca.Orca(processes)
        app, requests = start(processes, language, TOKEN)

        username = language.plain("_Username")
        password = language.plain("Pass_word")
        limit = language.plain("_Traffic limit")
        too_short = language.n_("Use at least %d character.", "Use at least %d characters.", 6)

        # A field reached by its mnemonic is heard by its name.
        heard = hear(orca, [language.mnemonic_key("_Username")], username)
        tap.diag(f"Alt+U: {heard}")

        # A message is heard as it appears, as one types (it is the
        # field's description, which is also read with the field).
        orca.mark()
        type_text("ab")
        heard = orca.wait_heard(too_short, limit=LIMIT)
        tap.diag(f"typing: {heard}")
        # Back to a field already visited, its message is heard again with
        # its name and value (a field marked invalid the way GTK 4.8 does
        # it was dropped by Orca as a stale object: nothing was heard).
        heard = hear(orca, ["Tab"], password)
        tap.diag(f"Tab: {heard}")
        heard = hear(orca, ["shift+Tab"], username, "ab", too_short)
        tap.diag(f"Shift+Tab: {heard}")
        heard = hear(orca, ["Tab"], password)
        tap.diag(f"Tab again: {heard}")
        heard = hear(orca, [language.mnemonic_key("_Username")], username, "ab", too_short)
        tap.diag(f"Alt+U again: {heard}")
        t.key("ctrl+a")
        type_text(USERNAME)

        # The password: its length, never its characters.
        heard = hear(orca, [language.mnemonic_key("Pass_word")], password)
        tap.diag(f"Alt+W: {heard}")
        orca.mark()
        type_text(PASSWORD)
        heard = orca.wait_heard(language.n_("%d character.", "%d characters.", len(PASSWORD)),
                                limit=LIMIT)
        tap.diag(f"typing the password: {heard}")
        for secret in (PASSWORD, PASSWORD[:4], " ".join(PASSWORD[:4])):
            check(secret.lower() not in heard.lower(), f"the password was heard: {heard!r}")

        # Back to the filled field: its name and length, none of its
        # characters (GTK 4.8 gave Orca the real text: "Pw0" was heard).
        heard = hear(orca, ["shift+Tab"], username)
        tap.diag(f"Shift+Tab: {heard}")
        heard = hear(orca, [language.mnemonic_key("Pass_word")], password,
                     language.n_("%d character.", "%d characters.", len(PASSWORD)))
        tap.diag(f"Alt+W, filled: {heard}")
        check_no_secret(heard, PASSWORD)

        # The traffic limit is heard with its unit, the unit drop-down with
        # its name and what it shows, and both follow a change of unit.
        heard = hear(orca, [language.mnemonic_key("_Traffic limit")], limit, _("In gigabytes."))
        tap.diag(f"Alt+T: {heard}")
        orca.mark()
        type_text("500")
        t.key("Tab")
        heard = orca.wait_heard(_("Traffic limit unit"), _("GB"), limit=LIMIT)
        tap.diag(f"Tab to the unit: {heard}")
        # The unit is said with the field, not again at each digit (Orca
        # may repeat the focused field's description once).
        check(heard.count(_("In gigabytes.")) <= 1,
              f"the unit was said again as the limit was typed: {heard!r}")
        heard = hear(orca, ["space"], _("MB"))
        tap.diag(f"the units: {heard}")
        # GTK 4.8's drop-down list: Return chooses the item under its
        # cursor, which only the arrows move (at first, it is the chosen
        # one, whichever item has the focus).
        hear(orca, ["Down"], _("GB"))
        hear(orca, ["Up"], _("MB"))
        heard = hear(orca, ["Return"], _("Traffic limit unit"), _("MB"))
        tap.diag(f"MB chosen: {heard}")
        heard = hear(orca, ["shift+Tab"], limit, "500", _("In megabytes."))
        tap.diag(f"back to the limit: {heard}")

        # Create: the result is heard.
        heard = hear(orca, ["ctrl+Return"], _("Created proxy user"))
        tap.diag(f"created: {heard}")
        t.wait_until(lambda: requests(), "the sandbox to receive the request", LIMIT)

        # The Users page: a search says how many users it shows; the first
        # match is heard as a whole row.
        t.key("alt+2")
        t.key("ctrl+f")
        orca.mark()
        type_text(USERNAME[:8])
        heard = orca.wait_heard(language.n_("%u user shown.", "%u users shown.", 1), limit=LIMIT)
        tap.diag(f"search: {heard}")
        row_rest = _("Traffic limit %s, used %s, created %s.").split("%s")[0].strip()
        heard = hear(orca, ["Return"], USERNAME, row_rest)
        tap.diag(f"the row: {heard}")

        orca.check_no_class_names()
    return run


def server_error_heard(language):
    def run(tap, processes):
        orca = tdorca.Orca(processes)
        # A token the sandbox refuses: the server answers with a code.
        start(processes, language, "wrongTok3nQ4z7Kp")

        hear(orca, [language.mnemonic_key("_Username")], language.plain("_Username"))
        type_text(USERNAME)
        t.key(language.mnemonic_key("Pass_word"))
        type_text(PASSWORD)
        t.key(language.mnemonic_key("_Traffic limit"))
        type_text("1")
        heard = hear(orca, ["ctrl+Return"], "10013",
                     language._("The account token was refused. Check it in Preferences "
                                "against the one in the Thordata dashboard."))
        tap.diag(f"refused: {heard}")

        orca.check_no_class_names()
    return run


def token_dialog_heard(language):
    def run(tap, processes):
        orca = tdorca.Orca(processes)
        # Nothing in the keyring (the other tests store a token in the same
        # keyring): the app asks for the token first.
        subprocess.run(["secret-tool", "clear", "xdg:schema", t.APP_ID],
                       check=False, timeout=t.WAIT_LIMIT)
        base_url, _requests = t.start_sandbox(processes, token=TOKEN)
        app = t.App(processes, ["--api-url", base_url], env=language.env(), limit=LIMIT)
        title = language._("Account Token")
        app.frame(title, limit=LIMIT)
        t.focus_window(title)

        # The Token field is heard by its name, then its length as it is
        # typed, never its characters.
        heard = hear(orca, [language.mnemonic_key("_Token")], language.plain("_Token"))
        tap.diag(f"Alt+T: {heard}")
        orca.mark()
        type_text(TOKEN)
        heard = orca.wait_heard(language.n_("%d character.", "%d characters.", len(TOKEN)),
                                limit=LIMIT)
        tap.diag(f"typing the token: {heard}")
        for secret in (TOKEN, TOKEN[:4], " ".join(TOKEN[:4])):
            check(secret.lower() not in heard.lower(), f"the token was heard: {heard!r}")

        orca.check_no_class_names()
    return run


def preferences_heard(language):
    def run(tap, processes):
        orca = tdorca.Orca(processes)
        app, _requests = start(processes, language, TOKEN)
        orca.mark()
        t.key("ctrl+comma")
        # The window's title is libadwaita's own.
        title = "Preferences"
        if language.code:
            title = gettext.translation("libadwaita", "/usr/share/locale", [language.code],
                                        fallback=True).gettext(title)
        app.frame(title, limit=LIMIT)
        t.focus_window(title)
        # The window is heard first: keys pressed before it has the focus
        # go nowhere.
        orca.wait_heard(title, limit=LIMIT)

        # The API address is a plain entry in a row: heard by its name and
        # the address it holds (an AdwEntryRow said nothing).
        heard = hear(orca, [language.mnemonic_key("_API address")],
                     language.plain("_API address"), "openapi.thordata.com")
        tap.diag(f"Alt+A: {heard}")

        orca.check_no_class_names()
    return run


def account_page_heard(language):
    def run(tap, processes):
        orca = tdorca.Orca(processes)
        app, _requests = start(processes, language, TOKEN)
        t.key("alt+5")
        field_name = language.plain("IPv4 _address to add")
        field = t.find_named(app.accessible, field_name, [pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY],
                             limit=LIMIT)

        # The address field, reached by its mnemonic, is heard by its name.
        heard = hear(orca, [language.mnemonic_key("IPv4 _address to add")], field_name)
        tap.diag(f"address field: {heard}")
        # Incomplete, nothing is said while typing; Enter says what is
        # missing, as the field's description.
        type_text("10.0.0")
        whole = language._("Enter a whole IPv4 address, four numbers separated by dots.")
        heard = hear(orca, ["Return"], whole)
        tap.diag(f"Enter: {heard}")
        check(t.get_text(field) == "10.0.0", "what was typed stays")

        orca.check_no_class_names()
    return run


TESTS = []
for code, name in (("", "English"), ("de", "German")):
    TESTS.append((f"{name}: the Create page is heard: names, values, messages, "
                  "the password's length, the result", create_page_heard(Language(code))))
    TESTS.append((f"{name}: a server error is heard in words with its code",
                  server_error_heard(Language(code))))
    TESTS.append((f"{name}: the first-run token dialog's field is heard by its name",
                  token_dialog_heard(Language(code))))
    TESTS.append((f"{name}: the API address in Preferences is heard by its name and value",
                  preferences_heard(Language(code))))
TESTS.append(("English: the Account page's address field is heard with its message",
              account_page_heard(Language(""))))


if __name__ == "__main__":
    if not tdorca.have_orca() or not t.have_xdotool():
        print("1..0 # SKIP needs orca and xdotool (tests/dev.sh installs them)", flush=True)
        sys.exit(0)
    sys.exit(t.main(TESTS))

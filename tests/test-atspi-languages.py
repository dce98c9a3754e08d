#!/usr/bin/python3
# test-atspi-languages.py — the real binary speaks the user's language,
# as a screen reader hears it on AT-SPI:
#
#   - the machinery: with THORDESK_LOCALEDIR pointing at a catalogue made
#     here (a few messages, marked so that they cannot be confused with a
#     real translation), LANGUAGE=de shows those messages, in the .ui
#     files and in the code alike;
#   - the shipped translations: under LANGUAGE=de and LANGUAGE=zh_CN, with
#     the catalogues the build compiled from po/, the fields are named in
#     that language.  Skipped only while po/<lang>.po does not exist; once
#     it does, a catalogue that was not built (the language is missing
#     from po/LINGUAS) fails;
#   - right to left: under LANGUAGE=ar the window is mirrored.  GTK takes
#     the direction from its own "default:LTR" message, which Debian's GTK
#     translates for Arabic; but GLib's g_dgettext() translates a library's
#     messages only when the application itself has a catalogue for the
#     language (so that a window is never half translated): without an
#     ar catalogue of Thordesk, GTK stays left to right.  The test uses a
#     catalogue made here, so that it does not wait for the translation.
#
# LC_ALL stays C.UTF-8, as in every test: gettext honours LANGUAGE for
# every locale but "C" itself, so no locale needs to be generated.
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

TEXT_ROLES = [pyatspi.ROLE_TEXT, pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_ENTRY]
# (msgid, roles of the control named after it)
FIELDS = [
    ("_Proxy type", [pyatspi.ROLE_COMBO_BOX]),
    ("_Username", TEXT_ROLES),
    ("Pass_word", TEXT_ROLES),
    ("_Traffic limit", TEXT_ROLES),
    ("_Enabled", [pyatspi.ROLE_CHECK_BOX]),
    ("Create", [pyatspi.ROLE_PUSH_BUTTON]),
]
# Messages set from C code rather than from a .ui file.
CODE_MESSAGES = [("Show the password", [pyatspi.ROLE_PUSH_BUTTON])]


def without_mnemonic(text):
    """What GTK shows of a label with a mnemonic: "用户名(_U)" → "用户名(U)"."""
    return re.sub(r"_(.)", r"\1", text)


def main_window(app):
    return t.wait_until(lambda: next((f for f in app.frames() if t.is_window_shown(f)
                                      and f.getRole() == pyatspi.ROLE_FRAME), None),
                        "the main window")


def check_names(window, expected):
    """Each (name, roles) of @expected names a control of @window."""
    for name, roles in expected:
        t.find_named(window, name, roles)


def make_catalogue(language, entries):
    """A catalogue of @entries (msgid → msgstr) for @language, in a
    localedir of the test's own; returns that localedir."""
    localedir = os.path.join(t.TMPDIR, "locale-" + language)
    os.makedirs(os.path.join(localedir, language, "LC_MESSAGES"), exist_ok=True)
    po = os.path.join(t.TMPDIR, f"made-up-{language}.po")
    with open(po, "w", encoding="utf-8") as stream:
        stream.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n')
        for msgid, msgstr in entries.items():
            stream.write(f'msgid "{msgid}"\nmsgstr "{msgstr}"\n\n')
    subprocess.run(["msgfmt", "--check", "-o",
                    os.path.join(localedir, language, "LC_MESSAGES", "thordesk.mo"), po],
                   check=True)
    return localedir


def made_up_catalogue(tap, processes):
    entries = {msgid: f"⟦{msgid}⟧" for msgid, _ in FIELDS + CODE_MESSAGES}
    localedir = make_catalogue("de", entries)

    app = t.App(processes, ["--sandbox"], env={"LANGUAGE": "de", "THORDESK_LOCALEDIR": localedir})
    window = main_window(app)
    check_names(window, [(without_mnemonic(entries[msgid]), roles)
                         for msgid, roles in FIELDS + CODE_MESSAGES])


def shipped(language):
    def run(tap, processes):
        po = os.path.join(t.SOURCE_ROOT, "po", language + ".po")
        if not os.path.exists(po):
            raise Skip(f"po/{language}.po does not exist yet")
        localedir = os.path.join(t.BUILD_ROOT, "po")
        mo = os.path.join(localedir, language, "LC_MESSAGES", "thordesk.mo")
        check(os.path.exists(mo), f"po/{language}.po exists but {mo} was not built: "
                                  f"add {language} to po/LINGUAS")
        with open(mo, "rb") as stream:
            catalogue = gettext.GNUTranslations(stream)

        expected = []
        for msgid, roles in FIELDS + CODE_MESSAGES:
            translated = catalogue.gettext(msgid)
            check(translated != msgid, f"{msgid!r} is not translated in {language}")
            expected.append((without_mnemonic(translated), roles))

        app = t.App(processes, ["--sandbox"],
                    env={"LANGUAGE": language, "THORDESK_LOCALEDIR": localedir})
        window = main_window(app)
        check_names(window, expected)
        tap.diag(f"{language}: " + ", ".join(name for name, _ in expected))
    return run


class Skip(Exception):
    pass


def x_of(node):
    return node.queryComponent().getExtents(pyatspi.WINDOW_COORDS).x


def switch_side(processes, language, localedir=""):
    """(x of the first switch, x of its row's title) under @language."""
    app = t.App(processes, ["--sandbox"],
                env={"LANGUAGE": language, "THORDESK_LOCALEDIR": localedir})
    window = main_window(app)
    # The first switch (Unlimited traffic), named after the title of its
    # row, which is the label of the same name.
    switch = t.wait_until(lambda: t.find_first(window, lambda n: n.getRole()
                                               == pyatspi.ROLE_CHECK_BOX),
                          "a switch")
    title = t.find_first(window, lambda n: n.getRole() == pyatspi.ROLE_LABEL
                         and n.name == switch.name)
    check(title is not None, f"no title for the switch {switch.name!r}")
    return x_of(switch), x_of(title)


def right_to_left(tap, processes):
    switch_x, title_x = switch_side(processes, "en")
    check(switch_x > title_x, f"left to right, the switch ({switch_x}) is right of its title "
                              f"({title_x})")
    processes.stop_all()
    # Arabic for "Username", only so that a catalogue exists.
    localedir = make_catalogue("ar", {"_Username": "اسم ال_مستخدم"})
    switch_x, title_x = switch_side(processes, "ar", localedir)
    check(switch_x < title_x, f"under LANGUAGE=ar the switch ({switch_x}) should be left of "
                              f"its title ({title_x}): the window is not mirrored")


def main():
    tap = t.Tap()
    tests = [
        ("a catalogue in THORDESK_LOCALEDIR translates the window", made_up_catalogue),
        ("LANGUAGE=de names the fields in German", shipped("de")),
        ("LANGUAGE=zh_CN names the fields in Simplified Chinese", shipped("zh_CN")),
        ("LANGUAGE=ar mirrors the window", right_to_left),
    ]
    for description, function in tests:
        processes = t.Processes()
        try:
            function(tap, processes)
        except Skip as reason:
            tap.skip(description, str(reason))
        except Exception as error:  # noqa: BLE001 — reported, never hidden
            tap.ok(False, description, f"{type(error).__name__}: {error}")
            for app in processes.apps:
                tap.diag("app output, last lines:\n"
                         + "\n".join(app.output().splitlines()[-15:]))
        else:
            tap.ok(True, description)
        finally:
            processes.stop_all()
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())

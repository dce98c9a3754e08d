#!/usr/bin/python3
# test-mnemonics.py — in English and in every language of po/LINGUAS, the
# mnemonics (Alt + the underlined letter) of one screen are all different:
# with two fields on Alt+T, the key only cycles between them.
#
# A screen is what is on screen at once: each .ui file (a window, a
# dialog, a page of the main window) with the labels its code sets at run
# time, the main menu, and the menus and message dialogs built in code.
# A slot is one control: the labels it can show in turn (one at a time).
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import gettext
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tdtap import Tap  # noqa: E402

SOURCE_ROOT = os.environ.get("THORDESK_SOURCE_ROOT",
                             os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(SOURCE_ROOT, "src")

# Labels the code gives a control of a .ui file, by the control's id:
# they replace the one in the .ui (keep in step with the code).
RUNTIME_LABELS = {
    "td-window.ui": {
        "account_button": ["Enter T_oken…", "Add T_oken…", "Replace T_oken…"],
    },
    "td-preferences-window.ui": {
        "replace_button": ["Re_place…", "A_dd…"],
    },
    "td-users-page.ui": {
        "error_button": ["Add T_oken…", "_Try Again"],
    },
}

# Screens built in code alone: a list of slots each.
CODE_SCREENS = {
    "a user's menu (td-users-page-actions.c)": [
        ["Copy Gateway _Login"], ["Copy Proxy _URL"], ["Show _Password"], ["_Edit…"],
        ["U_sage…"], ["_Delete…"],
    ],
    "forget the token (td-preferences-window.c)": [["_Cancel"], ["_Forget"]],
    "delete a user (td-users-page-actions.c)": [["_Cancel"], ["_Delete"]],
    "delete a user, asked again (td-users-page-actions.c)": [["_Cancel"], ["_Delete"]],
    "a user's password (td-users-page-actions.c)": [["_Close"], ["C_opy"]],
}


def is_true(text):
    return (text or "").strip().lower() in ("true", "yes", "1")


def ui_screens():
    """{screen: [slots]}, a slot being a list of (context, msgid)."""
    screens = {}
    for name in sorted(os.listdir(SRC)):
        if not name.endswith(".ui"):
            continue
        root = ElementTree.parse(os.path.join(SRC, name)).getroot()
        overrides = RUNTIME_LABELS.get(name, {})
        slots = []
        for element in root.iter("object"):
            props = {p.get("name"): p for p in element.findall("property")}
            if element.get("id") in overrides:
                slots.append([(None, m) for m in overrides[element.get("id")]])
                continue
            if not is_true(props.get("use-underline").text if "use-underline" in props else None):
                continue
            for key in ("label", "title"):
                prop = props.get(key)
                if prop is not None and is_true(prop.get("translatable")):
                    slots.append([(prop.get("context"), prop.text.strip())])
        if slots:
            screens[name] = slots
        for menu in root.iter("menu"):
            items = []
            for attribute in menu.iter("attribute"):
                if attribute.get("name") == "label" and is_true(attribute.get("translatable")):
                    items.append([(attribute.get("context"), attribute.text.strip())])
            if items:
                screens[f"{name}, menu {menu.get('id')}"] = items
    for name, slots in CODE_SCREENS.items():
        screens[name] = [[(None, m) for m in slot] for slot in slots]
    return screens


def mnemonic(label):
    """The key of "_Create" (c), "Pass_word" (w), "用户名(_U)" (u); None
    without one.  "__" is a literal underscore."""
    index = 0
    while index < len(label) - 1:
        if label[index] == "_":
            if label[index + 1] != "_":
                return label[index + 1].casefold()
            index += 1
        index += 1
    return None


def clashes(screens, translate):
    """The screens where two controls share a key, as readable lines."""
    problems = []
    for screen, slots in screens.items():
        owners = {}
        for slot in slots:
            keys = {}
            for context, msgid in slot:
                shown = translate(context, msgid)
                key = mnemonic(shown)
                if key is not None:
                    keys.setdefault(key, shown)
            for key, shown in keys.items():
                owners.setdefault(key, []).append(shown)
        for key, labels in owners.items():
            if len(labels) > 1:
                problems.append(f"{screen}: Alt+{key} for " + ", ".join(f"“{l}”" for l in labels))
    return problems


def read_linguas():
    languages = []
    with open(os.path.join(SOURCE_ROOT, "po", "LINGUAS"), encoding="utf-8") as stream:
        for line in stream:
            languages += line.split("#", 1)[0].split()
    return languages


def main():
    tap = Tap()
    screens = ui_screens()
    tap.ok(any("_Username" in msgid for slots in screens.values()
               for slot in slots for _, msgid in slot),
           "the scan finds the mnemonics of the create form")

    problems = clashes(screens, lambda context, msgid: msgid)
    tap.ok(not problems, "English: one control per mnemonic on each screen", "\n".join(problems))

    with tempfile.TemporaryDirectory() as directory:
        for language in read_linguas():
            po = os.path.join(SOURCE_ROOT, "po", language + ".po")
            mo = os.path.join(directory, language + ".mo")
            if subprocess.run(["msgfmt", "-o", mo, po], stderr=subprocess.DEVNULL).returncode:
                tap.ok(False, f"{language}: one control per mnemonic on each screen",
                       f"po/{language}.po does not compile (see test-po)")
                continue
            with open(mo, "rb") as stream:
                catalogue = gettext.GNUTranslations(stream)

            def translate(context, msgid, catalogue=catalogue):
                if context:
                    return catalogue.pgettext(context, msgid)
                return catalogue.gettext(msgid)
            problems = clashes(screens, translate)
            tap.ok(not problems, f"{language}: one control per mnemonic on each screen",
                   "\n".join(problems))

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())

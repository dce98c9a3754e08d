#!/usr/bin/python3
# test-mnemonics.py — in English and in every language of po/LINGUAS, the
# mnemonics (Alt + the underlined letter) of one screen are all different:
# with two fields on Alt+T, the key only cycles between them.
#
# A screen is what is on screen at once: a window or dialog (a .ui file
# whose template is a window) together with the .ui of every widget of
# ours it holds (a TdUserForm, a TdResultCard…) and, for the main window,
# of one page of its page table (src/td-window.c) at a time, for each
# page — with the labels the
# code sets at run time; the menus; and the menus and message dialogs
# built in code.  A slot is one control: the labels it can show in turn
# (one at a time).
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import gettext
import os
import re
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
        "account_button": ["Enter Token…", "Add Token…", "Replace Token…"],
    },
    "td-preferences-window.ui": {
        "replace_button": ["Re_place…", "A_dd…"],
    },
    "td-users-page.ui": {
        "error_button": ["Add Token…", "_Try Again"],
    },
}

# What a window's code changes in a part it holds, by the control's id:
# controls it hides, and labels it gives (keep in step with the code).
WINDOW_OVERRIDES = {
    "td-user-edit-dialog.ui": {
        "hidden": {"proxy_type_row"},
        "labels": {"password_row": ["New _password"]},
    },
}

WINDOW_PARENTS = {"AdwApplicationWindow", "AdwWindow", "AdwPreferencesWindow",
                  "GtkWindow", "GtkApplicationWindow", "GtkDialog"}

# Screens built in code alone: a list of slots each.
CODE_SCREENS = {
    "a user's menu (td-users-page-actions.c)": [
        ["Copy Gateway _Login"], ["Copy Proxy _URL"], ["Show _Password"], ["_Edit…"],
        ["U_sage…"], ["E_ndpoints…"], ["_Delete…"],
    ],
    "forget the token (td-preferences-window.c)": [["_Cancel"], ["_Forget"]],
    "delete a user (td-users-page-actions.c)": [["_Cancel"], ["_Delete"]],
    "delete a user, asked again (td-users-page-actions.c)": [["_Cancel"], ["_Delete"]],
    "a user's password (td-users-page-actions.c)": [["_Close"], ["C_opy"]],
}


def is_true(text):
    return (text or "").strip().lower() in ("true", "yes", "1")


def ui_file_of(name):
    """"TdCreatePage" or "td_create_page_get_type" → "td-create-page.ui"."""
    name = re.sub(r"_get_type$", "", name)
    name = re.sub(r"(?<=[a-z0-9])([A-Z])", r"-\1", name).lower().replace("_", "-")
    return name + ".ui"


def page_table():
    """The .ui files of the main window's pages, from its page table."""
    with open(os.path.join(SRC, "td-window.c"), encoding="utf-8") as stream:
        text = stream.read()
    return [ui_file_of(getter) for getter in
            re.findall(r"\{\s*\"[\w-]+\"\s*,\s*N_\s*\(\s*\"[^\"]*\"\s*\)\s*,\s*"
                       r"\"[^\"]*\"\s*,\s*(\w+)\s*,\s*\"[^\"]+\"\s*"
                       r"(?:,\s*NC_\s*\([^)]*\)\s*)?\}", text)]


def read_ui(name, overrides, hidden):
    """(slots, menus, parts) of one .ui file: its mnemonic slots, its menus
    ({id: slots}) and the .ui files of our widgets it holds."""
    root = ElementTree.parse(os.path.join(SRC, name)).getroot()
    slots, menus, parts = [], {}, []
    for element in root.iter("object"):
        if element.get("id") in hidden:
            continue
        part = ui_file_of(element.get("class", ""))
        if element.get("class", "").startswith("Td") and os.path.exists(os.path.join(SRC, part)):
            parts.append(part)
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
    for menu in root.iter("menu"):
        items = []
        for attribute in menu.iter("attribute"):
            if attribute.get("name") == "label" and is_true(attribute.get("translatable")):
                items.append([(attribute.get("context"), attribute.text.strip())])
        if items:
            menus[menu.get("id")] = items
    return slots, menus, parts


def is_window(name):
    root = ElementTree.parse(os.path.join(SRC, name)).getroot()
    template = root.find("template")
    return template is not None and template.get("parent") in WINDOW_PARENTS


def window_screen(window, pages, screens):
    """The slots of @window with the .ui files @pages and every part they
    hold; adds their menus to @screens; returns (slots, files read)."""
    extra = WINDOW_OVERRIDES.get(window, {})
    hidden = extra.get("hidden", set())
    todo = [window] + pages
    seen, slots = set(), []
    while todo:
        name = todo.pop(0)
        if name in seen:
            continue
        seen.add(name)
        overrides = dict(RUNTIME_LABELS.get(name, {}))
        overrides.update(extra.get("labels", {}))
        part_slots, menus, parts = read_ui(name, overrides, hidden)
        slots += part_slots
        todo += parts
        for menu, items in menus.items():
            screens[f"{name}, menu {menu}"] = items
    return slots, seen


def ui_screens():
    """{screen: [slots]}, a slot being a list of (context, msgid)."""
    screens = {}
    files = sorted(name for name in os.listdir(SRC) if name.endswith(".ui"))
    shown = set()
    for window in [name for name in files if is_window(name)]:
        # The main window shows its chrome with one page at a time.
        for page in (page_table() if window == "td-window.ui" else [None]):
            slots, seen = window_screen(window, [page] if page else [], screens)
            shown |= seen
            screens[f"{window} with " + ", ".join(sorted(seen - {window}) or ["nothing else"])] = slots
    # A part no window holds is a screen of its own, as before.
    for name in files:
        if name not in shown:
            slots, menus, _ = read_ui(name, RUNTIME_LABELS.get(name, {}), set())
            if slots:
                screens[name] = slots
            for menu, items in menus.items():
                screens[f"{name}, menu {menu}"] = items
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
    main = [{msgid for slot in slots for _, msgid in slot}
            for screen, slots in screens.items() if screen.startswith("td-window.ui with ")]
    tap.ok(len(main) == len(page_table()) and len(main) >= 2 and
           any({"Add Token…", "_Username", "_Create"} <= msgids for msgids in main) and
           any({"Add Token…", "_Try Again"} <= msgids for msgids in main),
           "the main window's chrome is checked with each page (and the user form)",
           "\n".join(screens))

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

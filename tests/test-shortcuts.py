#!/usr/bin/python3
# test-shortcuts.py — the shortcuts window (Ctrl+?, src/gtk/help-overlay.ui)
# lists every keyboard shortcut the code installs: each key given to
# gtk_widget_class_add_binding_action() or, through an accels array, to
# gtk_application_set_accels_for_action(), and each page's accelerator in
# the window's page table (src/td-window.c), appears in it, as an
# accelerator or as the action-name of an entry.  The pages' entries are
# made from the page table itself (its last field, the entry's title) when
# the shortcuts window is built: the table is read for them.
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import glob
import os
import re
import sys
import xml.etree.ElementTree as ElementTree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tdtap import Tap  # noqa: E402

SOURCE_ROOT = os.environ.get("THORDESK_SOURCE_ROOT",
                             os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HELP_OVERLAY = os.path.join(SOURCE_ROOT, "src", "gtk", "help-overlay.ui")

MASKS = {"GDK_CONTROL_MASK": "control", "GDK_SHIFT_MASK": "shift",
         "GDK_ALT_MASK": "alt", "GDK_SUPER_MASK": "super"}
# Keys that GTK shows under another name, or that are the same key.
KEY_ALIASES = {"kp_enter": "return", "iso_enter": "return", "question": "?",
               "comma": ","}


def normalize(modifiers, key):
    key = key.lower()
    key = KEY_ALIASES.get(key, key)
    return (frozenset(modifiers), key)


def parse_accelerator(text):
    """"<Control>Return" → ({"control"}, "return")."""
    modifiers = {m.lower().replace("primary", "control").replace("ctrl", "control")
                 for m in re.findall(r"<([^>]+)>", text)}
    key = re.sub(r"<[^>]+>", "", text)
    if key.isalpha() and len(key) == 1 and "shift" not in modifiers:
        key = key.lower()
    return normalize(modifiers, key)


PAGE_ROW = (r"\{\s*\"([\w-]+)\"\s*,\s*N_\s*\(\s*\"[^\"]*\"\s*\)\s*,\s*"
            r"\"[^\"]*\"\s*,\s*\w+\s*,\s*\"([^\"]+)\"\s*")
PAGE_TITLE = (r",\s*NC_\s*\(\s*\"shortcut window\"\s*,\s*\"([^\"]+)\"\s*\)\s*")


def page_table(text):
    """(page, accelerator, shortcuts-window title or None) for each row of
    a page table in @text."""
    rows = []
    for match in re.finditer(PAGE_ROW + r"(?:" + PAGE_TITLE + r")?\}", text):
        rows.append(match.groups())
    return rows


def page_table_entries():
    """The shortcuts window's entries made from the window's page table."""
    with open(os.path.join(SOURCE_ROOT, "src", "td-window.c"), encoding="utf-8") as stream:
        return page_table(stream.read())


def bindings_in_code():
    """(file, action, (modifiers, key)) for every shortcut the sources set."""
    found = []
    for path in sorted(glob.glob(os.path.join(SOURCE_ROOT, "src", "*.c"))):
        with open(path, encoding="utf-8") as stream:
            text = stream.read()
        name = os.path.relpath(path, SOURCE_ROOT)
        for match in re.finditer(r"gtk_widget_class_add_binding_action\s*\(\s*\w+\s*,\s*"
                                 r"GDK_KEY_(\w+)\s*,\s*([^,]+?)\s*,\s*\"([^\"]+)\"", text):
            key, mask, action = match.groups()
            modifiers = {MASKS[m.strip()] for m in mask.split("|") if m.strip() in MASKS}
            found.append((name, action, normalize(modifiers, key)))
        # The window's page table: { "name", N_("Title"), "icon", getter, "<Alt>1", ...
        # gives each page a shortcut to "win.show-page".
        for page, accelerator, _ in page_table(text):
            found.append((name, "win.show-page", parse_accelerator(accelerator)))
        arrays = dict(re.findall(r"(\w+)\s*\[\s*\]\s*=\s*\{([^}]*)\}", text))
        for match in re.finditer(r"gtk_application_set_accels_for_action\s*\([^,]+,\s*"
                                 r"\"([^\"]+)\"\s*,\s*(\w+)\s*\)", text):
            action, array = match.groups()
            for accelerator in re.findall(r"\"([^\"]+)\"", arrays.get(array, "")):
                found.append((name, action, parse_accelerator(accelerator)))
    return found


def listed_in_overlay():
    """(accelerators, action names, titles) of the shortcuts window."""
    tree = ElementTree.parse(HELP_OVERLAY)
    accelerators, actions, titles = set(), set(), []
    for shortcut in tree.iter("object"):
        if shortcut.get("class") != "GtkShortcutsShortcut":
            continue
        for prop in shortcut.findall("property"):
            name, value = prop.get("name"), (prop.text or "").strip()
            if name == "accelerator":
                for accelerator in value.split():
                    accelerators.add(parse_accelerator(accelerator))
            elif name == "action-name":
                actions.add(value)
            elif name == "title":
                titles.append(value)
    # Added by win.show-help-overlay from the page table.
    for _, accelerator, title in page_table_entries():
        if title:
            accelerators.add(parse_accelerator(accelerator))
            titles.append(title)
    return accelerators, actions, titles


def main():
    tap = Tap()
    bindings = bindings_in_code()
    accelerators, actions, titles = listed_in_overlay()

    # The parsing itself: Ctrl+Enter creates, whatever else changes.
    tap.ok(any(action == "win.primary" and key == normalize({"control"}, "Return")
               for _, action, key in bindings),
           "the scan finds Ctrl+Enter bound to win.primary",
           "\n".join(f"{b}" for b in bindings))
    tap.ok(any(action == "win.show-page" and key == normalize({"alt"}, "1")
               for _, action, key in bindings),
           "the scan finds Alt+1 in the window's page table")
    tap.ok(len(titles) > 0, "the shortcuts window has entries")
    pages = page_table_entries()
    tap.ok(len(pages) >= 5 and all(title for _, _, title in pages),
           "every page of the page table has its entry for the shortcuts window",
           "\n".join(f"{page}: {title}" for page, _, title in pages))
    with open(os.path.join(SOURCE_ROOT, "src", "td-window-actions.c"), encoding="utf-8") as stream:
        tap.ok("shortcut_title" in stream.read(),
               "the shortcuts window's page entries are made from the page table")

    missing = [f"{name}: {action} on {'+'.join(sorted(key[0]) + [key[1]])}"
               for name, action, key in bindings
               if key not in accelerators and action not in actions]
    tap.ok(not missing, "the shortcuts window lists every shortcut the code installs",
           "not in src/gtk/help-overlay.ui:\n" + "\n".join(missing))

    duplicates = sorted({title for title in titles if titles.count(title) > 1})
    tap.ok(not duplicates, "each entry of the shortcuts window has its own title",
           "\n".join(duplicates))

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())

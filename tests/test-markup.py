#!/usr/bin/python3
# test-markup.py — every place where text becomes Pango markup, listed.
#
# With libadwaita 1.2 (Debian 12), these read their text as markup: a
# toast's title (always: use-markup on toasts came in 1.4), the title and
# subtitle of every AdwPreferencesRow (AdwActionRow, AdwEntryRow,
# AdwExpanderRow…: use-markup defaults to TRUE), an AdwPreferencesGroup's
# title and description, an AdwStatusPage's description, a GtkLabel with
# use-markup, and AdwMessageDialog's *_markup calls.  (AdwWindowTitle,
# AdwViewSwitcherTitle, AdwStatusPage titles and AdwMessageDialog by
# default do not; this was measured under Xvfb with libadwaita 1.2.2.)
# Text from outside (the keyring's error text, the server's messages,
# usernames, --api-url) that reaches one unescaped can show a link or
# break the message.
#
# Each call of such a sink in src/*.c is checked:
#   - our own words (a string literal, _("…"), TRUE/FALSE, NULL) pass;
#   - a row whose .ui turns use-markup off is no sink;
#   - text toasts go through td_toast_new_text() (src/td-toast.c);
#   - anything else must be listed in ALLOWED below with the reason it is
#     safe, or in OPEN (a known defect, reported as a TAP TODO: an
#     expected failure, to be fixed).
# An entry that matches no call any more fails too, so the lists stay the
# exact inventory.  In the .ui files, every use-markup TRUE must be
# listed, and every text property of a markup sink must be translatable.
# And in every po/*.po, the translation of a text read as markup must be
# valid markup (a bare "&" from a translator blanks the widget).
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys
import xml.etree.ElementTree as ElementTree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tdtap import Tap  # noqa: E402

SOURCE_ROOT = os.environ.get("THORDESK_SOURCE_ROOT",
                             os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SRC = os.path.join(SOURCE_ROOT, "src")

# function -> index of the argument read as markup.
C_SINKS = {
    "adw_toast_new": 0,
    "adw_toast_set_title": 1,
    "gtk_label_set_markup": 1,
    "gtk_label_set_markup_with_mnemonic": 1,
    "gtk_label_set_use_markup": 1,
    "adw_preferences_group_set_title": 1,
    "adw_preferences_group_set_description": 1,
    "adw_preferences_row_set_title": 1,
    "adw_action_row_set_subtitle": 1,
    "adw_expander_row_set_subtitle": 1,
    "adw_status_page_set_description": 1,
    "adw_message_dialog_format_heading_markup": 1,
    "adw_message_dialog_format_body_markup": 1,
    "adw_message_dialog_set_heading_use_markup": 1,
    "adw_message_dialog_set_body_use_markup": 1,
    # win.toast (td-window.c) hands its parameter to a toast: a sink too.
    "gtk_widget_activate_action": 3,
}

# (file, function, argument) -> why the text cannot carry markup from
# outside.  The argument is written as in the source, spaces collapsed.
ALLOWED = {
    ("td-toast.c", "adw_toast_new", "escaped"):
        "the helper itself: g_markup_escape_text() of the text",
    ("td-preferences-window.c", "adw_preferences_group_set_description", "description"):
        "g_markup_printf_escaped() of the --api-url value",
    ("td-preferences-window.c", "adw_action_row_set_subtitle", "escaped"):
        "g_markup_escape_text() of the host or of the address check's refusal",
    ("td-preferences-window.c", "adw_action_row_set_subtitle", "state"):
        "one of the translated states chosen just above",
    ("td-credentials-dialog.c", "gtk_label_set_markup", "explanation"):
        "a translated sentence around a link built with g_markup_printf_escaped()",
    ("td-usage-dialog.c", "adw_status_page_set_description", "escaped"):
        "g_markup_escape_text() of the error message",
    ("td-result-card.c", "gtk_widget_activate_action", "toast"):
        "win.toast with one of the translated 'copied' messages of the card",
    ("td-account-page.c", "adw_action_row_set_subtitle", "escaped"):
        "set_row_subtitle(): g_markup_escape_text() of the text",
    ("td-account-page.c", "adw_preferences_row_set_title", "escaped"):
        "set_row_title(): g_markup_escape_text() of the text",
    ("td-create-page.c", "gtk_widget_activate_action", "title"):
        "win.toast shows its parameter as text (td_toast_new_text() in td-window.c)",
    ("td-endpoints-page.c", "adw_action_row_set_subtitle", "escaped"):
        "g_markup_escape_text() of the endpoint line or of a translated literal",
    ("td-users-page.c", "gtk_widget_activate_action", "text"):
        "win.toast shows its parameter as text (td_toast_new_text() in td-window.c)",
    ("td-users-page.c", "adw_status_page_set_description", "description"):
        "the search text, g_markup_escape_text()'d before it is put in the sentence",
    ("td-users-page.c", "adw_status_page_set_description", "escaped"):
        "g_markup_escape_text() of the error message",
}

# Known sinks that take outside text unescaped or rely on callers; each is
# a TODO with what flows in.  td-window.c is being rewritten elsewhere.
OPEN = {
}

# .ui objects (file, id) whose use-markup TRUE is intended.
UI_MARKUP_ALLOWED = {
    ("td-credentials-dialog.ui", "explanation_label"):
        "holds a link; its text is set by td_credentials_dialog_init() (listed above)",
}

# .ui classes whose text properties are markup, and those properties.
UI_MARKUP_CLASSES = {
    "AdwActionRow": ("title", "subtitle"),
    "AdwComboRow": ("title", "subtitle"),
    "AdwEntryRow": ("title",),
    "AdwPasswordEntryRow": ("title",),
    "AdwExpanderRow": ("title", "subtitle"),
    "AdwPreferencesRow": ("title",),
    "AdwPreferencesGroup": ("title", "description"),
    "AdwStatusPage": ("description",),
}


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", lambda m: re.sub(r"[^\n]", " ", m.group(0)), text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def split_arguments(text, start):
    """The arguments of the call whose '(' is at @start, and the index
    after its ')'."""
    depth = 0
    current = []
    arguments = []
    index = start
    in_string = False
    while index < len(text):
        char = text[index]
        if in_string:
            current.append(char)
            if char == "\\":
                current.append(text[index + 1])
                index += 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
            current.append(char)
        elif char == "(":
            depth += 1
            if depth > 1:
                current.append(char)
        elif char == ")":
            depth -= 1
            if depth == 0:
                arguments.append("".join(current))
                return [" ".join(a.split()) for a in arguments], index + 1
            current.append(char)
        elif char == "," and depth == 1:
            arguments.append("".join(current))
            current = []
        else:
            current.append(char)
        index += 1
    raise ValueError("unbalanced call")


LITERAL = r'"(?:[^"\\]|\\.)*"'
OWN_WORDS = re.compile(
    rf'^(?:(?:{LITERAL}\s*)+|_\(\s*(?:{LITERAL}\s*)+\)|C_\(\s*{LITERAL}\s*,\s*(?:{LITERAL}\s*)+\)'
    r'|NULL|TRUE|FALSE)$')


def is_own_words(argument):
    if OWN_WORDS.match(argument):
        return True
    # cond ? A : B, both our own words.
    match = re.match(r"^[^?\"]*\?\s*(.+?)\s*:\s*(.+)$", argument)
    return bool(match) and is_own_words(match.group(1)) and is_own_words(match.group(2))


def rows_without_markup():
    """Ids of .ui objects that set use-markup FALSE, by file."""
    ids = set()
    for name in sorted(os.listdir(SRC)):
        if not name.endswith(".ui"):
            continue
        tree = ElementTree.parse(os.path.join(SRC, name))
        for element in tree.iter("object"):
            for prop in element.findall("property"):
                if prop.get("name") == "use-markup" and (prop.text or "").strip().lower() in (
                        "false", "no", "0"):
                    ids.add(element.get("id"))
    return ids


def c_sinks():
    """(file, line, function, argument) of every sink call in src/*.c."""
    found = []
    pattern = re.compile(r"\b(" + "|".join(C_SINKS) + r")\s*\(")
    for name in sorted(os.listdir(SRC)):
        if not name.endswith(".c"):
            continue
        with open(os.path.join(SRC, name), encoding="utf-8") as stream:
            text = strip_comments(stream.read())
        for match in pattern.finditer(text):
            function = match.group(1)
            arguments, _ = split_arguments(text, match.end() - 1)
            if function == "gtk_widget_activate_action" and (
                    len(arguments) < 4 or arguments[1] != '"win.toast"'):
                continue
            index = C_SINKS[function]
            if index >= len(arguments):
                continue  # the declaration or a macro, not a call
            line = text.count("\n", 0, match.start()) + 1
            found.append((name, line, function, arguments, index))
        # "use-markup" set in code: must be reviewed like a .ui's.
        for match in re.finditer(r'"use-markup"', text):
            line = text.count("\n", 0, match.start()) + 1
            found.append((name, line, "\"use-markup\"", ["\"use-markup\""], 0))
    return found


def po_entries(path):
    """{msgid: [msgstr, …]} of a .po file (plural forms as a list)."""
    entries = {}
    msgid = None
    current = None
    strings = []

    def flush():
        if msgid is not None and strings:
            entries[msgid] = strings[:]

    def unquote(line):
        text = line[line.index('"') + 1:line.rindex('"')]
        escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
        return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(1)), text)

    with open(path, encoding="utf-8") as stream:
        for line in stream:
            line = line.rstrip("\n")
            if line.startswith("msgid "):
                flush()
                msgid, current, strings = unquote(line), "id", []
            elif line.startswith("msgid_plural "):
                current = "plural"
            elif line.startswith("msgstr"):
                strings.append(unquote(line))
                current = "str"
            elif line.startswith('"') and current == "id":
                msgid += unquote(line)
            elif line.startswith('"') and current == "str":
                strings[-1] += unquote(line)
            elif not line.strip():
                flush()
                msgid, current, strings = None, None, []
    flush()
    return entries


def is_valid_markup(text):
    try:
        ElementTree.fromstring("<markup>" + text.replace("%s", "x").replace("%d", "1") +
                               "</markup>")
        return True
    except ElementTree.ParseError:
        return False


# Translated formats whose result is markup (the sink takes a variable).
MARKUP_FORMATS = [
    "Thordesk creates users with your account token. Find it in the %s, under Menu → My Account.",
    "This run uses %s, given with --api-url. The address below applies the next time Thordesk "
    "starts without it.",
]


def markup_msgids():
    """The msgids that reach a markup sink: translatable .ui properties of
    markup classes and of use-markup labels, and _("…") sink arguments."""
    msgids = set(MARKUP_FORMATS)
    for name in sorted(os.listdir(SRC)):
        path = os.path.join(SRC, name)
        if name.endswith(".ui"):
            for element in ElementTree.parse(path).iter("object"):
                props = {p.get("name"): p for p in element.findall("property")}
                markup_label = (element.get("class") == "GtkLabel" and "use-markup" in props and
                                (props["use-markup"].text or "").strip().lower() == "true")
                for prop_name, prop in props.items():
                    if prop.get("translatable") != "yes" or not (prop.text or "").strip():
                        continue
                    if prop_name in UI_MARKUP_CLASSES.get(element.get("class"), ()) or (
                            markup_label and prop_name == "label"):
                        msgids.add(prop.text)
        elif name.endswith(".c"):
            with open(path, encoding="utf-8") as stream:
                text = strip_comments(stream.read())
            for match in re.finditer(r"\b(" + "|".join(C_SINKS) + r")\s*\(", text):
                arguments, _ = split_arguments(text, match.end() - 1)
                index = C_SINKS[match.group(1)]
                if index < len(arguments):
                    for literal in re.findall(r'_\(\s*((?:"(?:[^"\\]|\\.)*"\s*)+)\)',
                                              arguments[index]):
                        msgids.add("".join(re.findall(r'"((?:[^"\\]|\\.)*)"', literal)))
    return msgids


def check_translations(tap):
    """A translation of text that is read as markup must be valid markup
    too: a bare '&' or '<' in it would blank the widget."""
    msgids = {m for m in markup_msgids() if is_valid_markup(m)}
    po_dir = os.path.join(SOURCE_ROOT, "po")
    for name in sorted(os.listdir(po_dir)):
        if not name.endswith(".po"):
            continue
        entries = po_entries(os.path.join(po_dir, name))
        broken = [f"{msgid!r} -> {msgstr!r}" for msgid in sorted(msgids)
                  for msgstr in entries.get(msgid, []) if msgstr and not is_valid_markup(msgstr)]
        found = sum(1 for msgid in msgids if msgid in entries)
        tap.ok(not broken and found > 0,
               f"{name}: the {found} translations read as markup are valid markup",
               "\n".join(broken) or "no markup text found in this file")


def main():
    tap = Tap()
    plain_rows = rows_without_markup()
    used_allowed = set()
    used_open = set()

    for name, line, function, arguments, index in c_sinks():
        argument = arguments[index]
        where = f"{name}:{line} {function} ({argument})"
        key = (name, function, argument)

        if function.endswith("_use_markup") and argument == "FALSE":
            tap.ok(True, f"{where}: turns markup off")
        elif is_own_words(argument):
            tap.ok(True, f"{where}: our own words")
        elif function in ("adw_action_row_set_subtitle", "adw_preferences_row_set_title",
                          "adw_expander_row_set_subtitle") and \
                re.sub(r"^.*->", "", arguments[0]).strip() in plain_rows:
            tap.ok(True, f"{where}: its row has use-markup FALSE in the .ui")
        elif key in ALLOWED:
            used_allowed.add(key)
            tap.ok(True, f"{where}: {ALLOWED[key]}")
        elif key in OPEN:
            used_open.add(key)
            # A known defect: "not ok … # TODO" is an expected failure in TAP.
            tap.count += 1
            print(f"not ok {tap.count} - {where} # TODO {OPEN[key]}", flush=True)
        else:
            tap.ok(False, f"{where}: text that may come from outside reaches markup",
                   "Escape it (td_toast_new_text() for a toast, g_markup_escape_text() or "
                   "g_markup_printf_escaped() otherwise), turn markup off for the widget, or "
                   "list it in ALLOWED with the reason it is safe.")

    for key in sorted(set(ALLOWED) - used_allowed):
        tap.ok(False, f"ALLOWED entry {key} matches no call: remove or update it")
    for key in sorted(set(OPEN) - used_open):
        tap.ok(False, f"OPEN entry {key} matches no call: it was fixed, remove it from OPEN")

    used_ui = set()
    for name in sorted(os.listdir(SRC)):
        if not name.endswith(".ui"):
            continue
        tree = ElementTree.parse(os.path.join(SRC, name))
        checked = 0
        untranslated = []
        for element in tree.iter("object"):
            klass = element.get("class")
            for prop in element.findall("property"):
                prop_name = prop.get("name")
                if prop_name == "use-markup" and (prop.text or "").strip().lower() in (
                        "true", "yes", "1"):
                    key = (name, element.get("id"))
                    if key in UI_MARKUP_ALLOWED:
                        used_ui.add(key)
                        tap.ok(True, f"{name} {key[1]}: use-markup TRUE: {UI_MARKUP_ALLOWED[key]}")
                    else:
                        tap.ok(False, f"{name} {key[1]}: use-markup TRUE, not listed")
                if prop_name in UI_MARKUP_CLASSES.get(klass, ()) and (prop.text or "").strip():
                    checked += 1
                    if prop.get("translatable") != "yes":
                        untranslated.append(f"{klass} {element.get('id')} {prop_name}")
        tap.ok(not untranslated,
               f"{name}: {checked} markup text properties, all our own translated words",
               "\n".join(untranslated))
    for key in sorted(set(UI_MARKUP_ALLOWED) - used_ui):
        tap.ok(False, f"UI_MARKUP_ALLOWED entry {key} matches nothing")

    check_translations(tap)

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())

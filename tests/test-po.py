#!/usr/bin/python3
# test-po.py — the translations, checked the way a release needs them:
#
#   - every po/<lang>.po passes `msgfmt --check` (formats, header, plurals)
#     and is listed in po/LINGUAS (otherwise it is neither built nor
#     installed);
#   - every language in po/LINGUAS has its .po, with plural forms right
#     for the language, and is 100% translated against a template made
#     now from po/POTFILES.in: no untranslated message, no fuzzy one
#     (`msgfmt --statistics` after `msgmerge`), so a .po that was not
#     updated after the sources changed fails too;
#   - and, on a made-up language, that the completeness check does fail
#     on a half-translated catalogue (a check that cannot fail proves
#     nothing).
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import gettext
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tdtap import Tap  # noqa: E402

SOURCE_ROOT = os.environ.get("THORDESK_SOURCE_ROOT",
                             os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PO_DIR = os.path.join(SOURCE_ROOT, "po")
PACKAGE = "thordesk"

# The arguments of meson's i18n.gettext(preset: 'glib'), which builds the
# real template (`meson compile thordesk-pot`); keep them in step.
XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format", "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format", "--flag=g_printerr:1:c-format",
    "--flag=g_printf:1:c-format", "--flag=g_fprintf:2:c-format",
    "--flag=g_sprintf:2:c-format", "--flag=g_snprintf:3:c-format",
]

# Which plural form each number takes, per language (CLDR, as gettext
# and the GNOME translation teams write it).  Several entries: any one
# of them is right.
SAMPLES = [0, 1, 2, 3, 5, 11, 21, 22, 100, 101, 102, 111]


def _one_form(n):
    return 0


def _not_one(n):
    return 0 if n == 1 else 1


def _zero_one(n):
    return 0 if n <= 1 else 1


def _slavic(n):
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


def _arabic(n):
    if n in (0, 1, 2):
        return n
    if 3 <= n % 100 <= 10:
        return 3
    if n % 100 >= 11:
        return 4
    return 5


PLURAL_RULES = {
    "ar": [_arabic],
    "de": [_not_one],
    "es": [_not_one],
    "fr": [_zero_one],
    "ja": [_one_form],
    "ko": [_one_form],
    "pt_BR": [_zero_one, _not_one],
    "ru": [_slavic],
    "tr": [_one_form, _not_one],
    "zh_CN": [_one_form],
    "zh_TW": [_one_form],
}


def read_linguas():
    languages = []
    with open(os.path.join(PO_DIR, "LINGUAS"), encoding="utf-8") as stream:
        for line in stream:
            line = line.split("#", 1)[0]
            languages += line.split()
    return languages


def po_files():
    return sorted(name[:-3] for name in os.listdir(PO_DIR) if name.endswith(".po"))


def run(argv, **kwargs):
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, **kwargs)


def make_template(directory):
    """A fresh template from po/POTFILES.in, as `meson compile
    thordesk-pot` makes it, but in @directory."""
    pot = os.path.join(directory, PACKAGE + ".pot")
    result = run(["xgettext", "--package-name=" + PACKAGE,
                  "-f", os.path.join(PO_DIR, "POTFILES.in"), "-D", SOURCE_ROOT,
                  "-o", pot] + XGETTEXT_ARGS)
    return pot, result


def statistics(po_path):
    """(translated, fuzzy, untranslated, output) of `msgfmt --statistics`."""
    result = run(["msgfmt", "--statistics", "-o", os.devnull, po_path])
    counts = {}
    for kind in ("translated", "fuzzy", "untranslated"):
        match = re.search(r"(\d+) " + kind, result.stdout)
        counts[kind] = int(match.group(1)) if match else 0
    return counts["translated"], counts["fuzzy"], counts["untranslated"], result.stdout


def incomplete_messages(po_path, limit=10):
    """The first untranslated, then fuzzy, msgids of @po_path."""
    ids = []
    for selection in ("--untranslated", "--only-fuzzy"):
        result = run(["msgattrib", selection, "--no-obsolete", "--no-wrap", po_path])
        ids += re.findall(r'^msgid "(.+)"$', result.stdout, re.M)
    return ids[:limit]


def check_complete(pot, po_path, directory):
    """None when @po_path translates every message of @pot, otherwise
    what is missing."""
    merged = os.path.join(directory, os.path.basename(po_path) + ".merged")
    result = run(["msgmerge", "--quiet", "--no-wrap", "-o", merged, po_path, pot])
    if result.returncode != 0:
        return f"msgmerge failed:\n{result.stdout}"
    translated, fuzzy, untranslated, output = statistics(merged)
    if fuzzy or untranslated or translated == 0:
        missing = "\n".join(f"  {msgid}" for msgid in incomplete_messages(merged))
        return (f"{output.strip()}\nrun `meson compile -C _build thordesk-update-po`, then "
                f"translate (first ones missing):\n{missing}")
    return None


def check_plural_forms(language, po_path, directory):
    """None when the Plural-Forms of @po_path pick, for each sample number,
    the form the language uses; otherwise what is wrong."""
    rules = PLURAL_RULES.get(language)
    mo = os.path.join(directory, language + ".plural.mo")
    result = run(["msgfmt", "-o", mo, po_path])
    if result.returncode != 0:
        return result.stdout
    # gettext parses the header (continued over several lines or not) and
    # evaluates the expression as libintl does.
    with open(mo, "rb") as stream:
        catalogue = gettext.GNUTranslations(stream)
    header = catalogue.info().get("plural-forms")
    if header is None:
        return "no Plural-Forms header"
    if rules is None:
        return None
    got = [catalogue.plural(n) for n in SAMPLES]
    for rule in rules:
        if got == [rule(n) for n in SAMPLES]:
            return None
    return (f"{header!r} gives forms {got} for {SAMPLES}; "
            f"{language} needs {[rules[0](n) for n in SAMPLES]}")


def main():
    tap = Tap()
    linguas = read_linguas()
    existing = po_files()

    with tempfile.TemporaryDirectory() as directory:
        pot, result = make_template(directory)
        if not tap.ok(result.returncode == 0 and os.path.exists(pot),
                      "xgettext makes a template from po/POTFILES.in", result.stdout):
            return tap.finish()

        for language in existing:
            po_path = os.path.join(PO_DIR, language + ".po")
            result = run(["msgfmt", "--check", "-o", os.devnull, po_path])
            tap.ok(result.returncode == 0, f"{language}.po passes msgfmt --check", result.stdout)
            tap.ok(language in linguas, f"{language}.po is listed in po/LINGUAS",
                   f"add {language} to po/LINGUAS, or it is never built nor installed")

        for language in linguas:
            po_path = os.path.join(PO_DIR, language + ".po")
            if not tap.ok(os.path.exists(po_path), f"{language} in po/LINGUAS has a .po"):
                continue
            problem = check_plural_forms(language, po_path, directory)
            tap.ok(problem is None, f"{language}.po has the plural forms of its language",
                   problem)
            problem = check_complete(pot, po_path, directory)
            tap.ok(problem is None, f"{language}.po is 100% translated", problem)

        if not linguas:
            tap.diag("po/LINGUAS lists no language yet")

        # The check itself: a made-up language with one message translated
        # must be reported incomplete, and once all are, complete.
        partial = os.path.join(directory, "xx.po")
        result = run(["msginit", "--no-translator", "--locale=de", "-i", pot, "-o", partial])
        with open(partial, encoding="utf-8") as stream:
            text = stream.read()
        text = text.replace('msgid "Thordesk"\nmsgstr ""', 'msgid "Thordesk"\nmsgstr "Thordesk"', 1)
        with open(partial, "w", encoding="utf-8") as stream:
            stream.write(text)
        problem = check_complete(pot, partial, directory)
        tap.ok(result.returncode == 0 and problem is not None and "untranslated" in problem,
               "the completeness check fails on a half-translated catalogue",
               problem or result.stdout)

        full = os.path.join(directory, "yy.po")
        run(["msgen", "--no-wrap", "-o", full, partial])
        problem = check_complete(pot, full, directory)
        tap.ok(problem is None, "the completeness check passes a complete catalogue", problem)

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())

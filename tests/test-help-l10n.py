#!/usr/bin/python3
# test-help-l10n.py — the translations of the user guide, checked the way
# a release ships them (a help language ships only when it is complete):
#
#   - every language in help/LINGUAS has its help/<lang>/<lang>.po, which
#     passes `msgfmt --check`;
#   - it is 100% translated against a template made now from the pages
#     (`itstool -o`, then `msgmerge`): no untranslated message, no fuzzy
#     one, so a .po left behind after a page changed fails too;
#   - the pages built from it with `itstool -m` (into the build folder, as
#     `meson install` builds them) are valid Mallard (`yelp-check
#     validate`) and are really translated (the index's title differs
#     from the English one);
#   - and, on a made-up language, that the completeness check fails on a
#     half-translated catalogue (a check that cannot fail proves nothing).
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tdtap import Failure, Tap, check  # noqa: E402

SOURCE_ROOT = os.environ.get("THORDESK_SOURCE_ROOT",
                             os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD_ROOT = os.environ.get("TD_HELP_CHECK_DIR")
HELP_DIR = os.path.join(SOURCE_ROOT, "help")


def run(*args, cwd=None):
    result = subprocess.run(list(args), cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"{' '.join(args)} failed ({result.returncode}):\n"
                      f"{result.stdout}{result.stderr}")
    return result


def english_pages():
    pages = sorted(glob.glob(os.path.join(HELP_DIR, "C", "*.page")))
    check(pages, "no page in help/C")
    return pages


def languages():
    with open(os.path.join(HELP_DIR, "LINGUAS"), encoding="utf-8") as stream:
        return [word for line in stream
                for word in line.split("#", 1)[0].split()]


def statistics(po, template, workdir):
    """(translated, fuzzy, untranslated) of @po merged with @template."""
    merged = os.path.join(workdir, "merged.po")
    run("msgmerge", "--quiet", "--no-fuzzy-matching", "-o", merged, po, template)
    result = run("msgfmt", "--check", "--statistics", "-o", os.devnull, merged)
    text = result.stderr
    counts = []
    for kind in ("translated", "fuzzy", "untranslated"):
        match = re.search(r"(\d+) " + kind, text)
        counts.append(int(match.group(1)) if match else 0)
    return tuple(counts)


def check_complete(po, template, workdir):
    translated, fuzzy, untranslated = statistics(po, template, workdir)
    check(translated > 0, f"{po}: nothing translated")
    check(fuzzy == 0 and untranslated == 0,
          f"{po}: {translated} translated, {fuzzy} fuzzy, {untranslated} untranslated "
          "(run `meson compile -C _build help-thordesk-update-po` and translate the rest)")


def check_pages(lang, po, workdir):
    mo = os.path.join(workdir, lang + ".mo")
    run("msgfmt", "-o", mo, po)
    outdir = os.path.join(workdir, "pages", lang)
    os.makedirs(outdir, exist_ok=True)
    run("itstool", "-m", mo, "-o", outdir, *english_pages())
    built = sorted(glob.glob(os.path.join(outdir, "*.page")))
    check(len(built) == len(english_pages()),
          f"{lang}: itstool built {len(built)} pages of {len(english_pages())}")
    run("yelp-check", "validate", *built)
    with open(os.path.join(outdir, "index.page"), encoding="utf-8") as stream:
        text = stream.read()
    check("<title type=\"text\">Thordesk Help</title>" not in text,
          f"{lang}: the index's title is still in English")


def half_translated_fails(po, template, workdir):
    """Drops the translation of every other message of @po: the
    completeness check must then refuse it."""
    with open(po, encoding="utf-8") as stream:
        blocks = stream.read().split("\n\n")
    for i in range(1, len(blocks), 2):
        blocks[i] = re.sub(r'^msgstr ".*"(\n".*")*', 'msgstr ""', blocks[i], flags=re.M)
    broken = os.path.join(workdir, "xx.po")
    with open(broken, "w", encoding="utf-8") as stream:
        stream.write("\n\n".join(blocks))
    try:
        check_complete(broken, template, workdir)
    except Failure:
        return
    raise Failure("a half-translated catalogue passed the completeness check")


def main():
    tap = Tap()
    for tool in ("itstool", "msgmerge", "msgfmt", "yelp-check"):
        if shutil.which(tool) is None:
            tap.ok(False, f"{tool} is installed", "install itstool, gettext and yelp-tools")
            return tap.finish()

    base = os.path.join(BUILD_ROOT, "help-l10n-check") if BUILD_ROOT else None
    if base:
        shutil.rmtree(base, ignore_errors=True)
        os.makedirs(base)
    workdir = tempfile.mkdtemp(prefix="test-help-l10n-", dir=base)
    template = os.path.join(workdir, "help.pot")
    if not tap.run("the template is made from the pages",
                   lambda: run("itstool", "-o", template, *english_pages())):
        return tap.finish()

    langs = languages()
    tap.ok(len(langs) > 0, "help/LINGUAS names at least one language")
    tap.ok(langs == sorted(langs), "help/LINGUAS is sorted", " ".join(langs))
    listed = set(langs)
    for path in sorted(glob.glob(os.path.join(HELP_DIR, "*", "*.po"))):
        lang = os.path.basename(os.path.dirname(path))
        tap.ok(lang in listed, f"help/{lang} is listed in help/LINGUAS")

    for lang in langs:
        po = os.path.join(HELP_DIR, lang, lang + ".po")
        if not tap.ok(os.path.exists(po), f"{lang}: help/{lang}/{lang}.po exists"):
            continue
        tap.run(f"{lang}: every message is translated, none fuzzy",
                check_complete, po, template, workdir)
        tap.run(f"{lang}: the translated pages are valid Mallard",
                check_pages, lang, po, workdir)

    if langs:
        first = os.path.join(HELP_DIR, langs[0], langs[0] + ".po")
        tap.run("a half-translated catalogue is refused", half_translated_fails,
                first, template, workdir)

    shutil.rmtree(workdir, ignore_errors=True)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# test-csv-readback.py — the CSV files Thordesk writes, read back by
# readers Thordesk did not write: LibreOffice Calc itself (Debian's
# libreoffice-calc-nogui, headless, converting to OpenDocument, whose
# cells are then read as XML) and Python's csv module.
#
# The files are made by the real pages: test-users-export's
# /users-export/odd-cells exports the Users page (with passwords) and
# saves the Import page's results, into TD_TEST_CSV_DIR.  Their cells
# hold commas, quotes, a line break, non-ASCII text, and text that a
# spreadsheet would run as a formula (= + - @): those must be shown as
# text, after an apostrophe, even with LibreOffice told to evaluate
# formulas.
#
# Copyright 2026 The Thordesk authors
# SPDX-License-Identifier: GPL-3.0-or-later

import csv
import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from tdtap import Tap, check  # noqa: E402

BUILD = os.environ.get("THORDESK_BUILD_ROOT", "_build")

# As in test-users-export.c.
ODD = ['=HYPERLINK("http://example.com","x")', "+15551234", "-2+3", "@SUM(A1)",
       "comma,name", 'quote"name', "élan ünïcödé"]
REGULAR = ["alice001", "bob0002", "carol003", "dave0004"]
USERS_HEADER = ["username", "proxy_type", "traffic_limit_mb", "status", "gateway_login",
                "proxy_host", "proxy_port", "password", "proxy_url"]


def shown_as(cell):
    return "'" + cell if cell[:1] in ("=", "+", "-", "@") else cell


def make_files(directory):
    env = dict(os.environ, TD_TEST_CSV_DIR=directory)
    run = subprocess.run([os.path.join(BUILD, "tests", "test-users-export"),
                          "-p", "/users-export/odd-cells"],
                         env=env, capture_output=True, text=True, timeout=120)
    check(run.returncode == 0, f"test-users-export failed:\n{run.stdout}\n{run.stderr}")
    for name in ("users.csv", "results.csv"):
        check(os.path.exists(os.path.join(directory, name)), f"{name} was not written")


def read_python(path):
    with open(path, "rb") as f:
        data = f.read()
    check(data.startswith(b"\xef\xbb\xbf"), "the file does not start with the UTF-8 BOM")
    check(b"\r\n" in data, "records do not end with CRLF")
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), strict=True))


def check_users(rows):
    check(rows[0] == USERS_HEADER, f"header {rows[0]}")
    names = [r[0] for r in rows[1:]]
    for cell in REGULAR + ODD:
        check(shown_as(cell) in names, f"{shown_as(cell)!r} not read back, got {names}")
    for r in rows[1:]:
        check(len(r) == len(USERS_HEADER), f"row of {len(r)} cells: {r}")
        check(r[1] == "residential", f"proxy_type {r[1]!r}")
        check(r[3] in ("enabled", "disabled"), f"status {r[3]!r}")
        check(r[7] == "Secret12", f"password {r[7]!r}")
        check(r[8].startswith("http://td-customer-") and ":Secret12@" in r[8], f"proxy_url {r[8]!r}")
    carol = [r for r in rows if r[0] == "carol003"][0]
    check(carol[2] == "3072" and carol[3] == "disabled", f"carol003 {carol}")


def check_results(rows):
    check(rows[0][:3] == ["username", "state", "message"], f"header {rows[0]}")
    names = [r[0] for r in rows[1:]]
    for cell in REGULAR + [shown_as(c) for c in ODD] + ["line\nbreak"]:
        check(cell in names or cell.replace("\n", "\r\n") in names,
              f"{cell!r} not read back, got {names}")
    states = {r[0]: r[1] for r in rows[1:]}
    check(states["alice001"] == "Exists", f"alice001 {states['alice001']!r}")
    check(all(r[2] for r in rows[1:] if r[1] == "Invalid"), "an invalid row has no message")


NS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
      "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
      "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}


def read_calc(path, workdir):
    """The cells as LibreOffice Calc shows them: (text, formula, type)."""
    out = os.path.join(workdir, "ods")
    # CSV import options: comma, double quote, UTF-8, from line 1, ...,
    # token 13 "evaluate formulas" on: the worst case for the admin.
    infilter = "CSV:44,34,76,1,,0,false,true,false,false,false,-1,true"
    run = subprocess.run(["libreoffice", "--headless", "--norestore",
                          f"-env:UserInstallation=file://{workdir}/profile",
                          f"--infilter={infilter}", "--convert-to", "ods", "--outdir", out, path],
                         capture_output=True, text=True, timeout=180,
                         env=dict(os.environ, HOME=workdir))
    ods = os.path.join(out, os.path.splitext(os.path.basename(path))[0] + ".ods")
    check(os.path.exists(ods), f"LibreOffice did not convert {path}:\n{run.stdout}\n{run.stderr}")
    root = ET.fromstring(zipfile.ZipFile(ods).read("content.xml"))
    rows = []
    for row in root.iter(f"{{{NS['table']}}}table-row"):
        cells = []
        for cell in row.findall("table:table-cell", NS):
            repeat = int(cell.get(f"{{{NS['table']}}}number-columns-repeated", "1"))
            text = "\n".join("".join(p.itertext()) for p in cell.findall("text:p", NS))
            entry = (text, cell.get(f"{{{NS['table']}}}formula"), cell.get(f"{{{NS['office']}}}value-type"))
            cells.extend([entry] * min(repeat, 20))
        while cells and cells[-1] == ("", None, None):
            cells.pop()
        if cells:
            rows.append(cells)
    return rows


def check_calc(calc_rows, python_rows):
    formulas = [c for r in calc_rows for c in r if c[1] is not None]
    check(not formulas, f"Calc runs cells as formulas: {formulas}")
    check(len(calc_rows) == len(python_rows),
          f"Calc reads {len(calc_rows)} rows, Python {len(python_rows)}")
    for calc, py in zip(calc_rows, python_rows):
        texts = [c[0] for c in calc] + [""] * (len(py) - len(calc))
        # Calc shows numbers as numbers (3072, 9999): same text; a line
        # break inside a cell is one paragraph break, whichever it was.
        py = [cell.replace("\r\n", "\n") for cell in py]
        check(texts == py, f"Calc shows {texts}, Python reads {py}")
    check(calc_rows[0][0][0] == "username", f"the BOM is shown: {calc_rows[0][0][0]!r}")


def main():
    tap = Tap()
    workdir = tempfile.mkdtemp(prefix="test-csv-readback-")
    try:
        if not tap.run("the pages write an export and a results file", make_files, workdir):
            return tap.finish()
        users = os.path.join(workdir, "users.csv")
        results = os.path.join(workdir, "results.csv")
        parsed = {}

        def python_reads(path, checker):
            parsed[path] = read_python(path)
            checker(parsed[path])

        tap.run("Python's csv reads the Users export", python_reads, users, check_users)
        tap.run("Python's csv reads the results file", python_reads, results, check_results)

        if shutil.which("libreoffice") is None:
            tap.skip("LibreOffice Calc reads the Users export", "libreoffice-calc-nogui is not installed")
            tap.skip("LibreOffice Calc reads the results file", "libreoffice-calc-nogui is not installed")
        else:
            for name, path in (("the Users export", users), ("the results file", results)):
                tap.run(f"LibreOffice Calc reads {name}",
                        lambda p=path: check_calc(read_calc(p, workdir), parsed.get(p) or read_python(p)))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())

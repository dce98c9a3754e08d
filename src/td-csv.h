/* td-csv.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Files larger than this are refused before they are read. */
#define TD_CSV_MAX_BYTES (8 * 1024 * 1024)
/* Tables with more records than this (header included) are refused. */
#define TD_CSV_MAX_ROWS  20000

#define TD_CSV_ERROR (td_csv_error_quark ())

typedef enum
{
  TD_CSV_ERROR_TOO_LARGE,        /* over TD_CSV_MAX_BYTES */
  TD_CSV_ERROR_TOO_MANY_ROWS,    /* over TD_CSV_MAX_ROWS */
  TD_CSV_ERROR_BINARY,           /* not text: NUL or control bytes, a workbook */
  TD_CSV_ERROR_ENCODING,         /* text, but neither UTF-8 nor UTF-16 */
  TD_CSV_ERROR_UNTERMINATED,     /* a quoted field that never ends */
} TdCsvError;

GQuark      td_csv_error_quark    (void);

/* Reads a whole CSV document as spreadsheets write it: UTF-8 with or
 * without a byte order mark (UTF-16 with a BOM is converted); records
 * end with CRLF, LF or CR; fields are separated by @delimiter, or, when
 * @delimiter is 0, by the one of comma, semicolon and tab that splits
 * the first records most consistently (written to @out_delimiter when
 * not NULL).  Quoting follows RFC 4180: a field that starts with a
 * double quote may hold delimiters, line breaks and doubled quotes.
 * Records whose cells are all empty are dropped, and so are empty cells
 * at the end of a record.
 *
 * Returns an array of records, each a NULL-terminated array of cells
 * (GStrv, at least one cell), or NULL with a TD_CSV_ERROR whose message
 * is a translated sentence for the admin. */
GPtrArray  *td_csv_parse          (const char  *data,
                                   gsize        length,
                                   char         delimiter,
                                   char        *out_delimiter,
                                   GError     **error);

/* Appends one record to @out: cells separated by commas, the record
 * ended with CRLF; a cell is quoted when it holds a comma, a quote, a
 * line break, leading or trailing space, or a leading U+FEFF.  A cell
 * that a spreadsheet would run as a formula (starting with = + - @, tab
 * or CR) is written with a leading apostrophe, so that it is shown as
 * text. */
void        td_csv_append_row     (GString           *out,
                                   const char * const *cells,
                                   gsize              n_cells);

/* The start of a CSV file for spreadsheets: the UTF-8 byte order mark,
 * without which Excel reads UTF-8 as the local code page. */
#define TD_CSV_UTF8_BOM "\xEF\xBB\xBF"

G_END_DECLS

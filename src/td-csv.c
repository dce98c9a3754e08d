/* td-csv.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why our own reader rather than Debian's libcsv3: libcsv is a push
 * parser that leaves BOMs, encodings, delimiter detection, blank records
 * and size caps to its caller, which is most of what is here; the RFC
 * 4180 state machine itself is fifty lines, fuzzed (tests/fuzz/fuzz-csv.c)
 * and tested case by case (tests/test-csv.c).
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-csv.h"

G_DEFINE_QUARK (td-csv-error-quark, td_csv_error)

/* Records looked at to choose the delimiter. */
#define DETECT_RECORDS 20

/* Decoding */

static gboolean
has_prefix (const char *data,
            gsize       length,
            const char *prefix,
            gsize       prefix_length)
{
  return length >= prefix_length && memcmp (data, prefix, prefix_length) == 0;
}

/* TRUE when @data holds a byte that no text file holds: NUL, or a C0
 * control other than tab, line feed and carriage return. */
static gboolean
has_binary_bytes (const char *data,
                  gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      guchar c = data[i];

      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        return TRUE;
    }

  return FALSE;
}

static void
set_binary_error (GError **error)
{
  g_set_error_literal (error, TD_CSV_ERROR, TD_CSV_ERROR_BINARY,
                       _("This is not a text file. Choose a file saved as CSV."));
}

/* The document as UTF-8 without a byte order mark, newly allocated, or
 * NULL with an error. */
static char *
decode_text (const char  *data,
             gsize        length,
             gsize       *out_length,
             GError     **error)
{
  g_autofree char *converted = NULL;
  gsize converted_length = 0;

  if (length > TD_CSV_MAX_BYTES)
    {
      g_autofree char *cap = g_format_size_full (TD_CSV_MAX_BYTES, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, TD_CSV_ERROR, TD_CSV_ERROR_TOO_LARGE,
                   /* Translators: %s is a size, like "8.0 MiB" */
                   _("The file is too large: files up to %s can be imported. Split it into smaller files."),
                   cap);
      return NULL;
    }

  /* A workbook (.xlsx, .ods are zip archives; .xls is an OLE file). */
  if (has_prefix (data, length, "PK\x03\x04", 4) ||
      has_prefix (data, length, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
    {
      g_set_error_literal (error, TD_CSV_ERROR, TD_CSV_ERROR_BINARY,
                           _("This is a spreadsheet workbook, not a CSV file. In the spreadsheet, save it as “CSV UTF-8”."));
      return NULL;
    }

  if (has_prefix (data, length, "\xEF\xBB\xBF", 3))
    {
      data += 3;
      length -= 3;
    }
  else if (has_prefix (data, length, "\xFF\xFE", 2) || has_prefix (data, length, "\xFE\xFF", 2))
    {
      const char *charset = data[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";

      converted = g_convert (data + 2, length - 2, "UTF-8", charset, NULL, &converted_length, NULL);
      if (converted == NULL)
        {
          g_set_error_literal (error, TD_CSV_ERROR, TD_CSV_ERROR_ENCODING,
                               _("The file is damaged: it says it is UTF-16 text but is not. Save it again as “CSV UTF-8”."));
          return NULL;
        }
      data = converted;
      length = converted_length;
    }

  if (has_binary_bytes (data, length))
    {
      set_binary_error (error);
      return NULL;
    }

  if (g_utf8_validate_len (data, length, NULL))
    {
      *out_length = length;
      return g_strndup (data, length);
    }

  /* What Excel on Windows writes as "CSV (Comma delimited)": the
   * Windows code page, most often 1252. */
  if (converted == NULL)
    {
      char *windows = g_convert (data, length, "UTF-8", "WINDOWS-1252", NULL, out_length, NULL);

      if (windows != NULL && !has_binary_bytes (windows, *out_length))
        return windows;

      g_free (windows);
    }

  g_set_error_literal (error, TD_CSV_ERROR, TD_CSV_ERROR_ENCODING,
                       _("The file’s text encoding is not supported. In the spreadsheet, save it as “CSV UTF-8”."));
  return NULL;
}

/* Parsing */

typedef struct
{
  GPtrArray *records;    /* GStrv */
  GArray    *widths;     /* guint, cells before trimming; NULL when unused */
  GPtrArray *cells;      /* char*, the record being read */
  guint      max_records;
} Parser;

static void
end_record (Parser *parser)
{
  GPtrArray *cells = parser->cells;
  guint width = cells->len;

  /* Empty cells at the end, then records with nothing in them. */
  while (cells->len > 0 && ((char *) g_ptr_array_index (cells, cells->len - 1))[0] == '\0')
    g_ptr_array_remove_index (cells, cells->len - 1);

  if (cells->len > 0)
    {
      g_ptr_array_add (cells, NULL);
      g_ptr_array_add (parser->records, g_ptr_array_steal (cells, NULL));
      if (parser->widths != NULL)
        g_array_append_val (parser->widths, width);
    }

  g_ptr_array_set_size (cells, 0);
}

static gboolean
check_row_count (Parser  *parser,
                 GError **error)
{
  if (parser->records->len <= TD_CSV_MAX_ROWS)
    return TRUE;

  g_set_error (error, TD_CSV_ERROR, TD_CSV_ERROR_TOO_MANY_ROWS,
               g_dngettext (GETTEXT_PACKAGE,
                            "The file has too many rows: up to %u row can be imported at a time. Split it into smaller files.",
                            "The file has too many rows: up to %u rows can be imported at a time. Split it into smaller files.",
                            TD_CSV_MAX_ROWS),
               (guint) TD_CSV_MAX_ROWS);
  return FALSE;
}

/* Parses @text (UTF-8, NUL-terminated at @length) into parser->records,
 * stopping after max_records records when it is not 0. */
static gboolean
parse_records (Parser      *parser,
               const char  *text,
               gsize        length,
               char         delimiter,
               GError     **error)
{
  const char *p = text;
  const char *end = text + length;
  guint line = 1;
  g_autoptr(GString) cell = g_string_new (NULL);

  while (p < end)
    {
      g_string_truncate (cell, 0);

      if (*p == '"')
        {
          guint start_line = line;

          p++;
          for (;;)
            {
              const char *quote = memchr (p, '"', end - p);

              if (quote == NULL)
                {
                  g_set_error (error, TD_CSV_ERROR, TD_CSV_ERROR_UNTERMINATED,
                               _("The quoted cell that starts on line %u never ends: a closing quote (\") is missing."),
                               start_line);
                  return FALSE;
                }

              for (const char *q = p; q < quote; q++)
                {
                  if (*q == '\n' || (*q == '\r' && q[1] != '\n'))
                    line++;
                }
              g_string_append_len (cell, p, quote - p);
              p = quote + 1;

              if (p < end && *p == '"')
                {
                  g_string_append_c (cell, '"');
                  p++;
                }
              else
                break;
            }
        }

      /* An unquoted cell, or what follows a closing quote (taken as it
       * is, as spreadsheets do). */
      while (p < end && *p != delimiter && *p != '\n' && *p != '\r')
        g_string_append_c (cell, *p++);

      g_ptr_array_add (parser->cells, g_strndup (cell->str, cell->len));

      if (p < end && *p == delimiter)
        {
          p++;
          /* A delimiter at the very end leaves an empty last cell. */
          if (p == end)
            g_ptr_array_add (parser->cells, g_strdup (""));
          continue;
        }

      if (p < end && *p == '\r')
        {
          p++;
          if (p < end && *p == '\n')
            p++;
        }
      else if (p < end && *p == '\n')
        p++;
      line++;

      end_record (parser);
      if (!check_row_count (parser, error))
        return FALSE;
      if (parser->max_records > 0 && parser->records->len >= parser->max_records)
        return TRUE;
    }

  if (parser->cells->len > 0)
    end_record (parser);

  return check_row_count (parser, error);
}

static void
parser_init (Parser  *parser,
             gboolean with_widths,
             guint    max_records)
{
  parser->records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  parser->widths = with_widths ? g_array_new (FALSE, FALSE, sizeof (guint)) : NULL;
  parser->cells = g_ptr_array_new_with_free_func (g_free);
  parser->max_records = max_records;
}

static void
parser_clear (Parser *parser)
{
  g_clear_pointer (&parser->records, g_ptr_array_unref);
  g_clear_pointer (&parser->widths, g_array_unref);
  g_clear_pointer (&parser->cells, g_ptr_array_unref);
}

/* How well @delimiter splits the first records: 0 when it does not split
 * the first one; otherwise more for more records as wide as the first. */
static guint
score_delimiter (const char *text,
                 gsize       length,
                 char        delimiter)
{
  Parser parser;
  guint first;
  guint consistent = 0;
  guint score = 0;

  parser_init (&parser, TRUE, DETECT_RECORDS);

  if (parse_records (&parser, text, length, delimiter, NULL) && parser.widths->len > 0)
    {
      first = g_array_index (parser.widths, guint, 0);
      for (guint i = 0; i < parser.widths->len; i++)
        consistent += g_array_index (parser.widths, guint, i) == first;

      if (first > 1)
        score = consistent * 64 + MIN (first, 63);
    }

  parser_clear (&parser);

  return score;
}

static char
detect_delimiter (const char *text,
                  gsize       length)
{
  /* In order of preference on a tie. */
  static const char candidates[] = { '\t', ';', ',' };
  char best = ',';
  guint best_score = 0;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      guint score = score_delimiter (text, length, candidates[i]);

      if (score > best_score)
        {
          best = candidates[i];
          best_score = score;
        }
    }

  return best;
}

GPtrArray *
td_csv_parse (const char  *data,
              gsize        length,
              char         delimiter,
              char        *out_delimiter,
              GError     **error)
{
  g_autofree char *text = NULL;
  gsize text_length = 0;
  Parser parser;
  GPtrArray *records = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (delimiter != '"' && delimiter != '\r' && delimiter != '\n', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = decode_text (data != NULL ? data : "", length, &text_length, error);
  if (text == NULL)
    return NULL;

  if (delimiter == 0)
    delimiter = detect_delimiter (text, text_length);
  if (out_delimiter != NULL)
    *out_delimiter = delimiter;

  parser_init (&parser, FALSE, 0);
  if (parse_records (&parser, text, text_length, delimiter, error))
    records = g_steal_pointer (&parser.records);
  parser_clear (&parser);

  return records;
}

/* Writing */

static gboolean
needs_formula_guard (const char *cell)
{
  return cell[0] != '\0' && strchr ("=+-@\t\r", cell[0]) != NULL;
}

static gboolean
needs_quotes (const char *cell)
{
  gsize length = strlen (cell);

  if (length == 0)
    return FALSE;

  /* A cell starting with U+FEFF at the start of a file would be read
   * as the byte order mark: quoted, it is read as part of the cell. */
  return strpbrk (cell, ",\"\r\n") != NULL ||
         g_ascii_isspace (cell[0]) || g_ascii_isspace (cell[length - 1]) ||
         g_str_has_prefix (cell, TD_CSV_UTF8_BOM);
}

void
td_csv_append_row (GString            *out,
                   const char * const *cells,
                   gsize               n_cells)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (cells != NULL || n_cells == 0);

  for (gsize i = 0; i < n_cells; i++)
    {
      const char *cell = cells[i] != NULL ? cells[i] : "";
      gboolean guard = needs_formula_guard (cell);
      gboolean quote = needs_quotes (cell);

      if (i > 0)
        g_string_append_c (out, ',');
      if (quote)
        g_string_append_c (out, '"');
      if (guard)
        g_string_append_c (out, '\'');

      for (const char *p = cell; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }

      if (quote)
        g_string_append_c (out, '"');
    }

  g_string_append (out, "\r\n");
}

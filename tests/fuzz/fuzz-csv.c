/* fuzz-csv.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A file or a paste given to the import page: td_csv_parse() with the
 * delimiter detected, then with each delimiter forced.  Checked for every
 * input: exactly one of a result and an error; every record has at least
 * one cell, no empty last cell, only valid UTF-8; and what the writer
 * writes of the records reads back as the same records.
 */

#include "config.h"

#include <string.h>

#include "td-csv.h"
#include "td-fuzz.h"

static void
check_records (GPtrArray *records)
{
  g_assert_cmpuint (records->len, <=, TD_CSV_MAX_ROWS);

  for (guint i = 0; i < records->len; i++)
    {
      char **cells = g_ptr_array_index (records, i);
      guint n = g_strv_length (cells);

      g_assert_cmpuint (n, >, 0);
      g_assert_cmpstr (cells[n - 1], !=, "");
      for (guint j = 0; j < n; j++)
        g_assert_true (g_utf8_validate (cells[j], -1, NULL));
    }
}

/* Written by td_csv_append_row() and read back, cells that the writer
 * does not guard against formulas come back unchanged. */
static void
check_round_trip (GPtrArray *records)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < records->len; i++)
    {
      char **cells = g_ptr_array_index (records, i);

      td_csv_append_row (out, (const char * const *) cells, g_strv_length (cells));
    }

  if (out->len > TD_CSV_MAX_BYTES)
    return;

  again = td_csv_parse (out->str, out->len, ',', NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, records->len);

  for (guint i = 0; i < records->len; i++)
    {
      char **cells = g_ptr_array_index (records, i);
      char **read = g_ptr_array_index (again, i);

      g_assert_cmpuint (g_strv_length (read), ==, g_strv_length (cells));
      for (guint j = 0; cells[j] != NULL; j++)
        {
          /* strchr() finds the terminator too: an empty cell is no formula. */
          if (cells[j][0] == '\0' || strchr ("=+-@\t\r", cells[j][0]) == NULL)
            g_assert_cmpstr (read[j], ==, cells[j]);
          else
            g_assert_true (read[j][0] == '\'' && strcmp (read[j] + 1, cells[j]) == 0);
        }
    }
}

static void
parse_with (const uint8_t *data,
            size_t         size,
            char           delimiter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  char used = 0;

  records = td_csv_parse ((const char *) data, size, delimiter, &used, &error);
  g_assert_true ((records == NULL) != (error == NULL));

  if (records == NULL)
    {
      td_fuzz_check_error (error);
      g_assert_true (error->domain == TD_CSV_ERROR);
      return;
    }

  g_assert_true (used == ',' || used == ';' || used == '\t');
  g_assert_true (delimiter == 0 || used == delimiter);
  check_records (records);
  check_round_trip (records);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  td_fuzz_init ();

  parse_with (data, size, 0);
  parse_with (data, size, ',');
  parse_with (data, size, ';');
  parse_with (data, size, '\t');

  return 0;
}

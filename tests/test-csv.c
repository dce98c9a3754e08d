/* test-csv.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gstdio.h>

#include "td-csv.h"

/* The records as "[cell][cell] / [cell]": every cell bracketed, so that
 * empty cells, spaces and line breaks inside cells show. */
static char *
serialize (GPtrArray *records)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < records->len; i++)
    {
      char **cells = g_ptr_array_index (records, i);

      g_assert_nonnull (cells[0]);
      if (i > 0)
        g_string_append (out, " / ");
      for (guint j = 0; cells[j] != NULL; j++)
        g_string_append_printf (out, "[%s]", cells[j]);
    }

  return g_string_free (out, FALSE);
}

typedef struct
{
  const char *name;
  const char *data;
  gssize      length;     /* -1: strlen */
  char        delimiter;  /* the one expected to be detected */
  const char *expected;
} ParseCase;

static const ParseCase parse_cases[] = {
  { "empty", "", -1, ',', "" },
  { "one cell", "alice01", -1, ',', "[alice01]" },
  { "single column with header", "username\nalice01\nbob0002\n", -1, ',',
    "[username] / [alice01] / [bob0002]" },
  { "comma LF", "username,password\nalice01,Secret1\n", -1, ',',
    "[username][password] / [alice01][Secret1]" },
  { "comma CRLF", "username,password\r\nalice01,Secret1\r\n", -1, ',',
    "[username][password] / [alice01][Secret1]" },
  { "old Mac CR", "username,password\ralice01,Secret1\r", -1, ',',
    "[username][password] / [alice01][Secret1]" },
  { "no final newline", "a,b\nc,d", -1, ',', "[a][b] / [c][d]" },
  { "UTF-8 BOM", "\xEF\xBB\xBFusername;traffic_limit\r\nalice01;1,5\r\n", -1, ';',
    "[username][traffic_limit] / [alice01][1,5]" },
  { "Excel semicolon, European decimals", "username;password;traffic_limit\r\nalice01;Secret1;2,5\r\nbob0002;Secret2;1\r\n", -1, ';',
    "[username][password][traffic_limit] / [alice01][Secret1][2,5] / [bob0002][Secret2][1]" },
  { "tab from a paste", "username\tpassword\nalice01\tSecret1\n", -1, '\t',
    "[username][password] / [alice01][Secret1]" },
  { "tab, cells with commas", "a\tb,c\nd\te,f\n", -1, '\t', "[a][b,c] / [d][e,f]" },
  { "quoted delimiter", "name,note\nalice01,\"Berlin, DE\"\n", -1, ',',
    "[name][note] / [alice01][Berlin, DE]" },
  { "doubled quotes", "a,b\n\"say \"\"hi\"\"\",x\n", -1, ',', "[a][b] / [say \"hi\"][x]" },
  { "newline inside quotes", "a,b\n\"line 1\nline 2\",x\n", -1, ',', "[a][b] / [line 1\nline 2][x]" },
  { "CRLF inside quotes", "a,b\r\n\"line 1\r\nline 2\",x\r\n", -1, ',', "[a][b] / [line 1\r\nline 2][x]" },
  { "quoted empty cell", "a,\"\",c\n", -1, ',', "[a][][c]" },
  { "empty cell in the middle", "a,,c\n", -1, ',', "[a][][c]" },
  { "blank lines", "\n\na,b\n\n\r\nc,d\n\n", -1, ',', "[a][b] / [c][d]" },
  { "rows of empty cells (Excel)", "a;b;c\r\n;;\r\nd;e;f\r\n;;\r\n", -1, ';', "[a][b][c] / [d][e][f]" },
  { "trailing delimiters", "a,b,\nc,d,,\n", -1, ',', "[a][b] / [c][d]" },
  { "trailing delimiter at end of data", "a,b,", -1, ',', "[a][b]" },
  { "shorter row", "a,b,c\nd\n", -1, ',', "[a][b][c] / [d]" },
  { "spaces kept", "a, b ,c\n", -1, ',', "[a][ b ][c]" },
  { "text after a closing quote", "\"ab\"cd,e\n", -1, ',', "[abcd][e]" },
  { "quote inside an unquoted cell", "ab\"cd,e\n", -1, ',', "[ab\"cd][e]" },
  { "UTF-8 names", "name,city\nJosé,Zürich\n", -1, ',', "[name][city] / [José][Zürich]" },
  { "semicolon wins over commas in cells", "u;l\nalice01;1,5\nbob0002;2,5\n", -1, ';', "[u][l] / [alice01][1,5] / [bob0002][2,5]" },
  { "Windows-1252 (Excel ANSI)", "name;city\r\nJos\xE9;Z\xFCrich\r\n", -1, ';', "[name][city] / [José][Zürich]" },
  { "UTF-16LE with BOM (Excel Unicode text)", "\xFF\xFE" "a\0\t\0b\0\r\0\n\0c\0\t\0d\0", 18, '\t', "[a][b] / [c][d]" },
};

static void
test_parse_cases (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      const ParseCase *c = &parse_cases[i];
      gsize length = c->length < 0 ? strlen (c->data) : (gsize) c->length;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = NULL;
      g_autofree char *text = NULL;
      char delimiter = 'x';

      g_test_message ("case: %s", c->name);
      records = td_csv_parse (c->data, length, 0, &delimiter, &error);
      g_assert_no_error (error);
      g_assert_nonnull (records);
      text = serialize (records);
      g_assert_cmpstr (text, ==, c->expected);
      if (length > 0)
        g_assert_cmpint (delimiter, ==, c->delimiter);
    }
}

static void
test_forced_delimiter (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *text = NULL;
  char delimiter = 0;

  /* Detection would take the comma; the caller says tab. */
  records = td_csv_parse ("a,b\tc\nd,e\tf\n", 12, '\t', &delimiter, &error);
  g_assert_no_error (error);
  text = serialize (records);
  g_assert_cmpstr (text, ==, "[a,b][c] / [d,e][f]");
  g_assert_cmpint (delimiter, ==, '\t');
}

typedef struct
{
  const char *name;
  const char *data;
  gsize       length;
  TdCsvError  code;
  const char *message_part;
} ErrorCase;

static void
test_errors (void)
{
  static const ErrorCase cases[] = {
    { "NUL byte", "a,b\0c\n", 6, TD_CSV_ERROR_BINARY, "not a text file" },
    { "control bytes", "\x01\x02\x03\x04", 4, TD_CSV_ERROR_BINARY, "not a text file" },
    { "PNG", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, TD_CSV_ERROR_BINARY, "not a text file" },
    { "xlsx workbook", "PK\x03\x04\x14\0\x06\0", 8, TD_CSV_ERROR_BINARY, "save it as “CSV UTF-8”" },
    { "xls workbook", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10, TD_CSV_ERROR_BINARY, "workbook" },
    { "unterminated quote", "a,b\nc,\"d\ne\n", 11, TD_CSV_ERROR_UNTERMINATED, "starts on line 2" },
    { "unterminated after doubled quote", "\"ab\"\"", 5, TD_CSV_ERROR_UNTERMINATED, "line 1" },
    { "broken UTF-16", "\xFF\xFE\x00\xD8", 4, TD_CSV_ERROR_ENCODING, "UTF-16" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = NULL;

      g_test_message ("case: %s", cases[i].name);
      records = td_csv_parse (cases[i].data, cases[i].length, 0, NULL, &error);
      g_assert_null (records);
      g_assert_error (error, TD_CSV_ERROR, (gint) cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].message_part));
    }
}

static void
test_size_cap (void)
{
  gsize length = TD_CSV_MAX_BYTES + 1;
  g_autofree char *data = g_malloc (length);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *cap = g_format_size_full (TD_CSV_MAX_BYTES, G_FORMAT_SIZE_IEC_UNITS);

  memset (data, 'a', length);
  records = td_csv_parse (data, length, 0, NULL, &error);
  g_assert_null (records);
  g_assert_error (error, TD_CSV_ERROR, TD_CSV_ERROR_TOO_LARGE);
  /* The message names the cap. */
  g_assert_nonnull (strstr (error->message, cap));

  /* Just under the cap is read. */
  g_clear_error (&error);
  memset (data, ',', 10);
  records = td_csv_parse (data, TD_CSV_MAX_BYTES, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
}

static void
test_row_cap (void)
{
  g_autoptr(GString) data = g_string_new ("username\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autofree char *number = g_strdup_printf ("%u", (guint) TD_CSV_MAX_ROWS);

  for (guint i = 1; i < TD_CSV_MAX_ROWS; i++)
    g_string_append_printf (data, "user%06u\n", i);

  records = td_csv_parse (data->str, data->len, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, TD_CSV_MAX_ROWS);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* One more, without a final newline, then with one. */
  g_string_append (data, "oneTooMany");
  records = td_csv_parse (data->str, data->len, 0, NULL, &error);
  g_assert_null (records);
  g_assert_error (error, TD_CSV_ERROR, TD_CSV_ERROR_TOO_MANY_ROWS);
  g_assert_nonnull (strstr (error->message, number));
  g_clear_error (&error);

  g_string_append (data, "\nandAnother\n");
  records = td_csv_parse (data->str, data->len, 0, NULL, &error);
  g_assert_null (records);
  g_assert_error (error, TD_CSV_ERROR, TD_CSV_ERROR_TOO_MANY_ROWS);

  /* 100,000 rows are refused quickly. */
  g_clear_error (&error);
  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (data, "user%06u\n", i);
  records = td_csv_parse (data->str, data->len, 0, NULL, &error);
  g_assert_null (records);
  g_assert_error (error, TD_CSV_ERROR, TD_CSV_ERROR_TOO_MANY_ROWS);
}

static void
test_write (void)
{
  static const char * const plain[] = { "alice01", "Secret1", "td-customer-alice01" };
  static const char * const tricky[] = { "a,b", "say \"hi\"", "two\nlines", " pad ", "", NULL };
  static const char * const formulas[] = { "=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\",\"y\")", "a=b" };
  g_autoptr(GString) out = g_string_new (NULL);

  td_csv_append_row (out, plain, G_N_ELEMENTS (plain));
  g_assert_cmpstr (out->str, ==, "alice01,Secret1,td-customer-alice01\r\n");

  g_string_truncate (out, 0);
  td_csv_append_row (out, tricky, G_N_ELEMENTS (tricky));
  g_assert_cmpstr (out->str, ==, "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" pad \",,\r\n");

  /* Read back at the start of a file, it would be the byte order mark. */
  g_string_truncate (out, 0);
  td_csv_append_row (out, (const char *[]) { "\xEF\xBB\xBFx", "y" }, 2);
  g_assert_cmpstr (out->str, ==, "\"\xEF\xBB\xBFx\",y\r\n");

  g_string_truncate (out, 0);
  td_csv_append_row (out, formulas, G_N_ELEMENTS (formulas));
  g_assert_cmpstr (out->str, ==,
                   "'=1+1,'+1,'-2,'@SUM(A1),\"'\tx\",\"'\rx\",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",a=b\r\n");
}

/* What the writer writes, the reader reads back (but for the guard). */
static void
test_round_trip (void)
{
  static const char * const header[] = { "username", "note", "city" };
  static const char * const row[] = { "alice01", "a \"quoted\", multi\r\nline note", "Zürich" };
  g_autoptr(GString) out = g_string_new (TD_CSV_UTF8_BOM);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  char **cells;
  char delimiter = 0;

  td_csv_append_row (out, header, G_N_ELEMENTS (header));
  td_csv_append_row (out, row, G_N_ELEMENTS (row));

  records = td_csv_parse (out->str, out->len, 0, &delimiter, &error);
  g_assert_no_error (error);
  g_assert_cmpint (delimiter, ==, ',');
  g_assert_cmpuint (records->len, ==, 2);
  cells = g_ptr_array_index (records, 1);
  g_assert_cmpuint (g_strv_length (cells), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (cells[i], ==, row[i]);
}

/* What the writer writes, a reader we did not write reads the same:
 * Python's csv module, as spreadsheets do (RFC 4180). */
static void
test_python_reads_it (void)
{
  static const char * const rows[][4] = {
    { "username", "message", "login", "note" },
    { "alice01", "a \"quoted\", multi\r\nline note", "td-customer-alice01", "Zürich, CH" },
    { "bob0002", "=HYPERLINK(\"http://x\")", "", " padded " },
  };
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autoptr(GString) out = g_string_new (TD_CSV_UTF8_BOM);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *stdout_text = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  int status = 0;
  const char *script =
    "import csv, json, sys\n"
    "with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n"
    "    print(json.dumps(list(csv.reader(f)), ensure_ascii=True))\n";

  if (python == NULL)
    {
      g_test_skip ("python3 is not installed");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    td_csv_append_row (out, rows[i], 4);

  dir = g_dir_make_tmp ("test-csv-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "out.csv", NULL);
  g_file_set_contents (path, out->str, out->len, &error);
  g_assert_no_error (error);

  g_spawn_sync (NULL, (char *[]) { python, (char *) "-c", (char *) script, path, NULL }, NULL,
                G_SPAWN_DEFAULT, NULL, NULL, &stdout_text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* Python's json.dumps of the cells, written out by hand. */
  g_string_append (expected,
                   "[[\"username\", \"message\", \"login\", \"note\"], "
                   "[\"alice01\", \"a \\\"quoted\\\", multi\\r\\nline note\", \"td-customer-alice01\", \"Z\\u00fcrich, CH\"], "
                   "[\"bob0002\", \"'=HYPERLINK(\\\"http://x\\\")\", \"\", \" padded \"]]\n");
  g_assert_cmpstr (stdout_text, ==, expected->str);

  g_unlink (path);
  g_rmdir (dir);
}

/* Every prefix of a tricky document either parses or fails cleanly. */
static void
test_truncations (void)
{
  static const char doc[] = "\xEF\xBB\xBFu;\"p;\"\"x\"\"\r\ny\";l\r\n\"a\";b;;\r\n\r\n";

  for (gsize n = 0; n <= sizeof doc - 1; n++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = td_csv_parse (doc, n, 0, NULL, &error);

      g_assert_true ((records == NULL) != (error == NULL));
      if (error != NULL)
        g_assert_error (error, TD_CSV_ERROR, TD_CSV_ERROR_UNTERMINATED);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/parse-cases", test_parse_cases);
  g_test_add_func ("/csv/forced-delimiter", test_forced_delimiter);
  g_test_add_func ("/csv/errors", test_errors);
  g_test_add_func ("/csv/size-cap", test_size_cap);
  g_test_add_func ("/csv/row-cap", test_row_cap);
  g_test_add_func ("/csv/write", test_write);
  g_test_add_func ("/csv/round-trip", test_round_trip);
  g_test_add_func ("/csv/truncations", test_truncations);
  g_test_add_func ("/csv/python-reads-it", test_python_reads_it);

  return g_test_run ();
}

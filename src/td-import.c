/* td-import.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-csv.h"
#include "td-import.h"

#define N_TYPES 3

struct _TdImport
{
  GObject        parent_instance;

  GPtrArray     *rows;          /* TdImportRow */
  GPtrArray     *records;       /* GStrv: the data records, for remapping */
  GStrv          header;        /* NULL without a header row */
  guint          n_columns;
  int            field_column[TD_IMPORT_N_FIELDS];  /* -1: not in the file */
  TdTrafficUnit  limit_unit;    /* from the header; MB otherwise */

  TdProxyType    default_type;
  gint64         default_limit_mb;
  gboolean       default_enabled;
  GHashTable    *existing[N_TYPES];  /* username → NULL */
  gint64         remaining;

  guint          n_ready;
  guint          n_skipped;
  guint          n_invalid;
  guint          over_quota;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdImport, td_import, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum
{
  PROP_0,
  PROP_N_READY,
  PROP_N_SKIPPED,
  PROP_N_INVALID,
  PROP_OVER_QUOTA,
  PROP_HAS_HEADER,
  PROP_N_COLUMNS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The cells of a record may hold passwords: wiped when dropped. */
static void
record_free (char **cells)
{
  for (guint i = 0; cells != NULL && cells[i] != NULL; i++)
    td_secret_free (cells[i]);
  g_free (cells);
}

/* GListModel */

static GType
td_import_get_item_type (GListModel *model)
{
  return TD_TYPE_IMPORT_ROW;
}

static guint
td_import_get_n_items (GListModel *model)
{
  return TD_IMPORT (model)->rows->len;
}

static gpointer
td_import_get_item (GListModel *model,
                    guint       position)
{
  TdImport *self = TD_IMPORT (model);

  if (position >= self->rows->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->rows, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = td_import_get_item_type;
  iface->get_n_items = td_import_get_n_items;
  iface->get_item = td_import_get_item;
}

/* Cells */

static char *
strip_copy (const char *text)
{
  return g_strstrip (g_strdup (text != NULL ? text : ""));
}

/* @text in lower case with spaces, '_', '-', brackets and dots removed:
 * "Traffic Limit (GB)" → "trafficlimitgb". */
static char *
compact_name (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (strchr (" \t_-()[]./", *p) == NULL)
        g_string_append_c (out, g_ascii_tolower (*p));
    }

  return g_string_free (out, FALSE);
}

static gboolean
name_in (const char         *name,
         const char * const *names)
{
  return g_strv_contains (names, name);
}

/* The field a header cell names, and the unit it gives a limit. */
static TdImportField
field_for_header (const char    *cell,
                  TdTrafficUnit *unit)
{
  static const char * const usernames[] = { "username", "user", "login", "usernames", "proxyuser", NULL };
  static const char * const passwords[] = { "password", "pass", "pwd", "passwd", NULL };
  static const char * const limits[] = { "trafficlimit", "limit", "traffic", NULL };
  static const char * const statuses[] = { "status", "enabled", "enable", "active", "state", NULL };
  static const char * const types[] = { "proxytype", "type", "proxy", NULL };
  g_autofree char *name = compact_name (cell);
  gsize length = strlen (name);

  if (name_in (name, usernames))
    return TD_IMPORT_FIELD_USERNAME;
  if (name_in (name, passwords))
    return TD_IMPORT_FIELD_PASSWORD;
  if (name_in (name, statuses))
    return TD_IMPORT_FIELD_STATUS;
  if (name_in (name, types))
    return TD_IMPORT_FIELD_PROXY_TYPE;
  if (name_in (name, limits))
    {
      *unit = TD_TRAFFIC_UNIT_MB;
      return TD_IMPORT_FIELD_TRAFFIC_LIMIT;
    }

  if (length > 2 && (g_str_has_suffix (name, "mb") || g_str_has_suffix (name, "gb")))
    {
      gboolean gb = name[length - 2] == 'g';

      name[length - 2] = '\0';
      if (name_in (name, limits))
        {
          *unit = gb ? TD_TRAFFIC_UNIT_GB : TD_TRAFFIC_UNIT_MB;
          return TD_IMPORT_FIELD_TRAFFIC_LIMIT;
        }
    }

  return TD_IMPORT_FIELD_NONE;
}

char *
td_import_parse_limit (const char    *text,
                       TdTrafficUnit  unit,
                       gint64        *out_mb)
{
  g_autofree char *value = strip_copy (text);
  gsize length = strlen (value);

  g_return_val_if_fail (out_mb != NULL, NULL);

  if (g_ascii_strcasecmp (value, "unlimited") == 0 ||
      g_utf8_collate (value, _("Unlimited")) == 0)
    {
      *out_mb = 0;
      return NULL;
    }

  if (length >= 2 && (g_ascii_strcasecmp (value + length - 2, "mb") == 0 ||
                      g_ascii_strcasecmp (value + length - 2, "gb") == 0))
    {
      unit = g_ascii_tolower (value[length - 2]) == 'g' ? TD_TRAFFIC_UNIT_GB : TD_TRAFFIC_UNIT_MB;
      value[length - 2] = '\0';
    }

  return td_parse_traffic_limit (value, unit, out_mb);
}

gboolean
td_import_parse_enabled (const char *text,
                         gboolean   *out_enabled)
{
  static const char * const yes[] = { "true", "yes", "1", "enabled", "on", "active", "y", NULL };
  static const char * const no[] = { "false", "no", "0", "disabled", "off", "inactive", "n", NULL };
  g_autofree char *value = g_ascii_strdown (text, -1);

  g_strstrip (value);
  if (name_in (value, yes) || g_utf8_collate (value, _("Enabled")) == 0)
    *out_enabled = TRUE;
  else if (name_in (value, no) || g_utf8_collate (value, _("Disabled")) == 0)
    *out_enabled = FALSE;
  else
    return FALSE;

  return TRUE;
}

gboolean
td_import_parse_proxy_type (const char  *text,
                            TdProxyType *out_type)
{
  static const char * const names[] = { "residential", "unlimited", "mobile" };
  g_autofree char *value = strip_copy (text);
  g_autofree char *folded = g_utf8_casefold (value, -1);

  for (int type = 1; type <= N_TYPES; type++)
    {
      g_autofree char *display = g_utf8_casefold (td_proxy_type_get_display_name (type), -1);
      char number[2] = { '0' + type, '\0' };

      if (strcmp (value, number) == 0 ||
          g_ascii_strcasecmp (value, names[type - 1]) == 0 ||
          strcmp (folded, display) == 0)
        {
          *out_type = type;
          return TRUE;
        }
    }

  return FALSE;
}

/* Checking */

static void
add_problem (GString    *problems,
             const char *field_name,
             const char *message)
{
  if (problems->len > 0)
    g_string_append_c (problems, ' ');
  /* Translators: a problem with one cell of an imported row: "Username:
   * Use at least 6 characters." */
  g_string_append_printf (problems, _("%s: %s"), field_name, message);
}

/* Checks the cells of @row alone; on success gives the row its user. */
static void
check_row (TdImport    *self,
           TdImportRow *row)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autofree char *username = strip_copy (td_import_row_get_cell (row, TD_IMPORT_FIELD_USERNAME));
  g_autofree char *message = NULL;
  const char *password;
  const char *cell;
  gint64 limit_mb = self->default_limit_mb;
  gboolean enabled = self->default_enabled;
  TdProxyType type = self->default_type;
  g_autoptr(TdProxyUser) user = NULL;

  if ((message = td_validate_username (username)) != NULL)
    add_problem (problems, _("Username"), message);
  g_clear_pointer (&message, g_free);

  password = td_import_row_get_cell (row, TD_IMPORT_FIELD_PASSWORD);
  if (password[0] == '\0')
    {
      td_import_row_set_generated_password (row, td_generate_password (TD_IMPORT_PASSWORD_LENGTH));
      password = td_import_row_get_cell (row, TD_IMPORT_FIELD_PASSWORD);
    }
  else if ((message = td_validate_password (password)) != NULL)
    add_problem (problems, _("Password"), message);
  g_clear_pointer (&message, g_free);

  cell = td_import_row_get_cell (row, TD_IMPORT_FIELD_TRAFFIC_LIMIT);
  if (cell[0] != '\0' && (message = td_import_parse_limit (cell, self->limit_unit, &limit_mb)) != NULL)
    add_problem (problems, _("Traffic limit"), message);
  g_clear_pointer (&message, g_free);

  cell = td_import_row_get_cell (row, TD_IMPORT_FIELD_STATUS);
  if (cell[0] != '\0' && !td_import_parse_enabled (cell, &enabled))
    add_problem (problems, _("Status"), _("Use “enabled” or “disabled”."));

  cell = td_import_row_get_cell (row, TD_IMPORT_FIELD_PROXY_TYPE);
  if (cell[0] != '\0' && !td_import_parse_proxy_type (cell, &type))
    add_problem (problems, _("Proxy type"), _("Use 1, 2 or 3, or Residential, Unlimited or Mobile."));

  if (problems->len > 0)
    {
      td_import_row_set_user (row, NULL);
      td_import_row_set_state (row, TD_IMPORT_ROW_INVALID, problems->str);
      return;
    }

  user = td_proxy_user_new ();
  td_proxy_user_set_username (user, username);
  td_proxy_user_set_password (user, password);
  td_proxy_user_set_traffic_limit (user, limit_mb);
  td_proxy_user_set_enabled (user, enabled);
  td_proxy_user_set_proxy_type (user, type);
  td_import_row_set_user (row, user);
  td_import_row_set_state (row, TD_IMPORT_ROW_READY, NULL);
}

static gboolean
is_checkable (TdImportRowState state)
{
  return state == TD_IMPORT_ROW_READY || state == TD_IMPORT_ROW_INVALID ||
         state == TD_IMPORT_ROW_DUPLICATE || state == TD_IMPORT_ROW_EXISTS;
}

static char *
user_key (TdProxyUser *user)
{
  return g_strdup_printf ("%d:%s", td_proxy_user_get_proxy_type (user),
                          td_proxy_user_get_username (user));
}

static void
set_count (TdImport *self,
           guint    *field,
           guint     value,
           guint     prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
td_import_revalidate (TdImport *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_ready = 0, n_skipped = 0, n_invalid = 0;
  guint over = 0;

  g_return_if_fail (TD_IS_IMPORT (self));

  for (guint i = 0; i < self->rows->len; i++)
    {
      TdImportRow *row = g_ptr_array_index (self->rows, i);
      TdImportRowState state = td_import_row_get_state (row);
      TdProxyUser *user;

      if (is_checkable (state))
        check_row (self, row);

      user = td_import_row_get_user (row);
      state = td_import_row_get_state (row);

      if (user != NULL && is_checkable (state))
        {
          g_autofree char *key = user_key (user);
          TdImportRow *first = g_hash_table_lookup (seen, key);
          GHashTable *existing = self->existing[td_proxy_user_get_proxy_type (user) - 1];

          if (first != NULL)
            {
              g_autofree char *message =
                g_strdup_printf (_("The same username is on row %u: keep one of the two."),
                                 td_import_row_get_line (first));

              td_import_row_set_state (row, TD_IMPORT_ROW_DUPLICATE, message);
            }
          else if (existing != NULL && g_hash_table_contains (existing, td_proxy_user_get_username (user)))
            td_import_row_set_state (row, TD_IMPORT_ROW_EXISTS,
                                     _("The account already has this user: it is skipped."));

          if (first == NULL)
            g_hash_table_insert (seen, g_steal_pointer (&key), row);
        }
      else if (user != NULL)
        g_hash_table_insert (seen, user_key (user), row);

      switch (td_import_row_get_state (row))
        {
        case TD_IMPORT_ROW_READY:
        case TD_IMPORT_ROW_FAILED:
          n_ready++;
          break;
        case TD_IMPORT_ROW_INVALID:
        case TD_IMPORT_ROW_DUPLICATE:
          n_invalid++;
          break;
        default:
          n_skipped++;
        }
    }

  if (self->remaining >= 0 && n_ready > self->remaining)
    over = n_ready - self->remaining;

  set_count (self, &self->n_ready, n_ready, PROP_N_READY);
  set_count (self, &self->n_skipped, n_skipped, PROP_N_SKIPPED);
  set_count (self, &self->n_invalid, n_invalid, PROP_N_INVALID);
  set_count (self, &self->over_quota, over, PROP_OVER_QUOTA);
}

/* Mapping */

static void
fill_row (const int   *field_column,
          TdImportRow *row,
          char       **cells)
{
  guint n = g_strv_length (cells);

  for (guint f = 0; f < TD_IMPORT_N_FIELDS; f++)
    {
      int column = field_column[f];
      g_autofree char *text = strip_copy (column >= 0 && (guint) column < n ? cells[column] : "");

      td_import_row_set_cell (row, f, text);
    }
}

static void
rebuild_rows (TdImport *self)
{
  guint removed = self->rows->len;
  guint first_line = self->header != NULL ? 2 : 1;

  g_ptr_array_set_size (self->rows, 0);
  for (guint i = 0; self->records != NULL && i < self->records->len; i++)
    {
      TdImportRow *row = td_import_row_new (first_line + i);

      fill_row (self->field_column, row, g_ptr_array_index (self->records, i));
      g_ptr_array_add (self->rows, row);
    }

  td_import_revalidate (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->rows->len);
}

typedef struct
{
  GPtrArray     *records;
  GPtrArray     *rows;          /* TdImportRow, built in the thread */
  GStrv          header;
  guint          n_columns;
  int            field_column[TD_IMPORT_N_FIELDS];
  TdTrafficUnit  limit_unit;
} Loaded;

static void
loaded_free (Loaded *loaded)
{
  g_clear_pointer (&loaded->records, g_ptr_array_unref);
  g_clear_pointer (&loaded->rows, g_ptr_array_unref);
  g_strfreev (loaded->header);
  g_free (loaded);
}

/* In the thread: the records, and the columns mapped. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GBytes *data = task_data;
  char delimiter = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (task), "delimiter"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  gsize size = 0;
  const char *bytes = g_bytes_get_data (data, &size);
  Loaded *loaded;
  gboolean mapped = FALSE;

  records = td_csv_parse (bytes, size, delimiter, NULL, &error);
  if (records == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_task_return_error_if_cancelled (task))
    return;

  loaded = g_new0 (Loaded, 1);
  loaded->limit_unit = TD_TRAFFIC_UNIT_MB;
  for (guint f = 0; f < TD_IMPORT_N_FIELDS; f++)
    loaded->field_column[f] = -1;

  for (guint i = 0; i < records->len; i++)
    loaded->n_columns = MAX (loaded->n_columns, g_strv_length (g_ptr_array_index (records, i)));

  if (records->len > 0)
    {
      char **first = g_ptr_array_index (records, 0);

      for (guint c = 0; first[c] != NULL; c++)
        {
          TdTrafficUnit unit = TD_TRAFFIC_UNIT_MB;
          TdImportField field = field_for_header (first[c], &unit);

          if (field != TD_IMPORT_FIELD_NONE && loaded->field_column[field] < 0)
            {
              loaded->field_column[field] = c;
              if (field == TD_IMPORT_FIELD_TRAFFIC_LIMIT)
                loaded->limit_unit = unit;
              mapped = TRUE;
            }
        }
    }

  if (mapped)
    {
      loaded->header = g_ptr_array_steal_index (records, 0);
    }
  else
    {
      /* No header: the columns in the order of the Create form, until
       * the admin says otherwise. */
      for (guint f = 0; f < TD_IMPORT_N_FIELDS && f < loaded->n_columns; f++)
        loaded->field_column[f] = f;
    }

  /* The reader's array frees with g_strfreev: hand the records over to
   * one that wipes them. */
  loaded->records = g_ptr_array_new_full (records->len, (GDestroyNotify) record_free);
  for (guint i = 0; i < records->len; i++)
    g_ptr_array_add (loaded->records, g_steal_pointer (&g_ptr_array_index (records, i)));

  /* The rows too, with the passwords to generate: for thousands of rows
   * that is most of the work, kept off the main loop. */
  loaded->rows = g_ptr_array_new_full (loaded->records->len, g_object_unref);
  for (guint i = 0; i < loaded->records->len; i++)
    {
      TdImportRow *row = td_import_row_new ((loaded->header != NULL ? 2 : 1) + i);

      fill_row (loaded->field_column, row, g_ptr_array_index (loaded->records, i));
      if (td_import_row_get_cell (row, TD_IMPORT_FIELD_PASSWORD)[0] == '\0')
        td_import_row_set_generated_password (row, td_generate_password (TD_IMPORT_PASSWORD_LENGTH));
      g_ptr_array_add (loaded->rows, row);
    }

  g_task_return_pointer (task, loaded, (GDestroyNotify) loaded_free);
}

void
td_import_load_async (TdImport            *self,
                      GBytes              *data,
                      char                 delimiter,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TD_IS_IMPORT (self));
  g_return_if_fail (data != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_import_load_async);
  g_task_set_task_data (task, g_bytes_ref (data), (GDestroyNotify) g_bytes_unref);
  g_object_set_data (G_OBJECT (task), "delimiter", GINT_TO_POINTER ((int) delimiter));
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_thread);
}

gboolean
td_import_load_finish (TdImport      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  Loaded *loaded;
  gboolean had_header;
  guint removed;

  g_return_val_if_fail (TD_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_import_load_async, FALSE);

  loaded = g_task_propagate_pointer (G_TASK (result), error);
  if (loaded == NULL)
    return FALSE;

  had_header = self->header != NULL;
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_strfreev (self->header);
  self->records = g_steal_pointer (&loaded->records);
  self->header = g_steal_pointer (&loaded->header);
  memcpy (self->field_column, loaded->field_column, sizeof self->field_column);
  self->limit_unit = loaded->limit_unit;
  removed = self->rows->len;
  g_ptr_array_unref (self->rows);
  self->rows = g_steal_pointer (&loaded->rows);
  loaded_free (loaded);

  td_import_revalidate (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->rows->len);

  if (had_header != (self->header != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_HEADER]);
  self->n_columns = 0;
  for (guint i = 0; i < self->records->len; i++)
    self->n_columns = MAX (self->n_columns, g_strv_length (g_ptr_array_index (self->records, i)));
  if (self->header != NULL)
    self->n_columns = MAX (self->n_columns, g_strv_length (self->header));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_COLUMNS]);

  return TRUE;
}

gboolean
td_import_get_has_header (TdImport *self)
{
  g_return_val_if_fail (TD_IS_IMPORT (self), FALSE);

  return self->header != NULL;
}

guint
td_import_get_n_columns (TdImport *self)
{
  g_return_val_if_fail (TD_IS_IMPORT (self), 0);

  return self->n_columns;
}

const char *
td_import_get_column_title (TdImport *self,
                            guint     column)
{
  g_return_val_if_fail (TD_IS_IMPORT (self), NULL);

  if (self->header == NULL || column >= g_strv_length (self->header))
    return NULL;

  return self->header[column];
}

TdImportField
td_import_get_column_field (TdImport *self,
                            guint     column)
{
  g_return_val_if_fail (TD_IS_IMPORT (self), TD_IMPORT_FIELD_NONE);

  for (guint f = 0; f < TD_IMPORT_N_FIELDS; f++)
    {
      if (self->field_column[f] == (int) column)
        return f;
    }

  return TD_IMPORT_FIELD_NONE;
}

void
td_import_set_column_field (TdImport      *self,
                            guint          column,
                            TdImportField  field)
{
  g_return_if_fail (TD_IS_IMPORT (self));
  g_return_if_fail (field == TD_IMPORT_FIELD_NONE || (field >= 0 && field < TD_IMPORT_N_FIELDS));

  for (guint f = 0; f < TD_IMPORT_N_FIELDS; f++)
    {
      if (self->field_column[f] == (int) column)
        self->field_column[f] = -1;
    }
  if (field != TD_IMPORT_FIELD_NONE)
    self->field_column[field] = column;

  rebuild_rows (self);
}

void
td_import_set_defaults (TdImport    *self,
                        TdProxyType  proxy_type,
                        gint64       traffic_limit_mb,
                        gboolean     enabled)
{
  g_return_if_fail (TD_IS_IMPORT (self));
  g_return_if_fail (td_proxy_type_is_valid (proxy_type));

  self->default_type = proxy_type;
  self->default_limit_mb = traffic_limit_mb;
  self->default_enabled = enabled;
  td_import_revalidate (self);
}

void
td_import_set_existing (TdImport           *self,
                        TdProxyType         proxy_type,
                        const char * const *usernames)
{
  GHashTable *set = NULL;

  g_return_if_fail (TD_IS_IMPORT (self));
  g_return_if_fail (td_proxy_type_is_valid (proxy_type));

  if (usernames != NULL)
    {
      set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; usernames[i] != NULL; i++)
        g_hash_table_add (set, g_strdup (usernames[i]));
    }

  g_clear_pointer (&self->existing[proxy_type - 1], g_hash_table_unref);
  self->existing[proxy_type - 1] = set;

  /* Rows that were "exists" may be new now: check them from scratch. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      TdImportRow *row = g_ptr_array_index (self->rows, i);

      if (td_import_row_get_state (row) == TD_IMPORT_ROW_EXISTS)
        td_import_row_set_state (row, TD_IMPORT_ROW_READY, NULL);
    }
  td_import_revalidate (self);
}

void
td_import_set_remaining (TdImport *self,
                         gint64    remaining)
{
  g_return_if_fail (TD_IS_IMPORT (self));

  self->remaining = remaining < 0 ? -1 : remaining;
  td_import_revalidate (self);
}

void
td_import_set_cell (TdImport      *self,
                    TdImportRow   *row,
                    TdImportField  field,
                    const char    *text)
{
  g_return_if_fail (TD_IS_IMPORT (self));
  g_return_if_fail (TD_IS_IMPORT_ROW (row));

  td_import_row_set_cell (row, field, text);
  if (td_import_row_get_state (row) == TD_IMPORT_ROW_FAILED)
    td_import_row_set_state (row, TD_IMPORT_ROW_READY, NULL);
  td_import_revalidate (self);
}

void
td_import_remove (TdImport *self,
                  guint     position)
{
  g_return_if_fail (TD_IS_IMPORT (self));
  g_return_if_fail (position < self->rows->len);

  g_ptr_array_remove_index (self->rows, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  td_import_revalidate (self);
}

guint
td_import_get_n_ready (TdImport *self)
{
  g_return_val_if_fail (TD_IS_IMPORT (self), 0);
  return self->n_ready;
}

guint
td_import_get_n_skipped (TdImport *self)
{
  g_return_val_if_fail (TD_IS_IMPORT (self), 0);
  return self->n_skipped;
}

guint
td_import_get_n_invalid (TdImport *self)
{
  g_return_val_if_fail (TD_IS_IMPORT (self), 0);
  return self->n_invalid;
}

guint
td_import_get_over_quota (TdImport *self)
{
  g_return_val_if_fail (TD_IS_IMPORT (self), 0);
  return self->over_quota;
}

char *
td_import_dup_summary (TdImport *self)
{
  g_autofree char *ready = NULL;
  g_autofree char *skipped = NULL;
  g_autofree char *invalid = NULL;

  g_return_val_if_fail (TD_IS_IMPORT (self), NULL);

  ready = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u will be created", "%u will be created",
                                        self->n_ready), self->n_ready);
  skipped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u skipped", "%u skipped",
                                          self->n_skipped), self->n_skipped);
  invalid = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u invalid", "%u invalid",
                                          self->n_invalid), self->n_invalid);

  /* Translators: "3 will be created, 1 skipped, 2 invalid" */
  return g_strdup_printf (_("%s, %s, %s"), ready, skipped, invalid);
}

GPtrArray *
td_import_dup_rows_to_create (TdImport *self)
{
  GPtrArray *rows = g_ptr_array_new ();

  g_return_val_if_fail (TD_IS_IMPORT (self), rows);

  for (guint i = 0; i < self->rows->len; i++)
    {
      TdImportRow *row = g_ptr_array_index (self->rows, i);
      TdImportRowState state = td_import_row_get_state (row);

      if ((state == TD_IMPORT_ROW_READY || state == TD_IMPORT_ROW_FAILED) &&
          td_import_row_get_user (row) != NULL)
        g_ptr_array_add (rows, row);
    }

  return rows;
}

/* GObject */

static void
td_import_finalize (GObject *object)
{
  TdImport *self = (TdImport *) object;

  g_ptr_array_unref (self->rows);
  g_clear_pointer (&self->records, g_ptr_array_unref);
  g_strfreev (self->header);
  for (guint i = 0; i < N_TYPES; i++)
    g_clear_pointer (&self->existing[i], g_hash_table_unref);

  G_OBJECT_CLASS (td_import_parent_class)->finalize (object);
}

static void
td_import_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TdImport *self = TD_IMPORT (object);

  switch (prop_id)
    {
    case PROP_N_READY:
      g_value_set_uint (value, self->n_ready);
      break;
    case PROP_N_SKIPPED:
      g_value_set_uint (value, self->n_skipped);
      break;
    case PROP_N_INVALID:
      g_value_set_uint (value, self->n_invalid);
      break;
    case PROP_OVER_QUOTA:
      g_value_set_uint (value, self->over_quota);
      break;
    case PROP_HAS_HEADER:
      g_value_set_boolean (value, self->header != NULL);
      break;
    case PROP_N_COLUMNS:
      g_value_set_uint (value, self->n_columns);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_import_class_init (TdImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = td_import_finalize;
  object_class->get_property = td_import_get_property;

  properties[PROP_N_READY] = g_param_spec_uint ("n-ready", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_SKIPPED] = g_param_spec_uint ("n-skipped", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_INVALID] = g_param_spec_uint ("n-invalid", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_OVER_QUOTA] = g_param_spec_uint ("over-quota", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_HAS_HEADER] = g_param_spec_boolean ("has-header", NULL, NULL, FALSE, flags);
  properties[PROP_N_COLUMNS] = g_param_spec_uint ("n-columns", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_import_init (TdImport *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->remaining = -1;
  self->default_type = TD_PROXY_TYPE_RESIDENTIAL;
  self->default_limit_mb = 0;
  self->default_enabled = TRUE;
  self->limit_unit = TD_TRAFFIC_UNIT_MB;
  for (guint f = 0; f < TD_IMPORT_N_FIELDS; f++)
    self->field_column[f] = -1;
}

TdImport *
td_import_new (void)
{
  return g_object_new (TD_TYPE_IMPORT, NULL);
}

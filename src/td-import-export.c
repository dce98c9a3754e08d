/* td-import-export.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-csv.h"
#include "td-import-export.h"

#define N_TYPES 3

void
td_import_export_wipe (GString *contents)
{
  if (contents == NULL)
    return;

  memset (contents->str, 0, contents->len);
  g_string_free (contents, TRUE);
}

gboolean
td_import_export_has_passwords (GListModel *users)
{
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (users), FALSE);

  n = g_list_model_get_n_items (users);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdProxyUser) user = g_list_model_get_item (users, i);
      const char *password = td_proxy_user_get_password (user);

      if (password != NULL && password[0] != '\0')
        return TRUE;
    }

  return FALSE;
}

GString *
td_import_export_users (GListModel         *users,
                        const char * const *proxy_hosts,
                        gboolean            passwords)
{
  /* The names the Import page reads (td-import.c), in English whatever
   * the language, like the values of proxy_type and status. */
  static const char * const header[] = { "username", "proxy_type", "traffic_limit_mb", "status",
                                         "gateway_login", "proxy_host", "proxy_port", "password",
                                         "proxy_url" };
  static const char * const type_names[] = { NULL, "residential", "unlimited", "mobile" };
  gsize n_cells = passwords ? 9 : 7;
  GString *out;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (users), NULL);

  out = g_string_new (TD_CSV_UTF8_BOM);
  td_csv_append_row (out, header, n_cells);

  n = g_list_model_get_n_items (users);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdProxyUser) user = g_list_model_get_item (users, i);
      TdProxyType type = td_proxy_user_get_proxy_type (user);
      const char *host = NULL;
      const char *password = td_proxy_user_get_password (user);
      g_autofree char *limit = g_strdup_printf ("%" G_GINT64_FORMAT, td_proxy_user_get_traffic_limit (user));
      g_autofree char *login = td_proxy_user_dup_gateway_login (user);
      g_autofree char *port = NULL;
      g_autofree char *url = NULL;
      const char *cells[9];

      if (type < 1 || type > N_TYPES)
        continue;

      if (proxy_hosts != NULL)
        host = proxy_hosts[type];
      if (host == NULL)
        host = td_proxy_type_get_default_host (type);
      port = g_strdup_printf ("%u", td_proxy_type_get_port (type));
      if (passwords && password != NULL && password[0] != '\0')
        url = td_proxy_user_dup_proxy_url (user, host);

      cells[0] = td_proxy_user_get_username (user);
      cells[1] = type_names[type];
      cells[2] = limit;
      cells[3] = td_proxy_user_get_enabled (user) ? "enabled" : "disabled";
      cells[4] = login;
      cells[5] = host;
      cells[6] = port;
      cells[7] = password;
      cells[8] = url;
      td_csv_append_row (out, cells, n_cells);

      if (url != NULL)
        memset (url, 0, strlen (url));
    }

  return out;
}

/* The writer */

typedef struct
{
  char     *path;
  GString  *contents;
  gboolean  secret;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->path);
  td_import_export_wipe (data->contents);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  g_autoptr(GError) error = NULL;

  /* Written next to its final name and renamed over it: never a copy in
   * a temporary folder, and with passwords never readable by others. */
  if (!g_file_set_contents_full (data->path, data->contents->str, data->contents->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT,
                                 data->secret ? 0600 : 0644, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
td_import_export_save_async (gpointer             source_object,
                             GFile               *file,
                             GString             *contents,
                             gboolean             secret,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;
  SaveData *data;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (contents != NULL);

  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_import_export_save_async);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      td_import_export_wipe (contents);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("Choose a folder on this computer."));
      return;
    }

  data = g_new0 (SaveData, 1);
  data->path = g_steal_pointer (&path);
  data->contents = contents;
  data->secret = secret;
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
td_import_export_save_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_import_export_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

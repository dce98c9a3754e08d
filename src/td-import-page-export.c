/* td-import-page-export.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-clipboard.h"
#include "td-csv.h"
#include "td-import-page-private.h"
#include "td-user-store.h"

/* Results and export */

static char *
dup_host (TdImportPage *self,
          TdProxyType   type)
{
  char *host = td_account_dup_proxy_host (self->account, type);

  return host != NULL ? host : g_strdup (td_proxy_type_get_default_host (type));
}

static GString *
build_results (TdImportPage *self,
               gboolean      passwords)
{
  GString *out = g_string_new (TD_CSV_UTF8_BOM);
  const char *header[] = { "username", "state", "message", "gateway_login", "proxy_host", "proxy_port",
                           "password", "proxy_url" };
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->import));

  td_csv_append_row (out, header, passwords ? 8 : 6);

  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(TdImportRow) row = g_list_model_get_item (G_LIST_MODEL (self->import), i);
      TdProxyUser *user = td_import_row_get_user (row);
      g_autofree char *login = NULL;
      g_autofree char *host = NULL;
      g_autofree char *port = NULL;
      g_autofree char *url = NULL;
      const char *cells[8];

      if (user != NULL)
        {
          TdProxyType type = td_proxy_user_get_proxy_type (user);

          login = td_proxy_user_dup_gateway_login (user);
          host = dup_host (self, type);
          port = g_strdup_printf ("%u", td_proxy_type_get_port (type));
          if (passwords)
            url = td_proxy_user_dup_proxy_url (user, host);
        }

      cells[0] = td_import_row_get_cell (row, TD_IMPORT_FIELD_USERNAME);
      cells[1] = td_import_row_state_to_string (td_import_row_get_state (row));
      cells[2] = td_import_row_get_message (row);
      cells[3] = login;
      cells[4] = host;
      cells[5] = port;
      cells[6] = user != NULL ? td_proxy_user_get_password (user) : NULL;
      cells[7] = url;
      td_csv_append_row (out, cells, passwords ? 8 : 6);

      if (url != NULL)
        memset (url, 0, strlen (url));
    }

  return out;
}

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
  /* May hold passwords. */
  memset (data->contents->str, 0, data->contents->len);
  g_string_free (data->contents, TRUE);
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

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  TdImportPage *self = TD_IMPORT_PAGE (source);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_autofree char *message = g_strdup_printf (_("The file could not be saved: %s"), error->message);

      td_import_page_set_error (self, message);
    }
  else
    {
      td_import_page_set_error (self, NULL);
    }

  g_object_set_data (G_OBJECT (self), "saved", GINT_TO_POINTER (error == NULL ? 1 : -1));
  self->n_loading--;
  td_import_page_update_actions (self);
}

static void
save_contents (TdImportPage *self,
               GFile        *file,
               GString      *contents,
               gboolean      secret)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, save_done_cb, NULL);
  g_autofree char *path = g_file_get_path (file);
  SaveData *data;

  if (path == NULL)
    {
      td_import_page_set_error (self, _("The file could not be saved: choose a folder on this computer."));
      memset (contents->str, 0, contents->len);
      g_string_free (contents, TRUE);
      return;
    }

  data = g_new0 (SaveData, 1);
  data->path = g_steal_pointer (&path);
  data->contents = contents;
  data->secret = secret;
  g_object_set_data (G_OBJECT (self), "saved", NULL);
  self->n_loading++;
  td_import_page_update_actions (self);
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

void
td_import_page_save_results (TdImportPage *self,
                             GFile        *file)
{
  gboolean passwords;

  g_return_if_fail (TD_IS_IMPORT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  passwords = gtk_check_button_get_active (self->passwords_check);
  save_contents (self, file, build_results (self, passwords), passwords);
}

static GString *
build_all_users (TdImportPage *self,
                 gboolean      passwords)
{
  GString *out = g_string_new (TD_CSV_UTF8_BOM);
  const char *header[] = { "username", "proxy_type", "traffic_limit_mb", "status", "gateway_login",
                           "password", "proxy_url" };

  td_csv_append_row (out, header, passwords ? 7 : 5);

  for (int type = 1; type <= N_TYPES; type++)
    {
      TdUserStore *store = td_account_get_user_store (self->account, type);
      g_autofree char *host = dup_host (self, type);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (store));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TdProxyUser) user = g_list_model_get_item (G_LIST_MODEL (store), i);
          g_autofree char *limit = g_strdup_printf ("%" G_GINT64_FORMAT, td_proxy_user_get_traffic_limit (user));
          g_autofree char *login = td_proxy_user_dup_gateway_login (user);
          g_autofree char *url = NULL;
          const char *type_names[] = { NULL, "residential", "unlimited", "mobile" };
          const char *cells[7];

          if (passwords && td_proxy_user_get_password (user) != NULL)
            url = td_proxy_user_dup_proxy_url (user, host);

          cells[0] = td_proxy_user_get_username (user);
          cells[1] = type_names[type];
          cells[2] = limit;
          cells[3] = td_proxy_user_get_enabled (user) ? "enabled" : "disabled";
          cells[4] = login;
          cells[5] = td_proxy_user_get_password (user);
          cells[6] = url;
          td_csv_append_row (out, cells, passwords ? 7 : 5);

          if (url != NULL)
            memset (url, 0, strlen (url));
        }
    }

  return out;
}

void
td_import_page_export_all (TdImportPage *self,
                           GFile        *file)
{
  gboolean passwords;

  g_return_if_fail (TD_IS_IMPORT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  passwords = gtk_check_button_get_active (self->passwords_check);
  save_contents (self, file, build_all_users (self, passwords), passwords);
}

static void
save_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  TdImportPage *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (g_object_get_data (G_OBJECT (dialog), "all") != NULL)
        td_import_page_export_all (self, file);
      else
        td_import_page_save_results (self, file);
    }

  g_object_unref (dialog);
}

static void
show_save_dialog (TdImportPage *self,
                  const char   *title,
                  const char   *name,
                  gboolean      all)
{
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (title, td_import_page_get_window (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  if (all)
    g_object_set_data (G_OBJECT (dialog), "all", GINT_TO_POINTER (1));
  g_signal_connect (dialog, "response", G_CALLBACK (save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_results_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  /* Translators: a file name */
  show_save_dialog (TD_IMPORT_PAGE (widget), _("Save Results"), _("import-results.csv"), FALSE);
}

static void
export_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TdImportPage *self = TD_IMPORT_PAGE (widget);

  td_import_page_refresh_stores (self, FALSE);
  /* Translators: a file name */
  show_save_dialog (self, _("Export All Users"), _("proxy-users.csv"), TRUE);
}

static void
copy_logins_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TdImportPage *self = TD_IMPORT_PAGE (widget);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->import));

  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(TdImportRow) row = g_list_model_get_item (G_LIST_MODEL (self->import), i);
      TdImportRowState state = td_import_row_get_state (row);
      g_autofree char *login = NULL;

      if (state != TD_IMPORT_ROW_CREATED && state != TD_IMPORT_ROW_EXISTS)
        continue;

      login = td_proxy_user_dup_gateway_login (td_import_row_get_user (row));
      g_string_append_printf (text, "%s\n", login);
    }

  if (text->len == 0)
    {
      td_import_page_set_error (self, _("No user was created yet: there is no login to copy."));
      return;
    }

  td_import_page_set_error (self, NULL);
  td_clipboard_copy_text (widget, text->str);
}


void
td_import_page_class_export_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "import.copy-logins", NULL, copy_logins_action);
  gtk_widget_class_install_action (widget_class, "import.export-results", NULL, export_results_action);
  gtk_widget_class_install_action (widget_class, "import.export-all", NULL, export_all_action);
}

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
#include "td-import-export.h"
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

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TdImportPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!td_import_export_save_finish (result, &error))
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
  g_object_set_data (G_OBJECT (self), "saved", NULL);
  self->n_loading++;
  td_import_page_update_actions (self);
  td_import_export_save_async (self, file, contents, secret, self->cancellable, save_done_cb, g_object_ref (self));
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
  g_autoptr(GListStore) stores = g_list_store_new (G_TYPE_LIST_MODEL);
  g_autoptr(GtkFlattenListModel) users = NULL;
  char *hosts[N_TYPES + 1] = { NULL, };
  GString *out;

  for (int type = 1; type <= N_TYPES; type++)
    {
      g_list_store_append (stores, td_account_get_user_store (self->account, type));
      hosts[type] = dup_host (self, type);
    }

  users = gtk_flatten_list_model_new (G_LIST_MODEL (g_object_ref (stores)));
  out = td_import_export_users (G_LIST_MODEL (users), (const char * const *) hosts, passwords);

  for (int type = 1; type <= N_TYPES; type++)
    g_free (hosts[type]);

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

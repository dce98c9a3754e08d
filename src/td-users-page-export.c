/* td-users-page-export.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-import-export.h"
#include "td-users-page-private.h"

/* Export of the Users page (users.export): the users of the type shown,
 * all of them or only those the search shows, in the order shown, to a
 * CSV file that the Import page reads back (td-import-export.c writes
 * it).  Passwords only when the admin asks for them, and then the file
 * is readable by its owner only. */

void
td_users_page_export_async (TdUsersPage         *self,
                            GFile               *file,
                            gboolean             only_shown,
                            gboolean             passwords,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GListModel *users;
  char *hosts[TD_PROXY_TYPE_MOBILE + 1] = { NULL, };
  GString *contents;

  g_return_if_fail (TD_IS_USERS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  /* The sorted list is the order shown; the filtered one, what is shown. */
  users = only_shown ? G_LIST_MODEL (self->filter_model) : G_LIST_MODEL (self->sort_model);
  hosts[self->proxy_type] = td_account_dup_proxy_host (self->account, self->proxy_type);
  contents = td_import_export_users (users, (const char * const *) hosts, passwords);
  g_free (hosts[self->proxy_type]);

  td_import_export_save_async (self, file, contents, passwords, cancellable, callback, user_data);
}

gboolean
td_users_page_export_finish (TdUsersPage   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (TD_IS_USERS_PAGE (self), FALSE);

  return td_import_export_save_finish (result, error);
}

void
td_users_page_update_export (TdUsersPage *self)
{
  g_assert (TD_IS_USERS_PAGE (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.export",
                                 td_user_store_get_loaded (self->store) &&
                                 g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TdUsersPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!td_users_page_export_finish (self, result, &error))
    {
      /* Translators: %s says why, e.g. "Permission denied" */
      g_autofree char *message = g_strdup_printf (_("The file could not be saved: %s"), error->message);

      td_users_page_show_action_error (self, message);
    }
  else
    {
      td_users_page_show_action_error (self, NULL);
      td_users_page_show_toast (self, _("Users exported."));
    }
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  TdUsersPage *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      const char *rows = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "rows");
      const char *passwords = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "passwords");

      if (file != NULL)
        td_users_page_export_async (self, file,
                                    g_strcmp0 (rows, "shown") == 0,
                                    g_strcmp0 (passwords, "true") == 0,
                                    self->cancellable, export_done_cb, g_object_ref (self));
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdUsersPage *self = TD_USERS_PAGE (widget);
  GtkFileChooserNative *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);
  guint n_all = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));

  dialog = gtk_file_chooser_native_new (_("Export Users"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  /* Translators: a file name */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("proxy-users.csv"));

  /* Choices travel through the file chooser portal too. */
  if (self->search_key != NULL && n_shown < n_all)
    {
      g_autofree char *all = NULL;
      g_autofree char *shown = NULL;
      const char *ids[] = { "all", "shown", NULL };
      const char *labels[3];

      /* Translators: which users to export */
      all = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "All %u user", "All %u users", n_all), n_all);
      /* Translators: which users to export, those a search shows */
      shown = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Only the %u user shown",
                                            "Only the %u users shown", n_shown), n_shown);
      labels[0] = all;
      labels[1] = shown;
      labels[2] = NULL;
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "rows", _("Users"), ids, labels);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "rows", "shown");
    }

  /* The list the server answers carries the passwords; offered only
   * when there are some, and never ticked by default. */
  if (td_import_export_has_passwords (G_LIST_MODEL (self->store)))
    {
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "passwords", _("Include passwords"), NULL, NULL);
      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (dialog), "passwords", "false");
    }

  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
td_users_page_export_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "users.export", NULL, export_action);
}

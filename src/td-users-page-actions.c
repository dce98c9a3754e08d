/* td-users-page-actions.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-clipboard.h"
#include "td-error.h"
#include "td-usage-dialog.h"
#include "td-user-edit-dialog.h"
#include "td-users-page-private.h"

/* What is done to one user of the Users page: the "users.*" actions,
 * whose target is the username (copy the login, the proxy URL or the
 * password, edit, usage, delete), the menu of each row that offers them,
 * and the selection, kept on its user while the rows change. */

/* The menu of each row, built when it is opened. */

static void
append_user_item (GMenu      *menu,
                  const char *label,
                  const char *action,
                  const char *username)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (username));
  g_menu_append_item (menu, item);
}

void
td_users_page_create_row_menu (GtkMenuButton *button,
                               gpointer       user_data)
{
  GtkListItem *list_item = GTK_LIST_ITEM (user_data);
  TdProxyUser *user = td_users_page_list_item_get_user (list_item);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) copy = g_menu_new ();
  g_autoptr(GMenu) inspect = g_menu_new ();
  g_autoptr(GMenu) change = g_menu_new ();
  g_autofree char *label = NULL;
  const char *username;

  if (user == NULL)
    return;

  username = td_proxy_user_get_username (user);
  append_user_item (copy, _("Copy Gateway _Login"), "users.copy-login", username);
  append_user_item (copy, _("Copy Proxy _URL"), "users.copy-url", username);
  append_user_item (copy, _("Show _Password"), "users.show-password", username);
  append_user_item (inspect, _("_Edit…"), "users.edit", username);
  append_user_item (inspect, _("U_sage…"), "users.usage", username);
  append_user_item (inspect, _("E_ndpoints…"), "users.endpoints", username);
  append_user_item (change, _("_Delete…"), "users.delete", username);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (copy));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (inspect));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (change));

  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));

  /* The menu is heard as "Actions for bob menu", not by its class name. */
  label = g_strdup_printf (_("Actions for %s"), td_proxy_user_get_display_name (user));
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_menu_button_get_popover (button)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* The rows stay where they are when the filter or the order changes (see
 * td-users-page.c), and so would the selection: it would go to the user
 * who comes to its position.  It stays with its user instead, as it does
 * over other models, or goes if that user is no longer shown.
 * td_users_page_keep_selection_before() runs before the row model hears
 * of the change, td_users_page_keep_selection_after() after; in between,
 * the selection is not followed. */
static void
on_selected_changed (TdUsersPage *self)
{
  guint position;
  g_autoptr(TdProxyUser) user = NULL;

  g_assert (TD_IS_USERS_PAGE (self));

  if (self->changing_rows)
    return;

  position = gtk_single_selection_get_selected (self->selection);
  if (position != GTK_INVALID_LIST_POSITION)
    user = td_row_model_get_item (self->row_model, position);

  g_free (self->selected_username);
  self->selected_username = user != NULL ? g_strdup (td_proxy_user_get_username (user)) : NULL;
}

void
td_users_page_keep_selection_before (TdUsersPage *self)
{
  g_assert (TD_IS_USERS_PAGE (self));

  self->changing_rows = TRUE;
}

void
td_users_page_keep_selection_after (TdUsersPage *self)
{
  guint position = GTK_INVALID_LIST_POSITION;
  guint n_items;

  g_assert (TD_IS_USERS_PAGE (self));

  self->changing_rows = FALSE;

  if (self->selected_username == NULL)
    return;

  /* By name: a refresh brings new objects for the same users. */
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  for (guint i = 0; i < n_items && position == GTK_INVALID_LIST_POSITION; i++)
    {
      g_autoptr(TdProxyUser) shown = g_list_model_get_item (G_LIST_MODEL (self->filter_model), i);

      if (g_strcmp0 (td_proxy_user_get_username (shown), self->selected_username) == 0)
        position = i;
    }

  /* The row may not be there yet: rows are added a few at a time. */
  if (position != GTK_INVALID_LIST_POSITION &&
      position >= g_list_model_get_n_items (G_LIST_MODEL (self->row_model)))
    td_row_model_complete (self->row_model);

  gtk_single_selection_set_selected (self->selection, position);
  /* Also when the position did not change, so that no notification came. */
  on_selected_changed (self);
}

/* The menu of a row from the keyboard (Shift+F10, Menu) and with the
 * secondary button, as well as from its button: one controller for the
 * whole page rather than one per row. */

static GtkWidget *
find_menu_button (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_menu_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Opens the menu of the row that holds @widget; FALSE if it is in none. */
static gboolean
popup_row_menu (TdUsersPage *self,
                GtkWidget   *widget)
{
  GtkWidget *row_widget;
  GtkWidget *button;

  g_assert (TD_IS_USERS_PAGE (self));

  if (widget == NULL || !gtk_widget_is_ancestor (widget, GTK_WIDGET (self->column_view)))
    return FALSE;

  row_widget = td_users_page_get_row_widget (widget);
  button = row_widget != NULL ? find_menu_button (row_widget) : NULL;
  if (button == NULL || !gtk_widget_get_visible (row_widget))
    return FALSE;

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  return TRUE;
}

static void
row_menu_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  TdUsersPage *self = TD_USERS_PAGE (widget);

  popup_row_menu (self, gtk_root_get_focus (gtk_widget_get_root (widget)));
}

static void
on_secondary_click (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y,
                    TdUsersPage     *self)
{
  GtkWidget *picked;

  g_assert (TD_IS_USERS_PAGE (self));

  picked = gtk_widget_pick (GTK_WIDGET (self->column_view), x, y, GTK_PICK_DEFAULT);
  if (popup_row_menu (self, picked))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
on_row_activated (TdUsersPage *self,
                  guint        position)
{
  g_autoptr(TdProxyUser) user = NULL;

  g_assert (TD_IS_USERS_PAGE (self));

  user = g_list_model_get_item (G_LIST_MODEL (self->filter_model), position);
  if (user != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "users.edit", "s",
                                td_proxy_user_get_username (user));
}

/* Actions on one user, named by the action's target */

static TdProxyUser *
lookup_target (TdUsersPage *self,
               GVariant    *param)
{
  g_assert (TD_IS_USERS_PAGE (self));

  return td_user_store_lookup (self->store, g_variant_get_string (param, NULL));
}

static void
copy_login_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  TdUsersPage *self = TD_USERS_PAGE (widget);
  TdProxyUser *user = lookup_target (self, param);
  g_autofree char *login = NULL;

  if (user == NULL)
    return;

  login = td_proxy_user_dup_gateway_login (user);
  td_clipboard_copy_text (widget, login);
  td_users_page_show_toast (self, _("Gateway login copied"));
}

static void
copy_url_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  TdUsersPage *self = TD_USERS_PAGE (widget);
  TdProxyUser *user = lookup_target (self, param);
  g_autofree char *host = NULL;
  char *url;

  if (user == NULL)
    return;

  host = td_account_dup_proxy_host (self->account, td_proxy_user_get_proxy_type (user));
  url = td_proxy_user_dup_proxy_url (user, host);
  if (url != NULL)
    {
      td_clipboard_copy_secret (widget, url);
      td_users_page_show_toast (self, _("Proxy URL copied"));
    }
  td_secret_free (url);
}

static void
password_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      TdUsersPage      *self)
{
  const char *password = g_object_get_data (G_OBJECT (dialog), "td-password");

  if (g_strcmp0 (response, "copy") == 0 && password != NULL)
    {
      td_clipboard_copy_secret (GTK_WIDGET (self), password);
      td_users_page_show_toast (self, _("Password copied"));
    }
}

static void
show_password_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  TdUsersPage *self = TD_USERS_PAGE (widget);
  TdProxyUser *user = lookup_target (self, param);
  g_autofree char *heading = NULL;
  const char *password;
  GtkWidget *dialog;

  if (user == NULL)
    return;

  password = td_proxy_user_get_password (user);

  /* Translators: %s is a username */
  heading = g_strdup_printf (_("Password of “%s”"), td_proxy_user_get_display_name (user));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                   password != NULL && password[0] != '\0'
                                     ? password
                                     : _("The list of users did not include this password."));
  gtk_widget_add_css_class (dialog, "td-password-dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    NULL);
  if (password != NULL && password[0] != '\0')
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "copy", _("C_opy"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "copy",
                                                  ADW_RESPONSE_SUGGESTED);
      g_object_set_data_full (G_OBJECT (dialog), "td-password", g_strdup (password),
                              (GDestroyNotify) td_secret_free);
    }
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (password_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
user_saved_cb (TdUsersPage *self,
               TdProxyUser *changed)
{
  g_autofree char *toast = NULL;

  g_assert (TD_IS_USERS_PAGE (self));

  /* Translators: %s is a username */
  toast = g_strdup_printf (_("Changes to “%s” saved"), td_proxy_user_get_display_name (changed));
  td_users_page_show_toast (self, toast);
  td_users_page_refresh (self);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  TdUsersPage *self = TD_USERS_PAGE (widget);
  TdProxyUser *user = lookup_target (self, param);
  TdUserEditDialog *dialog;

  if (user == NULL)
    return;

  dialog = td_user_edit_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                    td_account_get_client (self->account), user);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (user_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The Endpoints page, with this user chosen (the window's action). */
static void
endpoints_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  TdUsersPage *self = TD_USERS_PAGE (widget);
  TdProxyUser *user = lookup_target (self, param);

  if (user == NULL)
    return;

  gtk_widget_activate_action (widget, "win.show-endpoints", "(is)",
                              (int) self->proxy_type,
                              td_proxy_user_get_username (user));
}

static void
usage_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  TdUsersPage *self = TD_USERS_PAGE (widget);
  TdProxyUser *user = lookup_target (self, param);
  TdUsageDialog *dialog;

  if (user == NULL)
    return;

  dialog = td_usage_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                td_account_get_client (self->account), user);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  TdUsersPage *self;
  TdProxyUser *user;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->user);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteData, delete_data_free)

static void
delete_user_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DeleteData) data = user_data;
  TdUsersPage *self = data->self;
  const char *shown = td_proxy_user_get_display_name (data->user);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!td_api_client_delete_user_finish (TD_API_CLIENT (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      if (td_error_is_ambiguous (error))
        /* Translators: the first %s is a username, the second says why */
        text = g_strdup_printf (_("“%s” may have been deleted. %s The list was read again."),
                                shown, error->message);
      else
        /* Translators: the first %s is a username, the second says why */
        text = g_strdup_printf (_("“%s” was not deleted. %s"), shown, error->message);

      td_users_page_show_action_error (self, text);

      if (td_error_is_ambiguous (error))
        td_users_page_refresh (self);
      return;
    }

  /* The server said 200: now the row can go, from the list of the type
   * the request was made for, whichever type is shown by now. */
  td_user_store_remove (td_users_page_get_store_for (self, td_proxy_user_get_proxy_type (data->user)),
                        td_proxy_user_get_username (data->user));
  td_users_page_update_state (self);

  /* Translators: %s is a username */
  text = g_strdup_printf (_("“%s” deleted"), shown);
  td_users_page_show_toast (self, text);

  td_users_page_refresh (self);
}

static void present_delete_dialog (TdUsersPage *self,
                                   TdProxyUser *user,
                                   gboolean     again);

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TdUsersPage      *self)
{
  TdProxyUser *user = g_object_get_data (G_OBJECT (dialog), "td-user");
  gboolean again = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "td-again"));
  DeleteData *data;

  if (g_strcmp0 (response, "delete") != 0 || user == NULL)
    return;

  /* A name outside Thordata's rule may pass for another: ask again, with
   * the name written out. */
  if (td_proxy_user_is_name_flagged (user) && !again)
    {
      present_delete_dialog (self, user, TRUE);
      return;
    }

  td_users_page_show_action_error (self, NULL);

  data = g_new0 (DeleteData, 1);
  data->self = g_object_ref (self);
  /* The user as it was when asked: the request and its answer concern
   * that name of that proxy type, whatever is shown by then. */
  data->user = g_object_ref (user);

  td_api_client_delete_user_async (td_account_get_client (self->account),
                                   td_proxy_user_get_proxy_type (user),
                                   td_proxy_user_get_username (user),
                                   self->cancellable,
                                   delete_user_cb,
                                   data);
}

static void
present_delete_dialog (TdUsersPage *self,
                       TdProxyUser *user,
                       gboolean     again)
{
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  g_assert (TD_IS_USERS_PAGE (self));

  if (!again)
    {
      /* Translators: %s is a username */
      heading = g_strdup_printf (_("Delete “%s”?"), td_proxy_user_get_display_name (user));
      dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                       _("The proxy user is removed from the Thordata account and its "
                                         "login stops working. This cannot be undone."));
    }
  else
    {
      /* Translators: %s is a username, with its unusual characters written
       * out as \u202E and the like */
      heading = g_strdup_printf (_("Really Delete “%s”?"), td_proxy_user_get_display_name (user));
      dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                       _("This name is outside Thordata’s rule for usernames (6 to 15 "
                                         "letters and digits) and may look like the name of another "
                                         "user. Its hidden and unusual characters are written out "
                                         "above: check them before deleting."));
    }

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "td-user", g_object_ref (user), g_object_unref);
  g_object_set_data (G_OBJECT (dialog), "td-again", GINT_TO_POINTER (again));
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  TdUsersPage *self = TD_USERS_PAGE (widget);
  TdProxyUser *user = lookup_target (self, param);

  if (user != NULL)
    present_delete_dialog (self, user, FALSE);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  td_page_refresh (TD_PAGE (widget));
}

static void
dismiss_error_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  td_users_page_show_action_error (TD_USERS_PAGE (widget), NULL);
}

void
td_users_page_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "users.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "users.dismiss-error", NULL, dismiss_error_action);
  gtk_widget_class_install_action (widget_class, "users.copy-login", "s", copy_login_action);
  gtk_widget_class_install_action (widget_class, "users.copy-url", "s", copy_url_action);
  gtk_widget_class_install_action (widget_class, "users.show-password", "s", show_password_action);
  gtk_widget_class_install_action (widget_class, "users.edit", "s", edit_action);
  gtk_widget_class_install_action (widget_class, "users.usage", "s", usage_action);
  gtk_widget_class_install_action (widget_class, "users.endpoints", "s", endpoints_action);
  gtk_widget_class_install_action (widget_class, "users.delete", "s", delete_action);
  gtk_widget_class_install_action (widget_class, "users.row-menu", NULL, row_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "users.row-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "users.row-menu", NULL);
}

void
td_users_page_actions_init (TdUsersPage *self)
{
  GtkGesture *secondary = gtk_gesture_click_new ();

  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selected_changed), self, G_CONNECT_SWAPPED);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (secondary), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (secondary, "pressed", G_CALLBACK (on_secondary_click), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (secondary));
}

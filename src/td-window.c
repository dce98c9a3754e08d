/* td-window.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-accessible.h"
#include "td-api-address.h"
#include "td-credentials-dialog.h"
#include "td-error.h"
#include "td-proxy-user.h"
#include "td-result-card.h"
#include "td-users-page.h"
#include "td-window.h"

/* The main window: two pages, the form that creates a proxy user (with
 * the card that shows the user just created) and the list of users; the
 * banners that say where the token stands (and that the sandbox is in
 * use), and the toasts. */

struct _TdWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay   *toast_overlay;
  AdwViewSwitcherTitle *window_title;
  AdwViewStack      *view_stack;
  AdwBin            *users_bin;
  /* Made when the users page is first shown (td_window_get_users_view()),
   * held by users_bin; NULL until then. */
  TdUsersPage       *users_view;
  GtkLabel          *quota_label;
  GtkRevealer       *sandbox_revealer;
  GtkRevealer       *account_revealer;
  GtkRevealer       *host_revealer;
  GtkLabel          *host_label;
  GtkLabel          *account_label;
  GtkButton         *account_button;
  GtkScrolledWindow *scrolled_window;
  TdResultCard      *result_card;
  GtkWidget         *form_list;
  AdwComboRow       *proxy_type_row;
  AdwEntryRow       *username_row;
  GtkWidget         *username_error_row;
  GtkLabel          *username_error;
  AdwEntryRow       *password_row;
  AdwEntryRow       *limit_row;
  GtkWidget         *password_error_row;
  GtkLabel          *password_error;
  GtkDropDown       *unit_dropdown;
  GtkWidget         *limit_error_row;
  GtkLabel          *limit_error;
  GtkSwitch         *unlimited_switch;
  GtkSwitch         *enabled_switch;
  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;
  GtkStack          *button_stack;
  GtkSpinner        *spinner;
  GtkWidget         *create_button;
  GtkWidget         *cancel_button;
  GtkWidget         *unlimited_row;
  GtkWidget         *enabled_row;

  /* Construct-only */
  TdApiClient       *client;
  TdCredentials     *credentials;
  GSettings         *settings;
  gboolean           sandbox_mode;
  /* The four above, for the pages. */
  TdAccount         *account;

  /* Cancelled when the window goes away. */
  GCancellable      *cancellable;
  /* The create in flight, if any. */
  GCancellable      *create_cancellable;
  TdProxyUser       *pending_user;
  /* After a create whose outcome is unknown: the look-up in the list. */
  GCancellable      *reconcile_cancellable;
  TdProxyUser       *reconcile_user;
  GError            *reconcile_error;

  guint              load_source;
  guint              username_touched : 1;
  guint              password_touched : 1;
  guint              limit_touched : 1;
  guint              credentials_loaded : 1;
};

G_DEFINE_FINAL_TYPE (TdWindow, td_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CREDENTIALS,
  PROP_SETTINGS,
  PROP_SANDBOX_MODE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
show_toast (TdWindow   *self,
            const char *title)
{
  AdwToast *toast;

  g_assert (TD_IS_WINDOW (self));

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  td_accessible_name_toast_buttons (self->toast_overlay, toast, _("Dismiss the notification"));
}

static TdProxyType
get_selected_proxy_type (TdWindow *self)
{
  g_assert (TD_IS_WINDOW (self));

  switch (adw_combo_row_get_selected (self->proxy_type_row))
    {
    case 1:
      return TD_PROXY_TYPE_UNLIMITED;
    case 2:
      return TD_PROXY_TYPE_MOBILE;
    case 0:
    default:
      return TD_PROXY_TYPE_RESIDENTIAL;
    }
}

static TdTrafficUnit
get_selected_unit (TdWindow *self)
{
  g_assert (TD_IS_WINDOW (self));

  return gtk_drop_down_get_selected (self->unit_dropdown) == 0 ? TD_TRAFFIC_UNIT_MB
                                                                 : TD_TRAFFIC_UNIT_GB;
}

static char *
check_limit (TdWindow *self,
             gint64   *out_mb)
{
  g_assert (TD_IS_WINDOW (self));

  if (gtk_switch_get_active (self->unlimited_switch))
    {
      *out_mb = 0;
      return NULL;
    }

  return td_parse_traffic_limit (gtk_editable_get_text (GTK_EDITABLE (self->limit_row)),
                                 get_selected_unit (self),
                                 out_mb);
}

/* Checks every field against the server's rules, shows the messages of
 * the fields the user has already edited, and enables Create only when
 * all of them are valid.  Returns whether the form is valid. */
static gboolean
update_validity (TdWindow *self)
{
  g_autofree char *username_message = NULL;
  g_autofree char *password_message = NULL;
  g_autofree char *limit_message = NULL;
  gint64 limit_mb = 0;
  gboolean valid;

  g_assert (TD_IS_WINDOW (self));

  username_message = td_validate_username (gtk_editable_get_text (GTK_EDITABLE (self->username_row)));
  password_message = td_validate_password (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  limit_message = check_limit (self, &limit_mb);

  td_accessible_set_field_message (GTK_WIDGET (self->username_row), self->username_error_row,
                                   self->username_error, self->username_touched ? username_message : NULL);
  td_accessible_set_field_message (GTK_WIDGET (self->password_row), self->password_error_row,
                                   self->password_error, self->password_touched ? password_message : NULL);
  td_accessible_set_field_message (GTK_WIDGET (self->limit_row), self->limit_error_row,
                                   self->limit_error, self->limit_touched ? limit_message : NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->limit_row),
                            !gtk_switch_get_active (self->unlimited_switch));

  valid = username_message == NULL && password_message == NULL && limit_message == NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.create",
                                 valid && self->create_cancellable == NULL &&
                                 self->reconcile_cancellable == NULL &&
                                 (self->users_view == NULL ||
                                  td_users_page_get_remaining (self->users_view) != 0));

  return valid;
}

static void
hide_error (TdWindow *self)
{
  g_assert (TD_IS_WINDOW (self));

  td_accessible_set_error_card (self->error_revealer, self->error_label, NULL);
}

static void
show_error (TdWindow   *self,
            const char *message)
{
  g_assert (TD_IS_WINDOW (self));
  g_assert (message != NULL);

  td_accessible_set_error_card (self->error_revealer, self->error_label, message);
}

static void
on_username_changed (TdWindow *self)
{
  self->username_touched = TRUE;
  update_validity (self);
}

static void
on_password_changed (TdWindow *self)
{
  self->password_touched = TRUE;
  update_validity (self);
}

static void
on_limit_changed (TdWindow *self)
{
  /* Turning Unlimited on and off, or changing the unit, does not count
   * as editing the limit itself. */
  if (gtk_editable_get_text (GTK_EDITABLE (self->limit_row))[0] != '\0')
    self->limit_touched = TRUE;

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "traffic-unit",
                           get_selected_unit (self) == TD_TRAFFIC_UNIT_MB ? "MB" : "GB");

  update_validity (self);
}

static void
on_proxy_type_changed (TdWindow *self)
{
  g_assert (TD_IS_WINDOW (self));

  if (self->settings != NULL)
    g_settings_set_int (self->settings, "proxy-type", get_selected_proxy_type (self));
}

/* Enter in a field creates the user when the form is valid; otherwise it
 * shows every message and moves to the first field that needs work. */
static void
on_entry_activated (TdWindow *self)
{
  g_autofree char *username_message = NULL;
  g_autofree char *password_message = NULL;
  gint64 limit_mb;

  g_assert (TD_IS_WINDOW (self));

  if (self->create_cancellable != NULL)
    return;

  self->username_touched = self->password_touched = self->limit_touched = TRUE;

  if (update_validity (self))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.create", NULL);
      return;
    }

  username_message = td_validate_username (gtk_editable_get_text (GTK_EDITABLE (self->username_row)));
  password_message = td_validate_password (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));

  if (username_message != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
  else if (password_message != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else
    {
      g_autofree char *limit_message = check_limit (self, &limit_mb);

      if (limit_message != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (self->limit_row));
    }
}

static void
set_busy (TdWindow *self,
          gboolean  busy)
{
  g_assert (TD_IS_WINDOW (self));

  /* The form stays visible but cannot be changed while in flight. */
  gtk_widget_set_sensitive (self->form_list, !busy);
  gtk_stack_set_visible_child_name (self->button_stack, busy ? "busy" : "idle");
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel", busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.generate-password", !busy);

  if (busy)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.create", FALSE);
      /* The field that had the focus is now insensitive: the focus goes
       * to what can be done meanwhile, which a screen reader announces. */
      gtk_widget_grab_focus (self->cancel_button);
    }
  else
    {
      update_validity (self);
    }
}

static void
clear_form (TdWindow *self)
{
  g_assert (TD_IS_WINDOW (self));

  /* Keeps the proxy type and the unit: the next user is often alike. */
  gtk_editable_set_text (GTK_EDITABLE (self->username_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->limit_row), "");
  gtk_switch_set_active (self->unlimited_switch, FALSE);
  gtk_switch_set_active (self->enabled_switch, TRUE);

  self->username_touched = self->password_touched = self->limit_touched = FALSE;
  update_validity (self);
}

static void
focus_error_label (TdWindow *self)
{
  g_assert (TD_IS_WINDOW (self));

  g_signal_handlers_disconnect_by_func (self->error_label, focus_error_label, self);

  /* Focus without selecting the whole message. */
  gtk_widget_grab_focus (GTK_WIDGET (self->error_label));
  gtk_label_select_region (self->error_label, 0, 0);
}

/* Moves the focus to the message, so that a screen reader reads it, once
 * it is on screen: a selectable label focused before it is mapped selects
 * its text, which GTK 4.8 mishandles when that label goes away. */
static void
focus_error_when_shown (TdWindow *self)
{
  g_assert (TD_IS_WINDOW (self));

  if (gtk_widget_get_mapped (GTK_WIDGET (self->error_label)))
    focus_error_label (self);
  else
    g_signal_connect_object (self->error_label, "map",
                             G_CALLBACK (focus_error_label), self,
                             G_CONNECT_SWAPPED);
}

static void
show_create_error (TdWindow     *self,
                   const GError *error)
{
  g_autofree char *message = NULL;

  g_assert (TD_IS_WINDOW (self));
  g_assert (error != NULL);

  if (td_error_is_ambiguous (error))
    /* Translators: %s is the reason the request failed */
    message = g_strdup_printf (_("%s\nThe user may have been created anyway. Check the list of users "
                                 "in the Thordata dashboard before trying again."),
                               error->message);
  else
    message = g_strdup (error->message);

  show_error (self, message);

  /* Point at the field the server complained about, keeping what was typed. */
  if (g_error_matches (error, TD_SERVER_ERROR, 10015) ||
      g_error_matches (error, TD_SERVER_ERROR, 10018))
    {
      td_accessible_set_field_message (GTK_WIDGET (self->username_row), self->username_error_row,
                                       self->username_error, td_server_error_lookup (error->code));
      gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
    }
  else if (g_error_matches (error, TD_SERVER_ERROR, 10016))
    {
      td_accessible_set_field_message (GTK_WIDGET (self->password_row), self->password_error_row,
                                       self->password_error, td_server_error_lookup (error->code));
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
    }
  else if (g_error_matches (error, TD_API_ERROR, TD_API_ERROR_NO_TOKEN))
    {
      td_window_ask_for_credentials (self);
    }
  else
    {
      focus_error_when_shown (self);
    }
}

/* Shows @user, just created, on the card, says @toast and readies the
 * form for the next user. */
static void
show_created_user (TdWindow    *self,
                   TdProxyUser *user,
                   const char  *toast)
{
  g_autofree char *host = NULL;

  g_assert (TD_IS_WINDOW (self));
  g_assert (TD_IS_PROXY_USER (user));

  host = td_account_dup_proxy_host (self->account, td_proxy_user_get_proxy_type (user));
  td_result_card_show_user (self->result_card, user, host);
  show_toast (self, toast);

  clear_form (self);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  td_result_card_focus (self->result_card);

  /* The list and the quota changed. */
  if (self->users_view != NULL)
    td_users_page_invalidate (self->users_view);
}

static void
find_user_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TdApiClient *client = TD_API_CLIENT (object);
  GWeakRef *weak_ref = user_data;
  g_autoptr(TdWindow) self = g_weak_ref_get (weak_ref);
  g_autoptr(TdProxyUser) user = NULL;
  g_autoptr(GError) create_error = NULL;
  g_autoptr(TdProxyUser) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  g_weak_ref_clear (weak_ref);
  g_free (weak_ref);

  found = td_api_client_find_user_finish (client, result, &error);

  /* The window is gone or going away: nothing to show. */
  if (self == NULL || g_cancellable_is_cancelled (self->cancellable))
    return;

  user = g_steal_pointer (&self->reconcile_user);
  create_error = g_steal_pointer (&self->reconcile_error);
  g_clear_object (&self->reconcile_cancellable);

  update_validity (self);

  if (error != NULL)
    {
      /* The list could not be read either: the admin has to check. */
      show_create_error (self, create_error);
      return;
    }

  if (found != NULL)
    {
      hide_error (self);
      /* Translators: %s is a username; said after a create whose answer
       * was lost, once the list of users showed the user exists */
      message = g_strdup_printf (_("The user “%s” exists: it was created."),
                                 td_proxy_user_get_username (user));
      show_created_user (self, user, message);
      return;
    }

  /* Translators: %s is a username; said after a create whose answer was
   * lost, once the list of users showed the user does not exist */
  message = g_strdup_printf (_("The user “%s” was not created. You can try again."),
                             td_proxy_user_get_username (user));
  show_error (self, message);
}

/* After a timeout or a 5xx the user may exist: rather than asking the
 * admin to guess, look for it in the list. */
static void
check_created (TdWindow     *self,
               TdProxyUser  *user,
               const GError *error)
{
  g_autofree char *message = NULL;
  GWeakRef *weak_ref;

  g_assert (TD_IS_WINDOW (self));
  g_assert (TD_IS_PROXY_USER (user));
  g_assert (error != NULL);

  /* Translators: %s is the reason the request failed */
  message = g_strdup_printf (_("%s\nThe user may have been created anyway. Thordesk is checking "
                               "the list of users…"),
                             error->message);
  show_error (self, message);

  g_clear_error (&self->reconcile_error);
  self->reconcile_error = g_error_copy (error);
  g_set_object (&self->reconcile_user, user);
  g_clear_object (&self->reconcile_cancellable);
  self->reconcile_cancellable = g_cancellable_new ();
  update_validity (self);

  /* A look-up in the background does not keep a closed window alive. */
  weak_ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak_ref, self);

  td_api_client_find_user_async (self->client,
                                 td_proxy_user_get_proxy_type (user),
                                 td_proxy_user_get_username (user),
                                 self->reconcile_cancellable,
                                 find_user_cb,
                                 weak_ref);
}

static void
create_user_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TdApiClient *client = TD_API_CLIENT (object);
  g_autoptr(TdWindow) self = TD_WINDOW (user_data);
  g_autoptr(TdProxyUser) user = g_steal_pointer (&self->pending_user);
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;

  g_clear_object (&self->create_cancellable);

  if (!td_api_client_create_user_finish (client, result, &error))
    {
      /* The window is going away: nothing to show. */
      if (g_cancellable_is_cancelled (self->cancellable))
        return;

      set_busy (self, FALSE);

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          show_error (self, _("Stopped waiting for Thordata. If the request had already reached it, "
                              "the user may exist: check before trying again."));
          return;
        }

      if (td_error_is_ambiguous (error))
        check_created (self, user, error);
      else
        show_create_error (self, error);
      return;
    }

  set_busy (self, FALSE);

  /* Translators: %s is the username of the proxy user just created */
  toast = g_strdup_printf (_("Proxy user “%s” created"), td_proxy_user_get_username (user));
  show_created_user (self, user, toast);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  TdWindow *self = TD_WINDOW (widget);
  g_autoptr(TdProxyUser) user = NULL;
  gint64 limit_mb = 0;
  g_autofree char *limit_message = NULL;

  if (self->create_cancellable != NULL)
    return;

  self->username_touched = self->password_touched = self->limit_touched = TRUE;
  if (!update_validity (self))
    return;

  if (!td_api_client_has_token (self->client))
    {
      show_toast (self, _("Add your account token to create users"));
      td_window_ask_for_credentials (self);
      return;
    }

  limit_message = check_limit (self, &limit_mb);
  g_assert (limit_message == NULL);

  user = td_proxy_user_new ();
  td_proxy_user_set_proxy_type (user, get_selected_proxy_type (self));
  td_proxy_user_set_username (user, gtk_editable_get_text (GTK_EDITABLE (self->username_row)));
  td_proxy_user_set_password (user, gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  td_proxy_user_set_traffic_limit (user, limit_mb);
  td_proxy_user_set_enabled (user, gtk_switch_get_active (self->enabled_switch));

  hide_error (self);
  td_result_card_clear (self->result_card);

  g_set_object (&self->pending_user, user);
  self->create_cancellable = g_cancellable_new ();
  set_busy (self, TRUE);

  td_api_client_create_user_async (self->client,
                                   user,
                                   self->create_cancellable,
                                   create_user_cb,
                                   g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  TdWindow *self = TD_WINDOW (widget);

  if (self->create_cancellable != NULL)
    g_cancellable_cancel (self->create_cancellable);
}

static void
generate_password_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  TdWindow *self = TD_WINDOW (widget);
  char *password = td_generate_password (12);

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
  td_secret_free (password);

  show_toast (self, _("A new password was generated"));
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  show_toast (TD_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
enter_token_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  td_window_ask_for_credentials (TD_WINDOW (widget));
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  TdWindow *self = TD_WINDOW (widget);
  const char *name = g_variant_get_string (param, NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  TdWindow *self = TD_WINDOW (widget);

  /* Before the users page was first shown there is nothing to refresh:
   * the list is read when it is. */
  if (self->users_view != NULL)
    td_page_refresh (TD_PAGE (self->users_view));
}

static void
find_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  TdWindow *self = TD_WINDOW (widget);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "users") == 0)
    td_page_find (TD_PAGE (td_window_get_users_view (self)));
}

/* Create cannot work when the account has no users left: say so under the
 * form rather than letting the server refuse. */
static void
on_quota_changed (TdWindow *self)
{
  gint64 limit;
  gboolean exhausted;

  g_assert (TD_IS_WINDOW (self));

  exhausted = td_users_page_get_remaining (self->users_view) == 0;
  limit = td_users_page_get_limit (self->users_view);

  if (exhausted && limit > 0)
    {
      g_autofree char *limit_text = g_strdup_printf ("%" G_GINT64_FORMAT, limit);
      g_autofree char *message = NULL;

      /* Translators: both %s are the account's number of users ("(100 of 100 used)") */
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The account has no proxy users left (%s of %s used).",
                                              "The account has no proxy users left (%s of %s used).",
                                              (gulong) MIN (limit, G_MAXLONG)),
                                 limit_text, limit_text);
      gtk_label_set_label (self->quota_label, message);
    }
  else if (exhausted)
    {
      gtk_label_set_label (self->quota_label, _("The account has no proxy users left."));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->quota_label), exhausted);
  update_validity (self);
}

/* Where the token stands, said in the banner under the header bar. */
static void
show_account_state (TdWindow     *self,
                    const GError *error)
{
  const char *message = NULL;
  const char *button = NULL;

  g_assert (TD_IS_WINDOW (self));

  if (self->sandbox_mode)
    {
      gtk_revealer_set_reveal_child (self->account_revealer, FALSE);
      return;
    }

  if (error != NULL)
    {
      message = error->message;
      button = _("Enter T_oken…");
    }
  else if (td_credentials_get_token (self->credentials) == NULL)
    {
      message = _("No account token is stored yet. Thordesk needs it to create users.");
      button = _("Add T_oken…");
    }
  else if (td_credentials_get_session_only (self->credentials))
    {
      message = _("The account token is used for this session only: it is not stored in a keyring.");
      button = _("Replace T_oken…");
    }

  if (message != NULL)
    {
      gtk_label_set_label (self->account_label, message);
      gtk_button_set_label (self->account_button, button);
      td_accessible_name_button_by_label (self->account_button);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->account_revealer), message != NULL);
  gtk_revealer_set_reveal_child (self->account_revealer, message != NULL);
}

static void
sync_client_credentials (TdWindow *self)
{
  g_assert (TD_IS_WINDOW (self));

  td_api_client_set_credentials (self->client,
                                 td_credentials_get_token (self->credentials),
                                 td_credentials_get_key (self->credentials));

  if (self->credentials_loaded)
    show_account_state (self, NULL);
}

static void
load_credentials_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  TdCredentials *credentials = TD_CREDENTIALS (object);
  g_autoptr(TdWindow) self = TD_WINDOW (user_data);
  g_autoptr(GError) error = NULL;

  if (!td_credentials_load_finish (credentials, result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->credentials_loaded = TRUE;
  show_account_state (self, error);

  /* First run: ask for the token straight away. */
  if (error == NULL && td_credentials_get_token (credentials) == NULL)
    td_window_ask_for_credentials (self);
}

static gboolean
load_credentials_idle (gpointer user_data)
{
  TdWindow *self = TD_WINDOW (user_data);

  self->load_source = 0;
  td_credentials_load_async (self->credentials,
                             self->cancellable,
                             load_credentials_cb,
                             g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
credentials_saved_cb (TdWindow   *self,
                      gboolean    session_only)
{
  g_assert (TD_IS_WINDOW (self));

  self->credentials_loaded = TRUE;
  show_account_state (self, NULL);
  show_toast (self, session_only ? _("The token will be used until Thordesk quits")
                                 : _("The token is stored in the keyring"));
}

void
td_window_ask_for_credentials (TdWindow *self)
{
  TdCredentialsDialog *dialog;

  g_return_if_fail (TD_IS_WINDOW (self));

  dialog = td_credentials_dialog_new (GTK_WINDOW (self), self->credentials);
  g_signal_connect_object (dialog, "saved",
                           G_CALLBACK (credentials_saved_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
td_window_get_busy (TdWindow *self)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), FALSE);

  return self->create_cancellable != NULL;
}

/* For bench/ only: with THORDESK_BENCH_QUIT_AFTER_FIRST_FRAME=1 in the
 * environment, the monotonic time of the first frame is printed on
 * stderr ("thordesk-first-frame <microseconds>") and the application
 * quits.  Unset, this costs one getenv() per map. */
static void
bench_after_paint_cb (GdkFrameClock *frame_clock,
                      TdWindow      *self)
{
  g_signal_handlers_disconnect_by_func (frame_clock, bench_after_paint_cb, self);
  g_printerr ("thordesk-first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_application_quit (g_application_get_default ());
}

static void
td_window_map (GtkWidget *widget)
{
  TdWindow *self = TD_WINDOW (widget);

  GTK_WIDGET_CLASS (td_window_parent_class)->map (widget);

  if (g_strcmp0 (g_getenv ("THORDESK_BENCH_QUIT_AFTER_FIRST_FRAME"), "1") == 0)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (bench_after_paint_cb), self, 0);

  /* The keyring is read after the first frame, never before it. */
  if (!self->sandbox_mode && !self->credentials_loaded && self->load_source == 0 &&
      td_credentials_get_token (self->credentials) == NULL)
    self->load_source = g_idle_add_full (G_PRIORITY_LOW, load_credentials_idle, self, NULL);
}

static gboolean
td_window_close_request (GtkWindow *window)
{
  TdWindow *self = TD_WINDOW (window);

  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized",
                              gtk_window_is_maximized (window));
    }

  return GTK_WINDOW_CLASS (td_window_parent_class)->close_request (window);
}

/* The users page is built when it is first shown: at start-up it was
 * about a quarter of the window's cost before the first frame
 * (bench/README.md). */
TdUsersPage *
td_window_get_users_view (TdWindow *self)
{
  g_return_val_if_fail (TD_IS_WINDOW (self), NULL);

  if (self->users_view != NULL)
    return self->users_view;

  self->users_view = TD_USERS_PAGE (td_users_page_new (self->account));

  /* The users page starts with the form's proxy type, then keeps its own. */
  td_users_page_set_proxy_type (self->users_view, get_selected_proxy_type (self));
  g_signal_connect_object (self->users_view, "notify::remaining",
                           G_CALLBACK (on_quota_changed), self,
                           G_CONNECT_SWAPPED);
  /* Narrow enough for the switcher to move to the bottom: fewer columns. */
  g_object_bind_property (self->window_title, "title-visible",
                          self->users_view, "compact",
                          G_BINDING_SYNC_CREATE);

  adw_bin_set_child (self->users_bin, GTK_WIDGET (self->users_view));

  return self->users_view;
}

static void
on_visible_page_changed (TdWindow *self)
{
  g_assert (TD_IS_WINDOW (self));

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "users") == 0)
    td_window_get_users_view (self);
}

/* Says plainly when the token goes to a host that is not Thordata's own
 * (or to none, the address being refused).  The label is plain text. */
static void
update_host_banner (TdWindow *self)
{
  g_autofree char *message = NULL;

  if (!self->sandbox_mode)
    message = td_api_address_dup_warning (td_api_client_get_base_url (self->client));

  if (message != NULL)
    gtk_label_set_text (self->host_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->host_revealer), message != NULL);
  gtk_revealer_set_reveal_child (self->host_revealer, message != NULL);
}

static void
td_window_constructed (GObject *object)
{
  TdWindow *self = TD_WINDOW (object);

  G_OBJECT_CLASS (td_window_parent_class)->constructed (object);

  g_assert (TD_IS_API_CLIENT (self->client));
  g_assert (TD_IS_CREDENTIALS (self->credentials));

  self->account = td_account_new (self->client, self->credentials, self->settings,
                                  self->sandbox_mode);

  if (self->settings != NULL)
    {
      g_autofree char *unit = g_settings_get_string (self->settings, "traffic-unit");
      int proxy_type = g_settings_get_int (self->settings, "proxy-type");

      adw_combo_row_set_selected (self->proxy_type_row, CLAMP (proxy_type, 1, 3) - 1);
      gtk_drop_down_set_selected (self->unit_dropdown, g_strcmp0 (unit, "MB") == 0 ? 0 : 1);
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  else
    {
      gtk_drop_down_set_selected (self->unit_dropdown, 1);
    }

  g_signal_connect_object (self->proxy_type_row, "notify::selected",
                           G_CALLBACK (on_proxy_type_changed), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect_object (self->credentials, "notify::token",
                           G_CALLBACK (sync_client_credentials), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->credentials, "notify::key",
                           G_CALLBACK (sync_client_credentials), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->credentials, "notify::session-only",
                           G_CALLBACK (sync_client_credentials), self,
                           G_CONNECT_SWAPPED);
  if (td_credentials_get_token (self->credentials) != NULL)
    {
      self->credentials_loaded = TRUE;
      sync_client_credentials (self);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->sandbox_revealer), self->sandbox_mode);
  gtk_revealer_set_reveal_child (self->sandbox_revealer, self->sandbox_mode);
  if (self->sandbox_mode)
    {
      /* Translators: the window subtitle when --sandbox is used */
      adw_view_switcher_title_set_subtitle (self->window_title, _("Sandbox"));
      gtk_widget_add_css_class (GTK_WIDGET (self), "sandbox");
    }

  gtk_widget_set_visible (GTK_WIDGET (self->account_revealer), FALSE);
  g_signal_connect_object (self->client, "notify::base-url",
                           G_CALLBACK (update_host_banner), self, G_CONNECT_SWAPPED);
  update_host_banner (self);
  hide_error (self);
  set_busy (self, FALSE);

  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (on_visible_page_changed), self,
                           G_CONNECT_SWAPPED);
  on_visible_page_changed (self);
}

static void
td_window_dispose (GObject *object)
{
  TdWindow *self = TD_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->create_cancellable != NULL)
    g_cancellable_cancel (self->create_cancellable);
  if (self->reconcile_cancellable != NULL)
    g_cancellable_cancel (self->reconcile_cancellable);
  g_clear_handle_id (&self->load_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_WINDOW);
  /* It went with users_bin. */
  self->users_view = NULL;

  G_OBJECT_CLASS (td_window_parent_class)->dispose (object);
}

static void
td_window_finalize (GObject *object)
{
  TdWindow *self = TD_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->create_cancellable);
  g_clear_object (&self->pending_user);
  g_clear_object (&self->reconcile_cancellable);
  g_clear_object (&self->reconcile_user);
  g_clear_error (&self->reconcile_error);
  g_clear_object (&self->client);
  g_clear_object (&self->credentials);
  g_clear_object (&self->settings);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (td_window_parent_class)->finalize (object);
}

static void
td_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TdWindow *self = TD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CREDENTIALS:
      g_value_set_object (value, self->credentials);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_SANDBOX_MODE:
      g_value_set_boolean (value, self->sandbox_mode);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TdWindow *self = TD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_CREDENTIALS:
      self->credentials = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_SANDBOX_MODE:
      self->sandbox_mode = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_window_class_init (TdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = td_window_constructed;
  object_class->dispose = td_window_dispose;
  object_class->finalize = td_window_finalize;
  object_class->get_property = td_window_get_property;
  object_class->set_property = td_window_set_property;

  widget_class->map = td_window_map;
  window_class->close_request = td_window_close_request;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         TD_TYPE_API_CLIENT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_CREDENTIALS] =
    g_param_spec_object ("credentials", NULL, NULL,
                         TD_TYPE_CREDENTIALS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SANDBOX_MODE] =
    g_param_spec_boolean ("sandbox-mode", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TD_TYPE_RESULT_CARD);
  g_type_ensure (TD_TYPE_USERS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thordesk/Thordesk/td-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, users_bin);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, quota_label);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, sandbox_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, account_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, host_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, host_label);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, account_label);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, account_button);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, result_card);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, form_list);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, proxy_type_row);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, username_row);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, username_error_row);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, username_error);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, password_error_row);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, password_error);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, limit_row);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, limit_error_row);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, limit_error);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, unlimited_switch);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, button_stack);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, create_button);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, unlimited_row);
  gtk_widget_class_bind_template_child (widget_class, TdWindow, enabled_row);
  gtk_widget_class_bind_template_callback (widget_class, on_username_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_password_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_limit_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activated);

  gtk_widget_class_install_action (widget_class, "win.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "win.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "win.generate-password", NULL,
                                   generate_password_action);
  gtk_widget_class_install_action (widget_class, "win.enter-token", NULL, enter_token_action);
  gtk_widget_class_install_action (widget_class, "win.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "win.create", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "win.create", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "win.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-page", "s", "create");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-page", "s", "users");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0,
                                       "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.find", NULL);
}

/* Escape stops a create in flight before anything else can take the key
 * (the toast overlay dismisses its toast on Escape, a search entry stops
 * its search): the user means the long operation.  Otherwise it goes on
 * as usual. */
static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  TdWindow *self = TD_WINDOW (widget);

  if (self->create_cancellable == NULL ||
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "create") != 0)
    return FALSE;

  gtk_widget_activate_action (widget, "win.cancel", NULL);

  return TRUE;
}

static void
td_window_init (TdWindow *self)
{
  GtkEventController *controller;
  GtkShortcut *shortcut;

  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                               gtk_callback_action_new (escape_cb, NULL, NULL));
  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  td_accessible_keep_button_label (GTK_BUTTON (self->create_button));
  td_accessible_keep_button_label (GTK_BUTTON (self->cancel_button));
  td_accessible_name_button_by_label (self->account_button);
  td_accessible_name_peek_button (ADW_PASSWORD_ENTRY_ROW (self->password_row),
                                  _("Show the password"), _("Hide the password"));
  td_accessible_name_choice_parts (GTK_WIDGET (self->proxy_type_row), _("Proxy type"));
  td_accessible_name_choice_parts (GTK_WIDGET (self->unit_dropdown), _("Traffic limit unit"));
}

TdWindow *
td_window_new (AdwApplication *application,
               TdApiClient    *client,
               TdCredentials  *credentials,
               GSettings      *settings,
               gboolean        sandbox_mode)
{
  g_return_val_if_fail (!application || ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (TD_IS_API_CLIENT (client), NULL);
  g_return_val_if_fail (TD_IS_CREDENTIALS (credentials), NULL);
  g_return_val_if_fail (!settings || G_IS_SETTINGS (settings), NULL);

  return g_object_new (TD_TYPE_WINDOW,
                       "application", application,
                       "client", client,
                       "credentials", credentials,
                       "settings", settings,
                       "sandbox-mode", sandbox_mode,
                       NULL);
}

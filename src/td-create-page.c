/* td-create-page.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-accessible.h"
#include "td-busy-indicator.h"
#include "td-create-page.h"
#include "td-error.h"
#include "td-error-help.h"
#include "td-result-card.h"
#include "td-user-form.h"
#include "td-user-store.h"

/* The Create page: the form, its validation, the request in flight, the
 * card that shows the user just created, and, after a create whose
 * outcome is unknown (a timeout, a 5xx), the look-up in the list that
 * says whether the user exists. */

struct _TdCreatePage
{
  AdwBin             parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scrolled_window;
  GtkBox            *content_box;
  GtkWidget         *form_box;
  TdUserForm        *form;
  GtkLabel          *quota_label;
  GtkStack          *button_stack;
  TdBusyIndicator   *busy_indicator;
  GtkWidget         *create_button;
  GtkWidget         *cancel_button;

  /* Built when first needed (bench/README.md, issue 13): the card of
   * the user just created, and the error card with its label. */
  TdResultCard      *result_card;
  GtkRevealer       *error_revealer;
  GtkLabel          *error_label;

  TdAccount         *account;

  /* Cancelled when the page goes away. */
  GCancellable      *cancellable;
  /* The create in flight, if any. */
  GCancellable      *create_cancellable;
  TdProxyUser       *pending_user;
  /* After a create whose outcome is unknown: the look-up in the list. */
  GCancellable      *reconcile_cancellable;
  TdProxyUser       *reconcile_user;
  GError            *reconcile_error;
  /* Refused as JSON (code 10000): sent again as form fields on request. */
  TdProxyUser       *form_fields_user;

  /* The users of the proxy type chosen in the form: their quota says
   * whether Create can work. */
  TdUserStore       *store;
};

static void td_create_page_iface_init (TdPageInterface *iface);
static void send_user                 (TdCreatePage    *self,
                                       TdProxyUser     *user);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdCreatePage, td_create_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (TD_TYPE_PAGE, td_create_page_iface_init))

enum {
  PROP_0,
  PROP_ACCOUNT,
  PROP_BUSY,
  N_PROPS
};

static void follow_store (TdCreatePage *self);

static void
show_toast (TdCreatePage *self,
            const char   *title)
{
  g_assert (TD_IS_CREATE_PAGE (self));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", title);
}

static GSettings *
get_settings (TdCreatePage *self)
{
  return self->account != NULL ? td_account_get_settings (self->account) : NULL;
}

TdProxyType
td_create_page_get_proxy_type (TdCreatePage *self)
{
  g_return_val_if_fail (TD_IS_CREATE_PAGE (self), TD_PROXY_TYPE_RESIDENTIAL);

  return td_user_form_get_proxy_type (self->form);
}

/* Checks the form, and enables Create only when it is valid and the
 * account has users left.  Returns whether the form is valid. */
static gboolean
update_validity (TdCreatePage *self,
                 gboolean      touch_all)
{
  gboolean valid;

  g_assert (TD_IS_CREATE_PAGE (self));

  valid = td_user_form_validate (self->form, touch_all);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "create.create",
                                 valid && self->create_cancellable == NULL &&
                                 self->reconcile_cancellable == NULL &&
                                 (self->store == NULL || td_user_store_get_remaining (self->store) != 0));

  return valid;
}

TdResultCard *
td_create_page_get_result_card (TdCreatePage *self)
{
  g_return_val_if_fail (TD_IS_CREATE_PAGE (self), NULL);

  if (self->result_card == NULL)
    {
      self->result_card = td_result_card_new ();
      gtk_widget_set_visible (GTK_WIDGET (self->result_card), FALSE);
      gtk_box_prepend (self->content_box, GTK_WIDGET (self->result_card));
    }

  return self->result_card;
}

GtkLabel *
td_create_page_get_error_label (TdCreatePage *self)
{
  g_return_val_if_fail (TD_IS_CREATE_PAGE (self), NULL);

  if (self->error_label == NULL)
    {
      g_autoptr(GtkBuilder) builder = NULL;

      builder = gtk_builder_new_from_resource ("/io/github/thordesk/Thordesk/td-create-page-error.ui");
      self->error_revealer = GTK_REVEALER (gtk_builder_get_object (builder, "error_revealer"));
      self->error_label = GTK_LABEL (gtk_builder_get_object (builder, "error_label"));
      gtk_box_insert_child_after (self->content_box, GTK_WIDGET (self->error_revealer), self->form_box);
    }

  return self->error_label;
}

static void
hide_error (TdCreatePage *self)
{
  g_assert (TD_IS_CREATE_PAGE (self));

  /* Never shown: nothing to hide. */
  if (self->error_revealer != NULL)
    td_accessible_set_error_card (self->error_revealer, self->error_label, NULL);
  g_clear_object (&self->form_fields_user);
}

static void
show_error (TdCreatePage *self,
            const char   *message)
{
  g_assert (TD_IS_CREATE_PAGE (self));
  g_assert (message != NULL);

  td_create_page_get_error_label (self);
  td_accessible_set_error_card (self->error_revealer, self->error_label, message);
}

/* The same, with a link to the guide found from @error itself. */
static void
show_error_for (TdCreatePage *self,
                const char   *message,
                const GError *error)
{
  g_assert (TD_IS_CREATE_PAGE (self));
  g_assert (message != NULL);

  td_create_page_get_error_label (self);
  td_accessible_set_error_card_for_error (self->error_revealer, self->error_label, message, error);
}

/* The proxy type and the unit are kept for the next time. */
static void
on_form_changed (TdCreatePage *self)
{
  GSettings *settings = get_settings (self);

  g_assert (TD_IS_CREATE_PAGE (self));

  if (settings != NULL)
    {
      g_autofree char *unit = g_settings_get_string (settings, "traffic-unit");
      const char *chosen = td_user_form_get_unit (self->form) == TD_TRAFFIC_UNIT_MB ? "MB" : "GB";
      int proxy_type = td_user_form_get_proxy_type (self->form);

      if (g_strcmp0 (unit, chosen) != 0)
        g_settings_set_string (settings, "traffic-unit", chosen);
      if (g_settings_get_int (settings, "proxy-type") != proxy_type)
        g_settings_set_int (settings, "proxy-type", proxy_type);
    }

  follow_store (self);
}

/* Enter in a field creates the user when the form is valid; otherwise it
 * shows every message and moves to the first field that needs work. */
static void
on_form_activated (TdCreatePage *self)
{
  g_assert (TD_IS_CREATE_PAGE (self));

  if (self->create_cancellable != NULL)
    return;

  if (update_validity (self, TRUE))
    gtk_widget_activate_action (GTK_WIDGET (self), "create.create", NULL);
  else
    td_user_form_focus_invalid (self->form);
}

static void
set_busy (TdCreatePage *self,
          gboolean      busy)
{
  g_assert (TD_IS_CREATE_PAGE (self));

  /* The form stays visible but cannot be changed while in flight. */
  td_user_form_set_busy (self->form, busy);
  gtk_stack_set_visible_child_name (self->button_stack, busy ? "busy" : "idle");
  td_busy_indicator_set_spinning (self->busy_indicator, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "create.cancel", busy);

  if (busy)
    {
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "create.create", FALSE);
      /* The field that had the focus is now insensitive: the focus goes
       * to what can be done meanwhile, which a screen reader announces. */
      gtk_widget_grab_focus (self->cancel_button);
    }
  else
    {
      update_validity (self, FALSE);
    }

  g_object_notify (G_OBJECT (self), "busy");
}

static void
show_create_error (TdCreatePage *self,
                   const GError *error)
{
  g_autofree char *message = NULL;

  g_assert (TD_IS_CREATE_PAGE (self));
  g_assert (error != NULL);

  if (td_error_is_ambiguous (error))
    /* Translators: %s is the reason the request failed */
    message = g_strdup_printf (_("%s\nThe user may have been created anyway. Check the list of users "
                                 "in the Thordata dashboard before trying again."),
                               error->message);
  else
    message = g_strdup (error->message);

  show_error_for (self, message, error);

  /* Next to the field the server complained about, keeping what was typed. */
  if (td_user_form_show_server_error (self->form, error))
    return;

  if (g_error_matches (error, TD_API_ERROR, TD_API_ERROR_NO_TOKEN))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.enter-token", NULL);
  else
    td_accessible_focus_error_when_shown (self->error_label);
}

/* Shows @user, just created, on the card, says @toast and readies the
 * form for the next user. */
static void
show_created_user (TdCreatePage *self,
                   TdProxyUser  *user,
                   const char   *toast)
{
  g_autofree char *host = NULL;
  TdUserStore *store;

  g_assert (TD_IS_CREATE_PAGE (self));
  g_assert (TD_IS_PROXY_USER (user));

  host = td_account_dup_proxy_host (self->account, td_proxy_user_get_proxy_type (user));
  td_result_card_show_user (td_create_page_get_result_card (self), user, host);
  show_toast (self, toast);

  td_user_form_clear (self->form);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  td_result_card_focus (self->result_card);

  /* The list and the quota changed: every page that reads them sees it. */
  store = td_account_get_user_store (self->account, td_proxy_user_get_proxy_type (user));
  if (td_user_store_get_loaded (store) && td_user_store_lookup (store, td_proxy_user_get_username (user)) == NULL)
    td_user_store_add (store, user);
}

static void
find_user_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  TdApiClient *client = TD_API_CLIENT (object);
  g_autoptr(TdCreatePage) self = TD_CREATE_PAGE (user_data);
  g_autoptr(TdProxyUser) user = NULL;
  g_autoptr(GError) create_error = NULL;
  g_autoptr(TdProxyUser) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  found = td_api_client_find_user_finish (client, result, &error);

  /* The page is going away: nothing to show. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  user = g_steal_pointer (&self->reconcile_user);
  create_error = g_steal_pointer (&self->reconcile_error);
  g_clear_object (&self->reconcile_cancellable);

  update_validity (self, FALSE);

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
check_created (TdCreatePage *self,
               TdProxyUser  *user,
               const GError *error)
{
  g_autofree char *message = NULL;

  g_assert (TD_IS_CREATE_PAGE (self));
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
  update_validity (self, FALSE);

  td_api_client_find_user_async (td_account_get_client (self->account),
                                 td_proxy_user_get_proxy_type (user),
                                 td_proxy_user_get_username (user),
                                 self->reconcile_cancellable,
                                 find_user_cb,
                                 g_object_ref (self));
}

static void
create_user_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TdApiClient *client = TD_API_CLIENT (object);
  g_autoptr(TdCreatePage) self = TD_CREATE_PAGE (user_data);
  g_autoptr(TdProxyUser) user = g_steal_pointer (&self->pending_user);
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;

  g_clear_object (&self->create_cancellable);

  if (!td_api_client_create_user_finish (client, result, &error))
    {
      /* The page is going away: nothing to show. */
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

      /* Nothing was done: the same user may be sent as form fields. */
      if (td_error_offers_form_fields (error))
        {
          g_set_object (&self->form_fields_user, user);
          td_error_help_set_form_offer (self->error_label, "create.send-as-form-fields");
        }
      return;
    }

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

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
  TdCreatePage *self = TD_CREATE_PAGE (widget);
  TdApiClient *client = td_account_get_client (self->account);
  g_autoptr(TdProxyUser) user = NULL;

  if (self->create_cancellable != NULL)
    return;

  if (!update_validity (self, TRUE))
    return;

  if (!td_api_client_has_token (client))
    {
      show_toast (self, _("Add your account token to create users"));
      gtk_widget_activate_action (GTK_WIDGET (self), "win.enter-token", NULL);
      return;
    }

  user = td_proxy_user_new ();
  td_user_form_apply (self->form, user);

  send_user (self, user);
}

static void
send_user (TdCreatePage *self,
           TdProxyUser  *user)
{
  hide_error (self);
  if (self->result_card != NULL)
    td_result_card_clear (self->result_card);

  g_set_object (&self->pending_user, user);
  self->create_cancellable = g_cancellable_new ();
  set_busy (self, TRUE);

  td_api_client_create_user_async (td_account_get_client (self->account),
                                   user,
                                   self->create_cancellable,
                                   create_user_cb,
                                   g_object_ref (self));
}

/* The admin's answer to a create Thordata refused as JSON: the same
 * user, once, as form fields, which the account keeps from now on. */
static void
send_as_form_fields_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  TdCreatePage *self = TD_CREATE_PAGE (widget);
  g_autoptr(TdProxyUser) user = g_steal_pointer (&self->form_fields_user);

  if (user == NULL || self->create_cancellable != NULL)
    return;

  td_account_use_form_fields (self->account);
  send_user (self, user);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  TdCreatePage *self = TD_CREATE_PAGE (widget);

  if (self->create_cancellable != NULL)
    g_cancellable_cancel (self->create_cancellable);
}

/* Create cannot work when the account has no users left: say so under
 * the form rather than letting the server refuse. */
static void
update_quota (TdCreatePage *self)
{
  gint64 remaining = -1;
  gint64 limit = -1;
  gboolean exhausted;

  g_assert (TD_IS_CREATE_PAGE (self));

  if (self->store != NULL)
    {
      remaining = td_user_store_get_remaining (self->store);
      limit = td_user_store_get_limit (self->store);
    }
  exhausted = remaining == 0;

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
  update_validity (self, FALSE);
}

/* Follows the store of the account's users of the chosen proxy type. */
static void
follow_store (TdCreatePage *self)
{
  TdUserStore *store = NULL;

  g_assert (TD_IS_CREATE_PAGE (self));

  if (self->account != NULL)
    store = td_account_get_user_store (self->account, td_create_page_get_proxy_type (self));

  if (store != self->store)
    {
      if (self->store != NULL)
        g_signal_handlers_disconnect_by_func (self->store, update_quota, self);
      g_set_object (&self->store, store);
      if (store != NULL)
        {
          g_signal_connect_object (store, "notify::remaining",
                                   G_CALLBACK (update_quota), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (store, "notify::limit",
                                   G_CALLBACK (update_quota), self,
                                   G_CONNECT_SWAPPED);
        }
    }

  update_quota (self);
}

/* The form starts with the proxy type and the unit used last. */
static void
apply_settings (TdCreatePage *self)
{
  GSettings *settings = get_settings (self);

  g_assert (TD_IS_CREATE_PAGE (self));

  if (settings != NULL)
    {
      g_autofree char *unit = g_settings_get_string (settings, "traffic-unit");

      td_user_form_set_proxy_type (self->form, g_settings_get_int (settings, "proxy-type"));
      td_user_form_set_unit (self->form, g_strcmp0 (unit, "MB") == 0 ? TD_TRAFFIC_UNIT_MB
                                                                     : TD_TRAFFIC_UNIT_GB);
    }
}

static void
set_account (TdCreatePage *self,
             TdAccount    *account)
{
  g_assert (TD_IS_CREATE_PAGE (self));
  g_assert (!account || TD_IS_ACCOUNT (account));

  if (!g_set_object (&self->account, account))
    return;

  /* What was in flight belongs to the other account. */
  if (self->create_cancellable != NULL)
    g_cancellable_cancel (self->create_cancellable);
  if (self->reconcile_cancellable != NULL)
    g_cancellable_cancel (self->reconcile_cancellable);

  apply_settings (self);
  follow_store (self);
  g_object_notify (G_OBJECT (self), "account");
}

/* TdPage */

static gboolean
td_create_page_cancel (TdPage *page)
{
  TdCreatePage *self = TD_CREATE_PAGE (page);

  if (self->create_cancellable == NULL)
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self), "create.cancel", NULL);
  return TRUE;
}

static void
td_create_page_activate_primary (TdPage *page)
{
  gtk_widget_activate_action (GTK_WIDGET (page), "create.create", NULL);
}

static void
td_create_page_focus_first (TdPage *page)
{
  TdCreatePage *self = TD_CREATE_PAGE (page);

  td_user_form_focus_first (self->form);
}

static void
td_create_page_iface_init (TdPageInterface *iface)
{
  iface->cancel = td_create_page_cancel;
  iface->activate_primary = td_create_page_activate_primary;
  iface->focus_first = td_create_page_focus_first;
}

/* GObject */

static void
td_create_page_constructed (GObject *object)
{
  TdCreatePage *self = TD_CREATE_PAGE (object);

  G_OBJECT_CLASS (td_create_page_parent_class)->constructed (object);

  hide_error (self);
  set_busy (self, FALSE);
}

static void
td_create_page_dispose (GObject *object)
{
  TdCreatePage *self = TD_CREATE_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->create_cancellable != NULL)
    g_cancellable_cancel (self->create_cancellable);
  if (self->reconcile_cancellable != NULL)
    g_cancellable_cancel (self->reconcile_cancellable);

  /* AdwBin unparents the template's child, and with it the rest (the
   * cards built since included). */
  G_OBJECT_CLASS (td_create_page_parent_class)->dispose (object);
  self->result_card = NULL;
  self->error_revealer = NULL;
  self->error_label = NULL;
}

static void
td_create_page_finalize (GObject *object)
{
  TdCreatePage *self = TD_CREATE_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->create_cancellable);
  g_clear_object (&self->pending_user);
  g_clear_object (&self->reconcile_cancellable);
  g_clear_object (&self->reconcile_user);
  g_clear_error (&self->reconcile_error);
  g_clear_object (&self->form_fields_user);
  g_clear_object (&self->store);
  g_clear_object (&self->account);

  G_OBJECT_CLASS (td_create_page_parent_class)->finalize (object);
}

static void
td_create_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TdCreatePage *self = TD_CREATE_PAGE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->create_cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_create_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TdCreatePage *self = TD_CREATE_PAGE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      set_account (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_create_page_class_init (TdCreatePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = td_create_page_constructed;
  object_class->dispose = td_create_page_dispose;
  object_class->finalize = td_create_page_finalize;
  object_class->get_property = td_create_page_get_property;
  object_class->set_property = td_create_page_set_property;

  g_object_class_override_property (object_class, PROP_ACCOUNT, "account");
  g_object_class_override_property (object_class, PROP_BUSY, "busy");

  g_type_ensure (TD_TYPE_BUSY_INDICATOR);
  g_type_ensure (TD_TYPE_USER_FORM);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thordesk/Thordesk/td-create-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdCreatePage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, TdCreatePage, content_box);
  gtk_widget_class_bind_template_child (widget_class, TdCreatePage, form_box);
  gtk_widget_class_bind_template_child (widget_class, TdCreatePage, form);
  gtk_widget_class_bind_template_child (widget_class, TdCreatePage, quota_label);
  gtk_widget_class_bind_template_child (widget_class, TdCreatePage, button_stack);
  gtk_widget_class_bind_template_child (widget_class, TdCreatePage, busy_indicator);
  gtk_widget_class_bind_template_child (widget_class, TdCreatePage, create_button);
  gtk_widget_class_bind_template_child (widget_class, TdCreatePage, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, on_form_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_form_activated);

  gtk_widget_class_install_action (widget_class, "create.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "create.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "create.send-as-form-fields", NULL,
                                   send_as_form_fields_action);
}

static void
td_create_page_init (TdCreatePage *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  td_accessible_keep_button_label (GTK_BUTTON (self->create_button));
  td_accessible_keep_button_label (GTK_BUTTON (self->cancel_button));

  apply_settings (self);
}

TdCreatePage *
td_create_page_new (TdAccount *account)
{
  g_return_val_if_fail (TD_IS_ACCOUNT (account), NULL);

  return g_object_new (TD_TYPE_CREATE_PAGE,
                       "account", account,
                       NULL);
}

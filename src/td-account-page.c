/* td-account-page.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-account-list.h"
#include "td-account-page.h"
#include "td-account-page-private.h"
#include "td-accessible.h"
#include "td-balance.h"
#include "td-busy-indicator.h"
#include "td-credentials.h"
#include "td-error.h"
#include "td-error-help.h"
#include "td-usage-chart.h"
#include "td-whitelist.h"


static void td_account_page_page_init (TdPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdAccountPage, td_account_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (TD_TYPE_PAGE, td_account_page_page_init))

/* Row titles and subtitles are Pango markup in libadwaita 1.2; what the
 * server sends (addresses, dates) and account names are shown as text. */
static void
set_row_subtitle (AdwActionRow *row,
                  const char   *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  adw_action_row_set_subtitle (row, escaped);
}

void
_td_account_page_set_row_title (AdwPreferencesRow *row,
                                const char        *text)
{
  g_autofree char *escaped = g_markup_escape_text (text != NULL ? text : "", -1);

  adw_preferences_row_set_title (row, escaped);
}

enum
{
  PROP_0,
  PROP_IP_CHECK_URL,
  PROP_ACCOUNT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *ip_check_url_pspec;

/* Busy state */

void
_td_account_page_set_pending (TdAccountPage *self,
                              int            delta)
{
  gboolean was_busy = self->n_pending > 0;

  self->n_pending = (guint) MAX (0, (int) self->n_pending + delta);
  td_busy_indicator_set_spinning (self->busy_indicator, self->n_pending > 0);

  if (was_busy != (self->n_pending > 0))
    g_object_notify (G_OBJECT (self), "busy");
}

static TdApiClient *
get_client (TdAccountPage *self)
{
  return self->account != NULL ? td_account_get_client (self->account) : NULL;
}

static TdProxyType
selected_type (TdAccountPage *self)
{
  switch (adw_combo_row_get_selected (self->type_row))
    {
    case 1:
      return TD_PROXY_TYPE_UNLIMITED;
    case 2:
      return TD_PROXY_TYPE_MOBILE;
    default:
      return TD_PROXY_TYPE_RESIDENTIAL;
    }
}

static void
show_error (GtkLabel     *label,
            const GError *error)
{
  gtk_label_set_label (label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), error != NULL);
}

/* Balance */

static void
get_today (GDate *today)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (today, 1);
  g_date_set_dmy (today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static void
show_traffic (TdAccountPage          *self,
              const TdTrafficBalance *balance)
{
  g_autofree char *traffic = td_format_mb (balance->traffic_mb);
  g_autofree char *subtitle = NULL;
  GDate today;
  int days;

  set_row_subtitle (self->traffic_row, traffic);

  get_today (&today);
  days = td_traffic_balance_days_left (balance, &today);

  if (days == G_MININT)
    {
      /* Translators: the package has no expiration date */
      subtitle = g_strdup (_("No expiration date"));
    }
  else
    {
      g_autofree char *left = NULL;
      /* As the API and the whitelist write dates: never ambiguous. */
      g_autofree char *date = g_strdup_printf ("%04u-%02u-%02u",
                                               (guint) g_date_get_year (&balance->expiration),
                                               (guint) g_date_get_month (&balance->expiration),
                                               (guint) g_date_get_day (&balance->expiration));

      if (days < 0)
        left = g_strdup (_("Expired"));
      else if (days == 0)
        left = g_strdup (_("Expires today"));
      else
        /* Translators: %d is a number of days before the package expires */
        left = g_strdup_printf (ngettext ("%d day left", "%d days left", days), days);

      if (td_traffic_balance_is_expiring (balance, &today))
        /* Translators: the first %s is "5 days left", the second a date */
        subtitle = g_strdup_printf (_("%s (%s). Renew the package soon."), left, date);
      else
        /* Translators: the first %s is "30 days left", the second a date */
        subtitle = g_strdup_printf (_("%s (%s)"), left, date);
    }

  set_row_subtitle (self->expiration_row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->expiration_icon),
                          td_traffic_balance_is_expiring (balance, &today));
  if (td_traffic_balance_is_expiring (balance, &today))
    gtk_widget_add_css_class (GTK_WIDGET (self->expiration_row), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->expiration_row), "warning");
}

static void
get_traffic_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TdAccountPage) self = user_data;
  g_autoptr(TdTrafficBalance) balance = NULL;
  g_autoptr(GError) error = NULL;

  balance = td_balance_get_traffic_finish (TD_API_CLIENT (object), result, &error);
  _td_account_page_set_pending (self, -1);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (balance == NULL)
    {
      show_error (self->balance_error, error);
      return;
    }

  show_traffic (self, balance);
}

static void
get_wallet_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TdAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  double wallet = 0;

  if (!td_balance_get_wallet_finish (TD_API_CLIENT (object), result, &wallet, &error))
    {
      _td_account_page_set_pending (self, -1);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self->balance_error, error);
      return;
    }

  _td_account_page_set_pending (self, -1);
  text = td_format_wallet (wallet);
  set_row_subtitle (self->wallet_row, text);
}

/* Usage */

static guint
selected_days (TdAccountPage *self)
{
  if (gtk_toggle_button_get_active (self->days_90_button))
    return 90;
  if (gtk_toggle_button_get_active (self->days_30_button))
    return 30;
  return 7;
}

static void
get_usage_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TdAccountPage) self = user_data;
  g_autoptr(TdUsage) usage = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *sentence = NULL;
  double total = 0;
  guint days;

  usage = td_balance_get_usage_finish (TD_API_CLIENT (object), result, &error);
  _td_account_page_set_pending (self, -1);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (usage == NULL)
    {
      td_usage_chart_set_usage (self->chart, NULL);
      gtk_label_set_label (self->usage_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->usage_label), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->usage_label), "error");
  days = usage->days->len;
  total = usage->range_usage_kb;
  if (total < 0)
    {
      total = 0;
      for (guint i = 0; i < usage->days->len; i++)
        total += g_array_index (usage->days, TdUsageDay, i).usage_kb;
    }

  amount = td_format_kb (total);
  /* The usage dialog's sentence. */
  sentence = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%s used in the last %u day.",
                                           "%s used in the last %u days.",
                                           days),
                              amount, days);
  gtk_label_set_label (self->usage_label, sentence);
  td_usage_chart_set_usage (self->chart, usage);
}

static void
load_usage (TdAccountPage *self)
{
  TdApiClient *client = get_client (self);
  GDate from, to;

  if (client == NULL)
    return;

  g_cancellable_cancel (self->usage_cancellable);
  g_clear_object (&self->usage_cancellable);
  self->usage_cancellable = g_cancellable_new ();

  get_today (&to);
  from = to;
  g_date_subtract_days (&from, selected_days (self) - 1);

  _td_account_page_set_pending (self, +1);
  td_balance_get_usage_async (client, &from, &to, self->usage_cancellable,
                              get_usage_cb, g_object_ref (self));
}

static void
on_period_toggled (TdAccountPage   *self,
                   GtkToggleButton *button)
{
  if (gtk_toggle_button_get_active (button) && self->loaded)
    load_usage (self);
}

/* Whitelist */

static void load_whitelist (TdAccountPage *self);

static void
update_quota (TdAccountPage *self)
{
  guint count = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  g_autofree char *text = NULL;

  if (self->limit >= 0)
    /* Translators: "2 of 100 addresses used": the first %u is the number
     * whitelisted, the second the most the account may have */
    text = g_strdup_printf (ngettext ("%u of %u address used", "%u of %u addresses used",
                                      (gulong) self->limit),
                            count, (guint) self->limit);
  else
    text = g_strdup_printf (ngettext ("%u address", "%u addresses", count), count);

  gtk_label_set_label (self->quota_label, text);
}

void
_td_account_page_item_data_free (ItemData *data)
{
  g_object_unref (data->self);
  g_free (data->text);
  g_free (data);
}

static GtkWindow *
get_parent_window (TdAccountPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Asks before @response does anything: "Cancel" is the default and what
 * Escape answers.  @callback gets @data, freed by @notify with the dialog. */
void
_td_account_page_confirm (TdAccountPage        *self,
                          const char           *heading,
                          const char           *body,
                          const char           *response,
                          const char           *response_label,
                          AdwResponseAppearance appearance,
                          GCallback             callback,
                          gpointer              data,
                          GClosureNotify        notify)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_parent_window (self), heading, body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, response, appearance);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", callback, data, notify, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

void
_td_account_page_item_data_notify (gpointer  data,
                                   GClosure *closure)
{
  _td_account_page_item_data_free (data);
}

static void
delete_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TdAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;

  td_whitelist_delete_finish (TD_API_CLIENT (object), result, &error);
  _td_account_page_set_pending (self, -1);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  show_error (self->whitelist_error, error);
  load_whitelist (self);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    ItemData      *data)
{
  TdApiClient *client = get_client (data->self);

  if (g_strcmp0 (response, "delete") == 0 && client != NULL)
    {
      _td_account_page_set_pending (data->self, +1);
      td_whitelist_delete_async (client, selected_type (data->self), data->text,
                                 data->self->cancellable, delete_cb, g_object_ref (data->self));
    }
}


static void
on_delete_clicked (GtkButton *button,
                   TdAccountPage *self)
{
  const char *address = g_object_get_data (G_OBJECT (button), "address");
  ItemData *data;
  g_autofree char *heading = NULL;

  /* Translators: %s is an IP address */
  heading = g_strdup_printf (_("Delete %s from the whitelist?"), address);
  data = g_new0 (ItemData, 1);
  data->self = g_object_ref (self);
  data->text = g_strdup (address);
  _td_account_page_confirm (self, heading,
           _("Computers at this address will need a login to use the proxies."),
           "delete", _("_Delete"), ADW_RESPONSE_DESTRUCTIVE,
           G_CALLBACK (delete_response_cb), data, _td_account_page_item_data_notify);
}

static GtkWidget *
create_whitelist_row (gpointer item,
                      gpointer user_data)
{
  TdAccountPage *self = user_data;
  TdWhitelistEntry *entry = item;
  const char *address = td_whitelist_entry_get_address (entry);
  const char *created = td_whitelist_entry_get_created_time (entry);
  const char *status = td_whitelist_entry_get_enabled (entry) ? _("Enabled") : _("Disabled");
  g_autofree char *subtitle = NULL;
  g_autofree char *delete_label = NULL;
  GtkWidget *row;
  GtkWidget *button;

  if (created != NULL)
    /* Translators: the first %s is a date as Thordata sends it, the second
     * "Enabled" or "Disabled" */
    subtitle = g_strdup_printf (_("Added %s · %s"), created, status);
  else
    subtitle = g_strdup (status);

  row = adw_action_row_new ();
  _td_account_page_set_row_title (ADW_PREFERENCES_ROW (row), address);
  set_row_subtitle (ADW_ACTION_ROW (row), subtitle);

  button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Delete"));
  /* Translators: %s is an IP address */
  delete_label = g_strdup_printf (_("Delete %s"), address);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, delete_label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "address", g_strdup (address), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_delete_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(TdAccountPage) self = user_data;
  g_autoptr(TdWhitelist) whitelist = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint n;

  whitelist = td_whitelist_list_finish (TD_API_CLIENT (object), result, &error);
  _td_account_page_set_pending (self, -1);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (whitelist == NULL)
    {
      show_error (self->whitelist_error, error);
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (whitelist->entries));
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (whitelist->entries), i));
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       items->pdata, items->len);

  self->limit = whitelist->limit;
  self->remaining = whitelist->remaining_limit;
  update_quota (self);
  /* An empty boxed list would be an empty frame: the quota says "0 of". */
  gtk_widget_set_visible (GTK_WIDGET (self->whitelist_list), items->len > 0);
}

static void
load_whitelist (TdAccountPage *self)
{
  TdApiClient *client = get_client (self);

  if (client == NULL)
    return;

  g_cancellable_cancel (self->whitelist_cancellable);
  g_clear_object (&self->whitelist_cancellable);
  self->whitelist_cancellable = g_cancellable_new ();

  _td_account_page_set_pending (self, +1);
  td_whitelist_list_async (client, selected_type (self), self->whitelist_cancellable,
                           list_cb, g_object_ref (self));
}

static void
on_type_changed (TdAccountPage *self)
{
  if (self->loaded)
    {
      g_list_store_remove_all (self->entries);
      gtk_widget_set_visible (GTK_WIDGET (self->whitelist_list), FALSE);
      show_error (self->whitelist_error, NULL);
      load_whitelist (self);
    }
}

/* Hides "Send as Form Fields" and forgets the address it was for. */
static void
clear_form_fields_offer (TdAccountPage *self)
{
  td_error_help_set_form_offer (self->address_message, NULL);
  g_clear_pointer (&self->form_fields_address, g_free);
}

static void
on_address_changed (TdAccountPage *self)
{
  g_autofree char *message = NULL;
  TdAddressCheck check;

  check = td_whitelist_check_address (gtk_editable_get_text (GTK_EDITABLE (self->address_entry)),
                                      NULL, &message);
  clear_form_fields_offer (self);
  td_accessible_set_field_message (GTK_WIDGET (self->address_entry), self->address_message_row,
                                   self->address_message, message);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), check == TD_ADDRESS_CHECK_VALID);
}

typedef struct
{
  TdAccountPage *self;
  char          *address;
  TdProxyType    proxy_type;
} AddData;

static void
add_data_free (AddData *data)
{
  g_object_unref (data->self);
  g_free (data->address);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AddData, add_data_free)

static void
add_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(AddData) data = user_data;
  TdAccountPage *self = data->self;
  g_autoptr(GError) error = NULL;

  td_whitelist_add_finish (TD_API_CLIENT (object), result, &error);
  _td_account_page_set_pending (self, -1);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error != NULL)
    {
      /* Next to the field; what was typed stays. */
      td_accessible_set_field_message (GTK_WIDGET (self->address_entry), self->address_message_row,
                                       self->address_message, error->message);
      /* Nothing was done: the same address may be sent as form fields. */
      if (td_error_offers_form_fields (error))
        {
          g_free (self->form_fields_address);
          self->form_fields_address = g_strdup (data->address);
          self->form_fields_type = data->proxy_type;
          td_error_help_set_form_offer (self->address_message, "account.send-as-form-fields");
        }
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (self->address_entry), "");
  load_whitelist (self);
}

static void
add_address_of_type (TdAccountPage *self,
                     const char    *address,
                     TdProxyType    proxy_type)
{
  TdApiClient *client = get_client (self);
  AddData *data;

  if (client == NULL)
    return;

  clear_form_fields_offer (self);
  data = g_new0 (AddData, 1);
  data->self = g_object_ref (self);
  data->address = g_strdup (address);
  data->proxy_type = proxy_type;
  _td_account_page_set_pending (self, +1);
  td_whitelist_add_async (client, proxy_type, address, TRUE, self->cancellable,
                          add_cb, data);
}

/* The admin's answer to an address Thordata refused as JSON: the same
 * address, once, as form fields, which the account keeps from now on. */
static void
send_as_form_fields_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  TdAccountPage *self = TD_ACCOUNT_PAGE (widget);
  g_autofree char *address = g_steal_pointer (&self->form_fields_address);

  if (address == NULL || self->account == NULL)
    return;

  td_account_use_form_fields (self->account);
  add_address_of_type (self, address, self->form_fields_type);
}

static void
add_address (TdAccountPage *self,
             const char    *address)
{
  add_address_of_type (self, address, selected_type (self));
}

static void
on_add_clicked (TdAccountPage *self)
{
  g_autofree char *address = NULL;
  g_autofree char *message = NULL;
  TdAddressCheck check;

  check = td_whitelist_check_address (gtk_editable_get_text (GTK_EDITABLE (self->address_entry)),
                                      &address, &message);
  if (check == TD_ADDRESS_CHECK_INCOMPLETE || check == TD_ADDRESS_CHECK_EMPTY)
    message = g_strdup (_("Enter a whole IPv4 address, four numbers separated by dots."));

  if (check != TD_ADDRESS_CHECK_VALID)
    {
      td_accessible_set_field_message (GTK_WIDGET (self->address_entry), self->address_message_row,
                                       self->address_message, message);
      return;
    }

  add_address (self, address);
}

static void
add_this_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      ItemData      *data)
{
  if (g_strcmp0 (response, "add") == 0)
    add_address (data->self, data->text);
}

static void
public_address_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TdAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *body = NULL;
  const char *type_name;
  ItemData *data;

  address = td_whitelist_find_public_address_finish (result, &error);
  _td_account_page_set_pending (self, -1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_this_button), TRUE);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (address == NULL)
    {
      show_error (self->whitelist_error, error);
      return;
    }

  type_name = td_proxy_type_get_display_name (selected_type (self));
  /* Translators: the first %s is an IP address, the second a kind of
   * proxies ("Residential") */
  body = g_strdup_printf (_("Thordata sees this computer at %s. Add this address to the "
                            "whitelist of %s proxies?"), address, type_name);
  data = g_new0 (ItemData, 1);
  data->self = g_object_ref (self);
  data->text = g_steal_pointer (&address);
  _td_account_page_confirm (self, _("Add This Computer?"), body, "add", _("_Add"), ADW_RESPONSE_SUGGESTED,
           G_CALLBACK (add_this_response_cb), data, _td_account_page_item_data_notify);
}

static void
on_add_this_clicked (TdAccountPage *self)
{
  show_error (self->whitelist_error, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_this_button), FALSE);
  _td_account_page_set_pending (self, +1);
  td_whitelist_find_public_address_async (self->ip_check_url, self->cancellable,
                                          public_address_cb, g_object_ref (self));
}

static void
td_account_page_refresh (TdPage *page)
{
  TdAccountPage *self = TD_ACCOUNT_PAGE (page);
  TdApiClient *client = get_client (self);

  if (client == NULL)
    return;

  self->loaded = TRUE;
  show_error (self->balance_error, NULL);
  show_error (self->whitelist_error, NULL);

  _td_account_page_set_pending (self, +2);
  td_balance_get_traffic_async (client, self->cancellable, get_traffic_cb, g_object_ref (self));
  td_balance_get_wallet_async (client, self->cancellable, get_wallet_cb, g_object_ref (self));
  load_usage (self);
  load_whitelist (self);
}

static gboolean
td_account_page_cancel (TdPage *page)
{
  TdAccountPage *self = TD_ACCOUNT_PAGE (page);
  gboolean busy = self->n_pending > 0;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_cancellable_cancel (self->usage_cancellable);
  g_cancellable_cancel (self->whitelist_cancellable);

  return busy;
}

static void
td_account_page_focus_first (TdPage *page)
{
  TdAccountPage *self = TD_ACCOUNT_PAGE (page);

  gtk_widget_grab_focus (GTK_WIDGET (self->days_7_button));
}

static void
td_account_page_page_init (TdPageInterface *iface)
{
  iface->refresh = td_account_page_refresh;
  iface->cancel = td_account_page_cancel;
  iface->focus_first = td_account_page_focus_first;
}

/* GObject */

static void
td_account_page_map (GtkWidget *widget)
{
  TdAccountPage *self = TD_ACCOUNT_PAGE (widget);

  GTK_WIDGET_CLASS (td_account_page_parent_class)->map (widget);

  if (!self->loaded)
    td_account_page_refresh (TD_PAGE (self));
}

static void
td_account_page_constructed (GObject *object)
{
  TdAccountPage *self = TD_ACCOUNT_PAGE (object);
  GSettings *settings;

  G_OBJECT_CLASS (td_account_page_parent_class)->constructed (object);

  settings = self->account != NULL ? td_account_get_settings (self->account) : NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->accounts_group), settings != NULL);
  if (settings != NULL)
    {
      g_signal_connect_object (settings, "changed::accounts",
                               G_CALLBACK (_td_account_page_rebuild_accounts), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (settings, "changed::current-account",
                               G_CALLBACK (_td_account_page_rebuild_accounts), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (settings, "changed::default-account-name",
                               G_CALLBACK (_td_account_page_rebuild_accounts), self, G_CONNECT_SWAPPED);
      _td_account_page_rebuild_accounts (self);
    }
}

static void
td_account_page_dispose (GObject *object)
{
  TdAccountPage *self = TD_ACCOUNT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->usage_cancellable);
  g_cancellable_cancel (self->whitelist_cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_ACCOUNT_PAGE);

  g_clear_object (&self->account);
  g_clear_object (&self->entries);

  G_OBJECT_CLASS (td_account_page_parent_class)->dispose (object);
}

static void
td_account_page_finalize (GObject *object)
{
  TdAccountPage *self = TD_ACCOUNT_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->usage_cancellable);
  g_clear_object (&self->whitelist_cancellable);
  g_free (self->ip_check_url);
  g_free (self->form_fields_address);

  G_OBJECT_CLASS (td_account_page_parent_class)->finalize (object);
}

static void
td_account_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TdAccountPage *self = TD_ACCOUNT_PAGE (object);

  switch (prop_id)
    {
    case PROP_IP_CHECK_URL:
      g_value_set_string (value, self->ip_check_url);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->n_pending > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Another account: nothing of the one before stays on screen or in
 * flight, and the page reads the new one's data if it was shown. */
static void
set_account (TdAccountPage *self,
             TdAccount     *account)
{
  if (!g_set_object (&self->account, account))
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_cancellable_cancel (self->usage_cancellable);
  g_cancellable_cancel (self->whitelist_cancellable);

  set_row_subtitle (self->traffic_row, NULL);
  set_row_subtitle (self->expiration_row, NULL);
  set_row_subtitle (self->wallet_row, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->expiration_icon), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->expiration_row), "warning");
  g_list_store_remove_all (self->entries);
  gtk_widget_set_visible (GTK_WIDGET (self->whitelist_list), FALSE);
  self->limit = -1;
  update_quota (self);
  show_error (self->balance_error, NULL);
  show_error (self->whitelist_error, NULL);
  clear_form_fields_offer (self);
  td_accessible_set_field_message (self->address_entry, self->address_message_row,
                                   self->address_message, NULL);

  if (self->loaded && account != NULL)
    td_account_page_refresh (TD_PAGE (self));
}

static void
td_account_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TdAccountPage *self = TD_ACCOUNT_PAGE (object);

  switch (prop_id)
    {
    case PROP_IP_CHECK_URL:
      g_free (self->ip_check_url);
      self->ip_check_url = g_value_dup_string (value);
      if (self->ip_check_url == NULL)
        self->ip_check_url = g_strdup (TD_DEFAULT_IP_CHECK_URL);
      break;
    case PROP_ACCOUNT:
      set_account (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_account_page_class_init (TdAccountPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = td_account_page_constructed;
  object_class->dispose = td_account_page_dispose;
  object_class->finalize = td_account_page_finalize;
  object_class->get_property = td_account_page_get_property;
  object_class->set_property = td_account_page_set_property;

  widget_class->map = td_account_page_map;

  ip_check_url_pspec =
    g_param_spec_string ("ip-check-url", NULL, NULL,
                         TD_DEFAULT_IP_CHECK_URL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, PROP_IP_CHECK_URL, ip_check_url_pspec);
  g_object_class_override_property (object_class, PROP_ACCOUNT, "account");
  g_object_class_override_property (object_class, PROP_BUSY, "busy");

  g_type_ensure (TD_TYPE_BUSY_INDICATOR);
  g_type_ensure (TD_TYPE_USAGE_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thordesk/Thordesk/td-account-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, busy_indicator);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, traffic_row);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, expiration_row);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, expiration_icon);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, wallet_row);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, balance_error);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, days_7_button);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, days_30_button);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, days_90_button);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, chart);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, usage_label);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, type_row);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, whitelist_list);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, quota_label);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, address_entry);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, address_message_row);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, address_message);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, add_this_button);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, whitelist_error);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, accounts_group);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, accounts_list);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, account_name_row);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, account_name_entry);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, account_token_row);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, account_token_entry);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, account_token_peek);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, account_key_row);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, account_key_entry);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, account_key_peek);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, account_message_row);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, account_message);
  gtk_widget_class_bind_template_child (widget_class, TdAccountPage, add_account_button);
  gtk_widget_class_bind_template_callback (widget_class, on_period_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_type_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_address_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_add_this_clicked);
  gtk_widget_class_install_action (widget_class, "account.send-as-form-fields", NULL,
                                   send_as_form_fields_action);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_account_form_changed",
                                                G_CALLBACK (_td_account_page_on_account_form_changed));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_add_account_clicked",
                                                G_CALLBACK (_td_account_page_on_add_account_clicked));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_account_peek_clicked",
                                                G_CALLBACK (_td_account_page_on_account_peek_clicked));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_entry_mnemonic_activate",
                                                G_CALLBACK (td_accessible_focus_without_selecting));
}

static void
td_account_page_init (TdAccountPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* GTK 4.8 hands a hidden entry's real text to assistive technology. */
  td_accessible_guard_secret (self->account_token_entry);
  td_accessible_guard_secret (self->account_key_entry);

  self->cancellable = g_cancellable_new ();
  self->entries = g_list_store_new (TD_TYPE_WHITELIST_ENTRY);
  self->limit = -1;
  self->remaining = -1;

  gtk_list_box_bind_model (self->whitelist_list, G_LIST_MODEL (self->entries),
                           create_whitelist_row, self, NULL);
  update_quota (self);
  gtk_widget_set_visible (GTK_WIDGET (self->whitelist_list), FALSE);

  td_accessible_name_choice_parts (GTK_WIDGET (self->type_row), _("Proxies of the whitelist"));
}

GtkWidget *
td_account_page_new (TdAccount *account)
{
  g_return_val_if_fail (account == NULL || TD_IS_ACCOUNT (account), NULL);

  return g_object_new (TD_TYPE_ACCOUNT_PAGE, "account", account, NULL);
}

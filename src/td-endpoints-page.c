/* td-endpoints-page.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-accessible.h"
#include "td-busy-indicator.h"
#include "td-clipboard.h"
#include "td-endpoints-page.h"
#include "td-endpoints-page-private.h"
#include "td-ip-check.h"
#include "td-locations.h"
#include "td-page.h"
#include "td-user-list.h"

static void td_endpoints_page_page_init (TdPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdEndpointsPage, td_endpoints_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (TD_TYPE_PAGE, td_endpoints_page_page_init))

enum {
  PROP_0,
  PROP_IP_CHECK_URL,
  PROP_ACCOUNT,
  PROP_BUSY,
  PROP_REVEAL_PASSWORDS,
  N_PROPS
};

/* Stands for the password in what is shown while passwords are hidden:
 * longer than a username (15) and mixed case (hosts are lower-cased), so
 * that nothing else in an endpoint holds it. */
#define PASSWORD_PLACEHOLDER "TdHiddenPassword7"
#define PASSWORD_MASK        "••••••••"

static GParamSpec *ip_check_url_pspec;

static void load_users     (TdEndpointsPage *self);
static void load_places    (TdEndpointsPage *self,
                            TdLocationKind   kind);
static void places_changed (TdEndpointsPage *self,
                            TdLocationKind   kind);

/* ---- reading the form ----------------------------------------------- */

static TdProxyType
get_proxy_type (TdEndpointsPage *self)
{
  switch (adw_combo_row_get_selected (self->product_row))
    {
    case 1: return TD_PROXY_TYPE_UNLIMITED;
    case 2: return TD_PROXY_TYPE_MOBILE;
    default: return TD_PROXY_TYPE_RESIDENTIAL;
    }
}

static const char *
text_of (GtkWidget *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

TdGatewayLogin *
td_endpoints_page_dup_login (TdEndpointsPage *self)
{
  TdGatewayLogin *login;
  guint continent;

  g_return_val_if_fail (TD_IS_ENDPOINTS_PAGE (self), NULL);

  login = td_gateway_login_new ();
  login->proxy_type = get_proxy_type (self);
  login->protocol = (TdGatewayProtocol) MIN (adw_combo_row_get_selected (self->protocol_row),
                                             TD_GATEWAY_PROTOCOL_SOCKS5H);
  td_gateway_login_set (&login->host, text_of (self->host_entry));
  login->port = gtk_spin_button_get_value_as_int (self->port_spin);
  td_gateway_login_set (&login->username, text_of (self->user_entry));
  td_gateway_login_set (&login->password, td_accessible_get_secret (self->password_entry));

  continent = adw_combo_row_get_selected (self->continent_row);
  if (continent >= 1 && continent <= 7)
    td_gateway_login_set (&login->continent, td_gateway_get_continents ()[continent - 1]);

  td_gateway_login_set (&login->country, text_of (self->country_entry));
  td_gateway_login_set (&login->state, text_of (self->state_entry));
  td_gateway_login_set (&login->city, text_of (self->city_entry));
  td_gateway_login_set (&login->asn, text_of (self->asn_entry));
  login->sticky = gtk_switch_get_active (self->sticky_switch);
  td_gateway_login_set (&login->session_id, text_of (self->session_id_entry));
  login->session_minutes = gtk_spin_button_get_value_as_int (self->minutes_spin);

  return login;
}

/* ---- the fields, heard ---------------------------------------------- */

/* The password field is heard with its length, never its characters,
 * and with its message. */
static void
describe_password (TdEndpointsPage *self,
                   const char      *message)
{
  g_autofree char *count = td_accessible_dup_secret_length (self->password_entry);

  td_accessible_set_description (self->password_entry, message, count);
}

static void
set_password_shown (TdEndpointsPage *self,
                    gboolean         shown)
{
  td_accessible_set_peek_button (self->password_entry, GTK_BUTTON (self->peek_button), shown,
                                 _("Show the password"), _("Hide the password"));
}

static void
on_peek_clicked (TdEndpointsPage *self)
{
  set_password_shown (self, !td_accessible_get_secret_shown (self->password_entry));
}

/* A chooser shows its choice cut short, so that the row stays narrow
 * (360 px); its list shows whole names. */
static void
setup_choice_label (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  short_label)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (short_label != NULL)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 4);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_choice_label (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  GtkStringObject *choice = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      GTK_IS_STRING_OBJECT (choice) ? gtk_string_object_get_string (choice) : "");
}

static void
shorten_choice (GtkDropDown *chooser)
{
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (setup_choice_label),
                        i == 0 ? GINT_TO_POINTER (TRUE) : NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_choice_label), NULL);
      if (i == 0)
        gtk_drop_down_set_factory (chooser, factory);
      else
        gtk_drop_down_set_list_factory (chooser, factory);
    }
}

/* ---- outputs -------------------------------------------------------- */

static void
clear_outputs (TdEndpointsPage *self)
{
  for (guint i = 0; i < N_OUTPUTS; i++)
    g_clear_pointer (&self->outputs[i], td_secret_free);
}

static void
show_field_message (TdEndpointsPage *self,
                    TdGatewayField   field,
                    const char      *message)
{
  struct { GtkWidget *field; GtkWidget *row; GtkLabel *label; TdGatewayField code; } map[] = {
    { GTK_WIDGET (self->user_entry), self->login_error_row, self->login_error, TD_GATEWAY_FIELD_USERNAME },
    { GTK_WIDGET (self->password_entry), self->login_error_row, self->login_error, TD_GATEWAY_FIELD_PASSWORD },
    { GTK_WIDGET (self->host_entry), self->login_error_row, self->login_error, TD_GATEWAY_FIELD_HOST },
    { GTK_WIDGET (self->port_spin), self->login_error_row, self->login_error, TD_GATEWAY_FIELD_PORT },
    { GTK_WIDGET (self->continent_row), self->targeting_error_row, self->targeting_error, TD_GATEWAY_FIELD_CONTINENT },
    { GTK_WIDGET (self->country_entry), self->targeting_error_row, self->targeting_error, TD_GATEWAY_FIELD_COUNTRY },
    { GTK_WIDGET (self->state_entry), self->targeting_error_row, self->targeting_error, TD_GATEWAY_FIELD_STATE },
    { GTK_WIDGET (self->city_entry), self->targeting_error_row, self->targeting_error, TD_GATEWAY_FIELD_CITY },
    { GTK_WIDGET (self->asn_entry), self->targeting_error_row, self->targeting_error, TD_GATEWAY_FIELD_ASN },
    { GTK_WIDGET (self->session_id_entry), self->session_error_row, self->session_error, TD_GATEWAY_FIELD_SESSION_ID },
    { GTK_WIDGET (self->minutes_spin), self->session_error_row, self->session_error, TD_GATEWAY_FIELD_SESSION_MINUTES },
  };

  /* Clear every field, then mark the one at fault. */
  for (gsize i = 0; i < G_N_ELEMENTS (map); i++)
    td_accessible_set_field_message (map[i].field, map[i].row, map[i].label, NULL);

  for (gsize i = 0; message != NULL && i < G_N_ELEMENTS (map); i++)
    if (map[i].code == field)
      {
        td_accessible_set_field_message (map[i].field, map[i].row, map[i].label, message);
        break;
      }

  describe_password (self, message != NULL && field == TD_GATEWAY_FIELD_PASSWORD ? message : NULL);
}

void
td_endpoints_page_update_outputs (TdEndpointsPage *self)
{
  g_autoptr(TdGatewayLogin) login = td_endpoints_page_dup_login (self);
  g_autoptr(TdGatewayLogin) masked = NULL;
  g_autoptr(GError) error = NULL;
  AdwActionRow *rows[N_OUTPUTS] = { self->url_row, self->colon_row, self->at_row, self->curl_row };
  const char *caveat;
  gboolean valid;

  clear_outputs (self);
  valid = td_gateway_login_check (login, &error);

  /* Nothing typed yet is not an error worth a red field. */
  if (!valid && (login->username == NULL || login->username[0] == '\0'))
    show_field_message (self, 0, NULL);
  else
    show_field_message (self, valid ? 0 : error->code, valid ? NULL : error->message);

  /* What is shown: the password masked unless revealed (Copy copies the
   * real endpoint, self->outputs). */
  masked = td_gateway_login_copy (login);
  td_gateway_login_set (&masked->password, PASSWORD_PLACEHOLDER);

  for (guint i = 0; i < N_OUTPUTS; i++)
    {
      g_autofree char *escaped = NULL;
      g_autofree char *shown = NULL;

      if (valid)
        self->outputs[i] = td_gateway_login_format (login, output_formats[i],
                                                    td_ip_check_get_url (self->ip_check), NULL);
      if (valid && !self->reveal_passwords)
        {
          g_autofree char *placeheld = td_gateway_login_format (masked, output_formats[i],
                                                                td_ip_check_get_url (self->ip_check),
                                                                NULL);
          GString *text = g_string_new (placeheld);

          g_string_replace (text, PASSWORD_PLACEHOLDER, PASSWORD_MASK, 0);
          shown = g_string_free (text, FALSE);
        }
      /* A row's subtitle is markup, and the username and password come
       * from the server or the admin: shown as text. */
      /* Translators: shown instead of an endpoint while the form is incomplete */
      escaped = g_markup_escape_text (shown != NULL ? shown
                                      : self->outputs[i] != NULL ? self->outputs[i]
                                      : _("Not ready"), -1);
      adw_action_row_set_subtitle (rows[i], escaped);
    }

  caveat = td_gateway_protocol_get_caveat (login->protocol, login->proxy_type);
  gtk_label_set_text (self->caveat_label, caveat ? caveat : "");
  gtk_widget_set_visible (GTK_WIDGET (self->caveat_label), caveat != NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.copy", valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.copy-many", valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.save-many", valid);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.test",
                                 valid && !self->busy &&
                                 td_endpoints_page_can_test (self));
}

/* ---- choosers ------------------------------------------------------- */

static GtkWidget *
row_of_kind (TdEndpointsPage *self,
             TdLocationKind   kind)
{
  GtkWidget *rows[N_KINDS] = { self->country_entry, self->state_entry, self->city_entry, self->asn_entry };

  return rows[kind];
}

static GtkDropDown *
chooser_of_kind (TdEndpointsPage *self,
                 TdLocationKind   kind)
{
  GtkDropDown *choosers[N_KINDS] = { self->country_chooser, self->state_chooser,
                                     self->city_chooser, self->asn_chooser };

  return choosers[kind];
}

/* Shows in the chooser the place whose code is typed, if it has one. */
static void
sync_chooser (TdEndpointsPage *self,
              TdLocationKind   kind)
{
  g_autofree char *code = NULL;
  guint position = GTK_INVALID_LIST_POSITION;
  TdGatewayField fields[N_KINDS] = { TD_GATEWAY_FIELD_COUNTRY, TD_GATEWAY_FIELD_STATE,
                                     TD_GATEWAY_FIELD_CITY, TD_GATEWAY_FIELD_ASN };

  code = td_gateway_normalize_field (fields[kind], text_of (row_of_kind (self, kind)));
  for (guint i = 0; code != NULL && self->places[kind] != NULL && i < self->places[kind]->len; i++)
    if (g_strcmp0 (((TdLocation *) g_ptr_array_index (self->places[kind], i))->code, code) == 0)
      position = i;

  self->updating = TRUE;
  gtk_drop_down_set_selected (chooser_of_kind (self, kind), position);
  self->updating = FALSE;
}

static void
set_places (TdEndpointsPage *self,
            TdLocationKind   kind,
            GPtrArray       *places)
{
  GtkDropDown *chooser = chooser_of_kind (self, kind);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  g_clear_pointer (&self->places[kind], g_ptr_array_unref);
  self->places[kind] = places;

  for (guint i = 0; places != NULL && i < places->len; i++)
    {
      TdLocation *place = g_ptr_array_index (places, i);
      /* Translators: a place in a list: its name, then its code */
      g_autofree char *label = g_strdup_printf (_("%s (%s)"), place->name, place->code);

      gtk_string_list_append (model, label);
    }

  self->updating = TRUE;
  gtk_drop_down_set_model (chooser, G_LIST_MODEL (model));
  gtk_widget_set_sensitive (GTK_WIDGET (chooser), places != NULL && places->len > 0);
  self->updating = FALSE;
  sync_chooser (self, kind);
}

typedef struct
{
  TdEndpointsPage *self;
  TdLocationKind   kind;
} PlacesData;

static void
on_places_listed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  PlacesData *data = user_data;
  g_autoptr(TdEndpointsPage) self = data->self;
  TdLocationKind kind = data->kind;
  g_autoptr(GError) error = NULL;
  GPtrArray *places;

  g_free (data);
  places = td_locations_list_finish (TD_LOCATIONS (source), result, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (places == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The lists of places could not be loaded: %s "
                                                 "You can still type the codes."),
                                               error->message);

      gtk_label_set_text (self->locations_status, text);
      gtk_widget_set_visible (GTK_WIDGET (self->locations_status), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->locations_status), FALSE);

  set_places (self, kind, places);
}

static void
load_places (TdEndpointsPage *self,
             TdLocationKind   kind)
{
  PlacesData *data;
  g_autofree char *country = NULL;

  g_cancellable_cancel (self->kind_cancellable[kind]);
  g_clear_object (&self->kind_cancellable[kind]);

  if (self->locations == NULL)
    return;

  country = td_gateway_normalize_field (TD_GATEWAY_FIELD_COUNTRY, text_of (self->country_entry));
  if (kind != TD_LOCATION_KIND_COUNTRY && country == NULL)
    {
      set_places (self, kind, NULL);
      return;
    }

  self->kind_cancellable[kind] = g_cancellable_new ();
  data = g_new0 (PlacesData, 1);
  data->self = g_object_ref (self);
  data->kind = kind;
  td_locations_list_async (self->locations, kind, get_proxy_type (self), country,
                           kind == TD_LOCATION_KIND_CITY ? text_of (self->state_entry) : NULL,
                           self->kind_cancellable[kind], on_places_listed, data);
}

static void
on_chooser_selected (TdEndpointsPage *self,
                     GParamSpec      *pspec,
                     GtkDropDown     *chooser)
{
  guint position = gtk_drop_down_get_selected (chooser);

  if (self->updating || position == GTK_INVALID_LIST_POSITION)
    return;

  if (chooser == self->user_chooser)
    {
      g_autoptr(TdProxyUser) user = NULL;

      if (self->users == NULL)
        return;
      user = g_list_model_get_item (G_LIST_MODEL (self->users), position);
      if (user != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->user_entry), td_proxy_user_get_username (user));
      return;
    }

  for (TdLocationKind kind = 0; kind < N_KINDS; kind++)
    if (chooser == chooser_of_kind (self, kind) && self->places[kind] != NULL &&
        position < self->places[kind]->len)
      {
        TdLocation *place = g_ptr_array_index (self->places[kind], position);

        self->updating = TRUE;
        gtk_editable_set_text (GTK_EDITABLE (row_of_kind (self, kind)), place->code);
        self->updating = FALSE;
        places_changed (self, kind);
      }
}

/* ---- users ---------------------------------------------------------- */

static void
fill_password (TdEndpointsPage *self)
{
  const char *name = text_of (self->user_entry);
  guint n;

  if (self->users == NULL)
    return;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->users));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TdProxyUser) user = g_list_model_get_item (G_LIST_MODEL (self->users), i);

      if (g_strcmp0 (td_proxy_user_get_username (user), name) == 0)
        {
          const char *password = td_proxy_user_get_password (user);

          if (password != NULL)
            gtk_editable_set_text (GTK_EDITABLE (self->password_entry), password);
          self->updating = TRUE;
          gtk_drop_down_set_selected (self->user_chooser, i);
          self->updating = FALSE;
          return;
        }
    }
}

static void
on_users_listed (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TdEndpointsPage) self = user_data;
  g_autoptr(TdUserList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  list = td_api_client_list_users_finish (TD_API_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->users);
  if (list != NULL)
    self->users = g_object_ref (list->users);

  for (guint i = 0; self->users != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->users)); i++)
    {
      g_autoptr(TdProxyUser) user = g_list_model_get_item (G_LIST_MODEL (self->users), i);

      gtk_string_list_append (names, td_proxy_user_get_username (user));
    }

  self->updating = TRUE;
  gtk_drop_down_set_model (self->user_chooser, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->user_chooser, GTK_INVALID_LIST_POSITION);
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_chooser), self->users != NULL &&
                            g_list_model_get_n_items (G_LIST_MODEL (self->users)) > 0);
  self->updating = FALSE;

  fill_password (self);
}

static void
load_users (TdEndpointsPage *self)
{
  TdApiClient *client;

  g_cancellable_cancel (self->users_cancellable);
  g_clear_object (&self->users_cancellable);
  /* The users of another product must not lend their passwords. */
  g_clear_object (&self->users);

  if (self->account == NULL || (client = td_account_get_client (self->account)) == NULL ||
      !td_api_client_has_token (client))
    return;

  self->users_cancellable = g_cancellable_new ();
  td_api_client_list_users_async (client, get_proxy_type (self), self->users_cancellable,
                                  on_users_listed, g_object_ref (self));
}

/* ---- signal handlers ------------------------------------------------ */

static void
on_field_changed (TdEndpointsPage *self)
{
  if (self->account == NULL)
    return;

  td_endpoints_page_update_outputs (self);
}

static void
on_user_changed (TdEndpointsPage *self)
{
  if (!self->updating)
    fill_password (self);
  td_endpoints_page_update_outputs (self);
}

/* Loads the lists that depend on the place of @kind. */
static void
places_changed (TdEndpointsPage *self,
                TdLocationKind   kind)
{
  if (kind == TD_LOCATION_KIND_COUNTRY)
    {
      load_places (self, TD_LOCATION_KIND_STATE);
      load_places (self, TD_LOCATION_KIND_CITY);
      load_places (self, TD_LOCATION_KIND_ASN);
    }
  else if (kind == TD_LOCATION_KIND_STATE)
    load_places (self, TD_LOCATION_KIND_CITY);
}

static void
on_place_row_changed (TdEndpointsPage *self,
                      GtkWidget       *row)
{
  for (TdLocationKind kind = 0; kind < N_KINDS; kind++)
    if (row == row_of_kind (self, kind))
      {
        if (!self->updating)
          {
            sync_chooser (self, kind);
            places_changed (self, kind);
          }
        break;
      }

  td_endpoints_page_update_outputs (self);
}

static void
set_product_defaults (TdEndpointsPage *self)
{
  TdProxyType type = get_proxy_type (self);
  g_autofree char *host = self->account ? td_account_dup_proxy_host (self->account, type) : NULL;

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->host_entry),
                         host ? host : td_proxy_type_get_default_host (type));
  gtk_spin_button_set_value (self->port_spin, td_proxy_type_get_port (type));
  self->updating = FALSE;
}

static void
on_product_changed (TdEndpointsPage *self)
{
  if (self->account == NULL)
    return;

  set_product_defaults (self);
  load_users (self);
  load_places (self, TD_LOCATION_KIND_COUNTRY);
  places_changed (self, TD_LOCATION_KIND_COUNTRY);
  td_endpoints_page_update_outputs (self);
}

static void
on_sticky_changed (TdEndpointsPage *self)
{
  if (gtk_switch_get_active (self->sticky_switch) &&
      text_of (self->session_id_entry)[0] == '\0')
    {
      g_autofree char *id = td_gateway_generate_session_id ();

      gtk_editable_set_text (GTK_EDITABLE (self->session_id_entry), id);
    }

  td_endpoints_page_update_outputs (self);
}

/* ---- actions -------------------------------------------------------- */

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdEndpointsPage *self = TD_ENDPOINTS_PAGE (widget);
  int index = g_variant_get_int32 (parameter);

  if (index < 0 || index >= N_OUTPUTS || self->outputs[index] == NULL)
    return;

  td_clipboard_copy_secret (widget, self->outputs[index]);
}

static void
new_session_id_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  TdEndpointsPage *self = TD_ENDPOINTS_PAGE (widget);
  g_autofree char *id = td_gateway_generate_session_id ();

  gtk_switch_set_active (self->sticky_switch, TRUE);
  gtk_editable_set_text (GTK_EDITABLE (self->session_id_entry), id);
}

static char *
dup_many (TdEndpointsPage  *self,
          GError          **error)
{
  g_autoptr(TdGatewayLogin) login = td_endpoints_page_dup_login (self);
  guint format = adw_combo_row_get_selected (self->format_row);

  return td_gateway_login_format_many (login, output_formats[MIN (format, N_OUTPUTS - 1)],
                                       gtk_spin_button_get_value_as_int (self->count_spin),
                                       td_ip_check_get_url (self->ip_check), error);
}

static void
copy_many_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TdEndpointsPage *self = TD_ENDPOINTS_PAGE (widget);
  char *text = dup_many (self, NULL);

  if (text != NULL)
    td_clipboard_copy_secret (widget, text);
  td_secret_free (text);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(TdEndpointsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_autofree char *name = g_file_get_basename (G_FILE (source));

      text = g_strdup_printf (_("Saved to %s, readable by you only."), name);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    text = g_strdup_printf (_("The file could not be saved: %s"), error->message);

  if (text != NULL)
    {
      gtk_label_set_text (self->test_result, text);
      gtk_widget_set_visible (GTK_WIDGET (self->test_result), TRUE);
    }
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(TdEndpointsPage) self = user_data;
  g_autoptr(GFile) file = NULL;
  char *text;
  g_autoptr(GBytes) bytes = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);

  if (file == NULL || (text = dup_many (self, NULL)) == NULL)
    return;

  /* The file holds passwords: 0600, as everywhere else. */
  bytes = g_bytes_new_with_free_func (text, strlen (text), (GDestroyNotify) td_secret_free, text);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       self->cancellable, on_saved, g_object_ref (self));
}

static void
save_many_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TdEndpointsPage *self = TD_ENDPOINTS_PAGE (widget);
  GtkFileChooserNative *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);

  dialog = gtk_file_chooser_native_new (_("Save Endpoints"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  /* Translators: the suggested name of a saved file */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("endpoints.txt"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- TdPage --------------------------------------------------------- */

static void
page_refresh (TdPage *page)
{
  TdEndpointsPage *self = TD_ENDPOINTS_PAGE (page);

  load_users (self);
  load_places (self, TD_LOCATION_KIND_COUNTRY);
  places_changed (self, TD_LOCATION_KIND_COUNTRY);
}

static gboolean
page_cancel (TdPage *page)
{
  TdEndpointsPage *self = TD_ENDPOINTS_PAGE (page);

  if (!self->busy)
    return FALSE;

  g_cancellable_cancel (self->test_cancellable);
  return TRUE;
}

static void
page_activate_primary (TdPage *page)
{
  gtk_widget_activate_action (GTK_WIDGET (page), "endpoints.test", NULL);
}

static void
page_focus_first (TdPage *page)
{
  gtk_widget_grab_focus (GTK_WIDGET (TD_ENDPOINTS_PAGE (page)->user_entry));
}

static void
page_find (TdPage *page)
{
  gtk_widget_grab_focus (GTK_WIDGET (TD_ENDPOINTS_PAGE (page)->country_entry));
}

static void
td_endpoints_page_page_init (TdPageInterface *iface)
{
  iface->refresh = page_refresh;
  iface->cancel = page_cancel;
  iface->activate_primary = page_activate_primary;
  iface->focus_first = page_focus_first;
  iface->find = page_find;
}

/* ---- the object ----------------------------------------------------- */

void
td_endpoints_page_select_user (TdEndpointsPage *self,
                               TdProxyType      proxy_type,
                               const char      *username)
{
  g_return_if_fail (TD_IS_ENDPOINTS_PAGE (self));
  g_return_if_fail (td_proxy_type_is_valid (proxy_type));

  if (get_proxy_type (self) != proxy_type)
    adw_combo_row_set_selected (self->product_row, proxy_type - 1);

  gtk_editable_set_text (GTK_EDITABLE (self->user_entry), username ? username : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_entry), "");
  fill_password (self);
}

void
td_endpoints_page_set_ip_check_url (TdEndpointsPage *self,
                                    const char      *url)
{
  g_return_if_fail (TD_IS_ENDPOINTS_PAGE (self));

  if (g_strcmp0 (td_ip_check_get_url (self->ip_check), url) == 0)
    return;

  td_ip_check_set_url (self->ip_check, url);
  td_endpoints_page_update_outputs (self);
  g_object_notify_by_pspec (G_OBJECT (self), ip_check_url_pspec);
}

static void
td_endpoints_page_constructed (GObject *object)
{
  TdEndpointsPage *self = TD_ENDPOINTS_PAGE (object);

  G_OBJECT_CLASS (td_endpoints_page_parent_class)->constructed (object);

  if (self->account != NULL && td_account_get_client (self->account) != NULL)
    self->locations = td_locations_new (td_account_get_client (self->account), NULL);

  if (td_endpoints_page_in_sandbox (self))
    adw_preferences_group_set_description (self->test_group,
                                           _("In the sandbox, Test goes through the sandbox’s "
                                             "stand-in of the gateway, on this computer: it "
                                             "checks the login against the sandbox’s users and "
                                             "answers with a made-up exit IP, over plain HTTP. "
                                             "Nothing is sent to Thordata."));

  /* The IP-check address is a setting (a row in Preferences). */
  if (self->account != NULL && td_account_get_settings (self->account) != NULL)
    g_settings_bind (td_account_get_settings (self->account), "ip-check-url",
                     self, "ip-check-url", G_SETTINGS_BIND_GET);

  on_product_changed (self);
}

static void
td_endpoints_page_dispose (GObject *object)
{
  TdEndpointsPage *self = TD_ENDPOINTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->users_cancellable);
  g_cancellable_cancel (self->test_cancellable);
  for (guint i = 0; i < N_KINDS; i++)
    {
      g_cancellable_cancel (self->kind_cancellable[i]);
      g_clear_object (&self->kind_cancellable[i]);
      g_clear_pointer (&self->places[i], g_ptr_array_unref);
    }
  g_clear_object (&self->users_cancellable);
  g_clear_object (&self->test_cancellable);
  g_clear_object (&self->users);
  g_clear_object (&self->locations);
  clear_outputs (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_ENDPOINTS_PAGE);

  G_OBJECT_CLASS (td_endpoints_page_parent_class)->dispose (object);
}

static void
td_endpoints_page_finalize (GObject *object)
{
  TdEndpointsPage *self = TD_ENDPOINTS_PAGE (object);

  g_clear_object (&self->account);
  g_clear_object (&self->ip_check);
  g_clear_object (&self->sandbox_check);
  g_clear_object (&self->cancellable);
  g_free (self->pending_user);

  G_OBJECT_CLASS (td_endpoints_page_parent_class)->finalize (object);
}

static void
td_endpoints_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TdEndpointsPage *self = TD_ENDPOINTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_IP_CHECK_URL:
      g_value_set_string (value, td_ip_check_get_url (self->ip_check));
      break;
    case PROP_REVEAL_PASSWORDS:
      g_value_set_boolean (value, self->reveal_passwords);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_endpoints_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TdEndpointsPage *self = TD_ENDPOINTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;
    case PROP_IP_CHECK_URL:
      td_endpoints_page_set_ip_check_url (self, g_value_get_string (value));
      break;
    case PROP_REVEAL_PASSWORDS:
      if (self->reveal_passwords != g_value_get_boolean (value))
        {
          self->reveal_passwords = g_value_get_boolean (value);
          td_endpoints_page_update_outputs (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_endpoints_page_class_init (TdEndpointsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = td_endpoints_page_constructed;
  object_class->dispose = td_endpoints_page_dispose;
  object_class->finalize = td_endpoints_page_finalize;
  object_class->get_property = td_endpoints_page_get_property;
  object_class->set_property = td_endpoints_page_set_property;

  ip_check_url_pspec =
    g_param_spec_string ("ip-check-url", NULL, NULL,
                         TD_IP_CHECK_DEFAULT_URL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, PROP_IP_CHECK_URL, ip_check_url_pspec);
  g_object_class_override_property (object_class, PROP_ACCOUNT, "account");
  g_object_class_override_property (object_class, PROP_BUSY, "busy");
  /* The outputs show passwords (not what Copy copies): off by default. */
  g_object_class_install_property (object_class, PROP_REVEAL_PASSWORDS,
                                   g_param_spec_boolean ("reveal-passwords", NULL, NULL, FALSE,
                                                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                         G_PARAM_STATIC_STRINGS));

  g_type_ensure (TD_TYPE_BUSY_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/thordesk/Thordesk/td-endpoints-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, TdEndpointsPage, name)
  BIND (product_row);
  BIND (user_entry);
  BIND (user_chooser);
  BIND (password_entry);
  BIND (peek_button);
  BIND (protocol_row);
  BIND (host_entry);
  BIND (port_spin);
  BIND (login_error_row);
  BIND (login_error);
  BIND (caveat_label);
  BIND (continent_row);
  BIND (country_entry);
  BIND (state_entry);
  BIND (city_entry);
  BIND (asn_entry);
  BIND (country_chooser);
  BIND (state_chooser);
  BIND (city_chooser);
  BIND (asn_chooser);
  BIND (targeting_error_row);
  BIND (targeting_error);
  BIND (locations_status);
  BIND (sticky_switch);
  BIND (session_id_entry);
  BIND (minutes_spin);
  BIND (session_error_row);
  BIND (session_error);
  BIND (url_row);
  BIND (colon_row);
  BIND (at_row);
  BIND (curl_row);
  BIND (count_spin);
  BIND (format_row);
  BIND (test_button);
  BIND (copy_all_button);
  BIND (save_button);
  BIND (test_group);
  BIND (stop_button);
  BIND (busy_indicator);
  BIND (test_result);
#undef BIND

  gtk_widget_class_bind_template_callback (widget_class, on_field_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_user_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_product_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sticky_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_chooser_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_place_row_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_peek_clicked);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_entry_mnemonic_activate",
                                                G_CALLBACK (td_accessible_focus_without_selecting));

  gtk_widget_class_install_action (widget_class, "endpoints.copy", "i", copy_action);
  gtk_widget_class_install_property_action (widget_class, "endpoints.reveal-passwords",
                                            "reveal-passwords");
  gtk_widget_class_install_action (widget_class, "endpoints.new-session-id", NULL, new_session_id_action);
  gtk_widget_class_install_action (widget_class, "endpoints.copy-many", NULL, copy_many_action);
  gtk_widget_class_install_action (widget_class, "endpoints.save-many", NULL, save_many_action);
  gtk_widget_class_install_action (widget_class, "endpoints.test", NULL,
                                   td_endpoints_page_test_action);
  gtk_widget_class_install_action (widget_class, "endpoints.stop-test", NULL,
                                   td_endpoints_page_stop_test_action);
}

static void
td_endpoints_page_init (TdEndpointsPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->ip_check = td_ip_check_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "endpoints.stop-test", FALSE);

  /* Its characters never reach assistive technology: only its length. */
  td_accessible_guard_secret (self->password_entry);

  /* Heard by their accessible labels, which say more than they show. */
  td_accessible_keep_button_label (GTK_BUTTON (self->test_button));
  td_accessible_keep_button_label (GTK_BUTTON (self->stop_button));
  td_accessible_keep_button_label (GTK_BUTTON (self->copy_all_button));
  td_accessible_keep_button_label (GTK_BUTTON (self->save_button));

  shorten_choice (self->user_chooser);
  shorten_choice (self->country_chooser);
  shorten_choice (self->state_chooser);
  shorten_choice (self->city_chooser);
  shorten_choice (self->asn_chooser);

  /* The parts GTK and libadwaita leave unnamed: the lists of the choice
   * rows and drop-downs, and the password's peek button. */
  td_accessible_name_choice_parts (GTK_WIDGET (self->product_row), _("Product"));
  td_accessible_name_choice_parts (GTK_WIDGET (self->protocol_row), _("Protocol"));
  td_accessible_name_choice_parts (GTK_WIDGET (self->continent_row), _("Continent"));
  td_accessible_name_choice_parts (GTK_WIDGET (self->format_row), _("Format"));
  td_accessible_name_choice_parts (GTK_WIDGET (self->user_chooser),
                                   _("Choose a proxy user from the list"));
  td_accessible_name_choice_parts (GTK_WIDGET (self->country_chooser),
                                   _("Choose a country from the list"));
  td_accessible_name_choice_parts (GTK_WIDGET (self->state_chooser),
                                   _("Choose a state from the list"));
  td_accessible_name_choice_parts (GTK_WIDGET (self->city_chooser),
                                   _("Choose a city from the list"));
  td_accessible_name_choice_parts (GTK_WIDGET (self->asn_chooser),
                                   _("Choose an ASN from the list"));
}

GtkWidget *
td_endpoints_page_new (TdAccount *account)
{
  g_return_val_if_fail (account == NULL || TD_IS_ACCOUNT (account), NULL);

  return g_object_new (TD_TYPE_ENDPOINTS_PAGE, "account", account, NULL);
}

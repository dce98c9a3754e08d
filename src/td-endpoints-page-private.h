/* td-endpoints-page-private.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-busy-indicator.h"
#include "td-endpoints-page.h"
#include "td-ip-check.h"
#include "td-locations.h"

G_BEGIN_DECLS

/* What the page's two files share: td-endpoints-page.c (the generator)
 * and td-endpoints-page-test.c (the live test). */

enum { OUT_URL, OUT_COLON, OUT_AT, OUT_CURL, N_OUTPUTS };

static const TdGatewayFormat output_formats[N_OUTPUTS] = {
  TD_GATEWAY_FORMAT_URL,
  TD_GATEWAY_FORMAT_HOST_PORT_USER_PASS,
  TD_GATEWAY_FORMAT_USER_PASS_HOST_PORT,
  TD_GATEWAY_FORMAT_CURL,
};

#define N_KINDS (TD_LOCATION_KIND_ASN + 1)

struct _TdEndpointsPage
{
  AdwBin           parent_instance;

  TdAccount       *account;
  TdLocations     *locations;
  TdIpCheck       *ip_check;
  TdIpCheck       *sandbox_check;    /* through the sandbox's stand-in */
  GCancellable    *cancellable;      /* everything: cancelled in dispose */
  GCancellable    *users_cancellable;
  GCancellable    *kind_cancellable[N_KINDS];
  GCancellable    *test_cancellable;
  GListStore      *users;            /* TdProxyUser of the product */
  GPtrArray       *places[N_KINDS];  /* TdLocation, as in the choosers */
  char            *pending_user;     /* whose password to fill in */
  char            *outputs[N_OUTPUTS];
  gboolean         updating;         /* the page writes its own fields */
  gboolean         busy;
  gboolean         reveal_passwords; /* in the outputs shown */

  AdwComboRow     *product_row;
  GtkWidget       *user_entry;
  GtkDropDown     *user_chooser;
  GtkWidget       *password_entry;
  GtkWidget       *peek_button;
  AdwComboRow     *protocol_row;
  GtkWidget       *host_entry;
  GtkSpinButton   *port_spin;
  GtkWidget       *login_error_row;
  GtkLabel        *login_error;
  GtkLabel        *caveat_label;
  AdwComboRow     *continent_row;
  GtkWidget       *country_entry;
  GtkWidget       *state_entry;
  GtkWidget       *city_entry;
  GtkWidget       *asn_entry;
  GtkDropDown     *country_chooser;
  GtkDropDown     *state_chooser;
  GtkDropDown     *city_chooser;
  GtkDropDown     *asn_chooser;
  GtkWidget       *targeting_error_row;
  GtkLabel        *targeting_error;
  GtkLabel        *locations_status;
  GtkSwitch       *sticky_switch;
  GtkWidget       *session_id_entry;
  GtkSpinButton   *minutes_spin;
  GtkWidget       *session_error_row;
  GtkLabel        *session_error;
  AdwActionRow    *url_row;
  AdwActionRow    *colon_row;
  AdwActionRow    *at_row;
  AdwActionRow    *curl_row;
  GtkSpinButton   *count_spin;
  AdwComboRow     *format_row;
  GtkWidget       *test_button;
  GtkWidget       *copy_all_button;
  GtkWidget       *save_button;
  AdwPreferencesGroup *test_group;
  GtkWidget       *stop_button;
  TdBusyIndicator *busy_indicator;
  GtkLabel        *test_result;
};

void     td_endpoints_page_update_outputs   (TdEndpointsPage *self);

/* td-endpoints-page-test.c */
gboolean td_endpoints_page_in_sandbox       (TdEndpointsPage *self);
/* FALSE in the sandbox when its stand-in gateway is not running. */
gboolean td_endpoints_page_can_test         (TdEndpointsPage *self);
void     td_endpoints_page_test_action      (GtkWidget       *widget,
                                             const char      *action_name,
                                             GVariant        *parameter);
void     td_endpoints_page_stop_test_action (GtkWidget       *widget,
                                             const char      *action_name,
                                             GVariant        *parameter);

G_END_DECLS

/* td-account-page-private.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-account-page.h"
#include "td-busy-indicator.h"
#include "td-usage-chart.h"

G_BEGIN_DECLS

/* Shared by td-account-page.c (balance, usage, whitelist, the page) and
 * td-account-page-accounts.c (the Accounts group). */
struct _TdAccountPage
{
  AdwBin           parent_instance;

  /* Template widgets */
  TdBusyIndicator *busy_indicator;
  AdwActionRow    *traffic_row;
  AdwActionRow    *expiration_row;
  GtkImage        *expiration_icon;
  AdwActionRow    *wallet_row;
  GtkLabel        *balance_error;
  GtkToggleButton *days_7_button;
  GtkToggleButton *days_30_button;
  GtkToggleButton *days_90_button;
  TdUsageChart    *chart;
  GtkLabel        *usage_label;
  AdwComboRow     *type_row;
  GtkListBox      *whitelist_list;
  GtkLabel        *quota_label;
  AdwActionRow    *address_row;
  GtkWidget       *address_entry;
  GtkButton       *add_button;
  GtkWidget       *address_message_row;
  GtkLabel        *address_message;
  GtkButton       *add_this_button;
  GtkLabel        *whitelist_error;
  AdwPreferencesGroup *accounts_group;
  GtkListBox      *accounts_list;
  AdwActionRow    *account_name_row;
  GtkWidget       *account_name_entry;
  AdwActionRow    *account_token_row;
  GtkWidget       *account_token_entry;
  GtkWidget       *account_token_peek;
  AdwActionRow    *account_key_row;
  GtkWidget       *account_key_entry;
  GtkWidget       *account_key_peek;
  GtkWidget       *account_message_row;
  GtkLabel        *account_message;
  GtkButton       *add_account_button;

  TdAccount       *account;
  char            *ip_check_url;
  GCancellable    *cancellable;
  GCancellable    *usage_cancellable;
  GCancellable    *whitelist_cancellable;
  GListStore      *entries;
  gint64           limit;
  gint64           remaining;
  guint            n_pending;
  /* An address Thordata refused as JSON (code 10000): added again as
   * form fields when the admin asks. */
  char            *form_fields_address;
  TdProxyType      form_fields_type;
  guint            loaded : 1;
};

/* The page and a text (an address, an account id) for a callback. */
typedef struct
{
  TdAccountPage *self;
  char          *text;
} ItemData;

void _td_account_page_item_data_free          (ItemData          *data);
/* A GClosureNotify freeing an ItemData. */
void _td_account_page_item_data_notify        (gpointer           data,
                                               GClosure          *closure);
/* Asks before @response does anything: "Cancel" is the default and what
 * Escape answers.  @callback gets @data, freed by @notify with the dialog. */
void _td_account_page_confirm                 (TdAccountPage        *self,
                                               const char           *heading,
                                               const char           *body,
                                               const char           *response,
                                               const char           *response_label,
                                               AdwResponseAppearance appearance,
                                               GCallback             callback,
                                               gpointer              data,
                                               GClosureNotify        notify);

/* One more (+1) or one fewer (-1) read in flight: the page is busy while
 * any is. */
void _td_account_page_set_pending             (TdAccountPage     *self,
                                               int                delta);
/* A row title shown as text (titles are markup in libadwaita 1.2). */
void _td_account_page_set_row_title           (AdwPreferencesRow *row,
                                               const char        *text);

void _td_account_page_rebuild_accounts        (TdAccountPage     *self);
void _td_account_page_on_account_form_changed (TdAccountPage     *self);
void _td_account_page_on_add_account_clicked  (TdAccountPage     *self);
void _td_account_page_on_account_peek_clicked (TdAccountPage     *self,
                                               GtkButton         *button);
/* Reached by its mnemonic, a field takes the focus without selecting its
 * text, so that a screen reader says its name and value (see
 * td-user-form.c). */
G_END_DECLS

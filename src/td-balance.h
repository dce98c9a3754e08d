/* td-balance.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "td-types.h"
#include "td-usage.h"

G_BEGIN_DECLS

/* The account page warns from this many days before the expiration. */
#define TD_BALANCE_WARNING_DAYS 7

/* Units.  The sources disagree (see shared/api/thordata-more-endpoints.md
 * §2): the provider's docs give `traffic_balance` of
 * /account/traffic-balance in MB, the newer SDK spec in KB.  Thordesk
 * follows the docs, the authoritative source, and their own examples
 * agree: the traffic-balance example says 10000 while the
 * usage-statistics example, whose amounts every source gives in KB, says
 * 10000000 for the same balance (10000 MB is 10240000 KB).  So the
 * traffic balance is read as MB and the account usage statistics as KB
 * (TdUsage), and the page says which unit it shows. */

typedef struct
{
  /* Remaining traffic in MB; -1 when the answer did not carry it. */
  double   traffic_mb;
  /* The package's last day; valid only when has_expiration is TRUE. */
  gboolean has_expiration;
  GDate    expiration;
} TdTrafficBalance;

TdTrafficBalance *td_traffic_balance_new       (void);
void              td_traffic_balance_free      (TdTrafficBalance  *balance);

/* Reads the envelope's `data` of GET /account/traffic-balance
 * ({"expiration_time":"2025-03-26","traffic_balance":10000}).  Numbers as
 * JSON numbers or decimal strings; the date as yyyy-mm-dd, also with a
 * time part, or empty/null for none.  Untrusted: wrong shapes give a
 * TD_API_ERROR_INVALID_RESPONSE, never a crash. */
TdTrafficBalance *td_traffic_balance_parse     (JsonNode          *data,
                                                GError           **error);

/* Days from @today to the expiration (0 on its last day, negative once
 * expired); G_MININT when there is no expiration date. */
int               td_traffic_balance_days_left (const TdTrafficBalance *balance,
                                                const GDate            *today);
/* TRUE from TD_BALANCE_WARNING_DAYS days before the expiration on,
 * expired included. */
gboolean          td_traffic_balance_is_expiring (const TdTrafficBalance *balance,
                                                  const GDate            *today);

/* Reads the envelope's `data` of GET /account/wallet-balance.  The docs
 * name the member `wallet_balance`, the SDKs and the newer spec `balance`
 * (in USD): both are read, `wallet_balance` first. */
gboolean          td_wallet_balance_parse      (JsonNode          *data,
                                                double            *out_balance,
                                                GError           **error);

/* "12.50": a wallet amount in the locale's format (the currency is not in
 * the answer; the spec says USD). */
char             *td_format_wallet             (double             amount);

/* GET /account/traffic-balance. */
void              td_balance_get_traffic_async  (TdApiClient        *client,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
TdTrafficBalance *td_balance_get_traffic_finish (TdApiClient        *client,
                                                 GAsyncResult       *result,
                                                 GError            **error);

/* GET /account/wallet-balance. */
void              td_balance_get_wallet_async   (TdApiClient        *client,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
gboolean          td_balance_get_wallet_finish  (TdApiClient        *client,
                                                 GAsyncResult       *result,
                                                 double             *out_balance,
                                                 GError            **error);

/* GET /account/usage-statistics for @from..@to (inclusive, at most 180
 * days), amounts in KB. */
void              td_balance_get_usage_async    (TdApiClient        *client,
                                                 const GDate        *from,
                                                 const GDate        *to,
                                                 GCancellable       *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer            user_data);
TdUsage          *td_balance_get_usage_finish   (TdApiClient        *client,
                                                 GAsyncResult       *result,
                                                 GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdTrafficBalance, td_traffic_balance_free)

G_END_DECLS

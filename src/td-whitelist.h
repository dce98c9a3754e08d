/* td-whitelist.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "td-proxy-user.h"
#include "td-types.h"

G_BEGIN_DECLS

/* The whitelist's `proxy_type` values differ from the proxy users'
 * (shared/api/thordata-more-endpoints.md §1 and §6): Mobile is 9 there
 * and 3 for users.  One table in td-whitelist.c maps them. */

/* The `proxy_type` the whitelist endpoints take for @proxy_type, or 0
 * when the type has no whitelist value. */
int          td_whitelist_type_from_proxy_type (TdProxyType  proxy_type);
/* The proxy-user type of a whitelist `proxy_type` value; FALSE when the
 * value is unknown. */
gboolean     td_whitelist_type_to_proxy_type   (int          whitelist_type,
                                                TdProxyType *out_proxy_type);

/* How far what is typed is from a whitelist address. */
typedef enum
{
  TD_ADDRESS_CHECK_EMPTY,      /* nothing typed */
  TD_ADDRESS_CHECK_INCOMPLETE, /* could still become an address ("192.168.") */
  TD_ADDRESS_CHECK_VALID,      /* a public IPv4 address */
  TD_ADDRESS_CHECK_INVALID,    /* never one: *out_message says why */
} TdAddressCheck;

/* Checks @text as the admin types it (surrounding white space ignored).
 * A valid address is written back to @out_address in its canonical form;
 * an invalid one gets a translated sentence in @out_message: IPv6 and
 * ranges are refused with the documented reason (Thordata supports IPv4
 * only; the whitelist takes one address per request), and addresses that
 * can never be a computer's public address (private, loopback,
 * link-local, multicast, reserved) are refused too.  Both out
 * parameters may be NULL. */
TdAddressCheck td_whitelist_check_address     (const char  *text,
                                               char       **out_address,
                                               char       **out_message);

#define TD_TYPE_WHITELIST_ENTRY (td_whitelist_entry_get_type ())

G_DECLARE_FINAL_TYPE (TdWhitelistEntry, td_whitelist_entry, TD, WHITELIST_ENTRY, GObject)

/* One address of the whitelist.  Read-only properties "address"
 * (string), "created-time" (string as the server sent it, or NULL) and
 * "enabled" (boolean). */
TdWhitelistEntry *td_whitelist_entry_new              (const char       *address,
                                                       const char       *created_time,
                                                       gboolean          enabled);
const char       *td_whitelist_entry_get_address      (TdWhitelistEntry *self);
const char       *td_whitelist_entry_get_created_time (TdWhitelistEntry *self);
gboolean          td_whitelist_entry_get_enabled      (TdWhitelistEntry *self);

/* The answer of GET /whitelisted-ips/ip-list. */
typedef struct
{
  /* Quota, in addresses; -1 when the answer did not carry it. */
  gint64      ip_count;
  gint64      limit;
  gint64      remaining_limit;
  /* TdWhitelistEntry items in the server's order. */
  GListStore *entries;
} TdWhitelist;

TdWhitelist *td_whitelist_new   (void);
void         td_whitelist_free  (TdWhitelist  *whitelist);

/* Reads the envelope's `data` of an ip-list answer.  The documented
 * shape is an object {ip_count, limit, remaining_limit, lists:[{ip,
 * created_time, status}]}; the SDKs expect a bare array of strings or of
 * {ip} objects, which is read too (also `list` or `data` for `lists`).
 * Untrusted: wrong shapes give TD_API_ERROR_INVALID_RESPONSE, never a
 * crash; an entry whose address is not an IPv4 or IPv6 address text is
 * refused. */
TdWhitelist *td_whitelist_parse (JsonNode     *data,
                                 GError      **error);

/* The number of addresses: `ip_count` when sent, else the entries. */
guint        td_whitelist_get_count (const TdWhitelist *whitelist);

/* GET /whitelisted-ips/ip-list for @proxy_type. */
void         td_whitelist_list_async    (TdApiClient        *client,
                                         TdProxyType         proxy_type,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
TdWhitelist *td_whitelist_list_finish   (TdApiClient        *client,
                                         GAsyncResult       *result,
                                         GError            **error);

/* POST /whitelisted-ips/add-ip with `proxy_type`, `ip` and `status`
 * ("true"/"false").  @address must pass td_whitelist_check_address(). */
void         td_whitelist_add_async     (TdApiClient        *client,
                                         TdProxyType         proxy_type,
                                         const char         *address,
                                         gboolean            enabled,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean     td_whitelist_add_finish    (TdApiClient        *client,
                                         GAsyncResult       *result,
                                         GError            **error);

/* POST /whitelisted-ips/delete-ip with `proxy_type` and `ip`. */
void         td_whitelist_delete_async  (TdApiClient        *client,
                                         TdProxyType         proxy_type,
                                         const char         *address,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean     td_whitelist_delete_finish (TdApiClient        *client,
                                         GAsyncResult       *result,
                                         GError            **error);

/* Reads this computer's public address from the answer of an IP-check
 * service: JSON with `ip`, `origin` or `query` (the first of a
 * comma-separated list), or plain text that is only the address.  NULL
 * when none is found. */
char        *td_whitelist_parse_ip_check (const char *body,
                                          gsize       length);

/* The IP-check service asked for this computer's public address. */
#define TD_DEFAULT_IP_CHECK_URL "https://ipinfo.thordata.com"

/* GET @url directly (never through a proxy, the system's included: the
 * whitelist needs the address Thordata sees when Thordesk's computer
 * connects without one) and reads the address with
 * td_whitelist_parse_ip_check().  Nothing is sent but the request. */
void         td_whitelist_find_public_address_async  (const char         *url,
                                                      GCancellable       *cancellable,
                                                      GAsyncReadyCallback callback,
                                                      gpointer            user_data);
char        *td_whitelist_find_public_address_finish (GAsyncResult       *result,
                                                      GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdWhitelist, td_whitelist_free)

G_END_DECLS

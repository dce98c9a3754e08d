/* td-ip-check.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "td-gateway-login.h"

G_BEGIN_DECLS

/* The live test of an endpoint: one GET of the IP-check address through
 * the gateway, with the generated login, on a session of its own whose
 * only proxy is that gateway (never the system proxy, never the account
 * token).  The proxy password lives in memory only. */

#define TD_IP_CHECK_TIMEOUT_SECONDS 20

#define TD_IP_CHECK_ERROR (td_ip_check_error_quark ())

typedef enum
{
  TD_IP_CHECK_ERROR_LOGIN,          /* 407: wrong login, user disabled or out of traffic */
  TD_IP_CHECK_ERROR_GATEWAY,        /* the gateway's X-thor-error-code */
  TD_IP_CHECK_ERROR_PROXY_FAILED,   /* the gateway refused to connect to the target */
  TD_IP_CHECK_ERROR_REFUSED,        /* nothing listens at the gateway's host and port */
  TD_IP_CHECK_ERROR_HOST_NOT_FOUND, /* DNS */
  TD_IP_CHECK_ERROR_TLS,
  TD_IP_CHECK_ERROR_TIMEOUT,
  TD_IP_CHECK_ERROR_NOT_JSON,       /* an answer, but not one we can read */
  TD_IP_CHECK_ERROR_HTTP,           /* another HTTP status */
  TD_IP_CHECK_ERROR_INVALID,        /* the login itself is not valid */
  TD_IP_CHECK_ERROR_NETWORK,        /* anything else on the way */
} TdIpCheckError;

GQuark td_ip_check_error_quark (void);

/* What the IP check answered.  The field names are not documented for
 * ipinfo.thordata.com (§5 of the API notes); we read the usual ones:
 * ip/origin/query, country/country_code/countryCode, region/regionName/
 * state, city, org/asn/isp. */
typedef struct
{
  char   *ip;
  char   *country;
  char   *region;
  char   *city;
  char   *organization;
  double  seconds;      /* how long the request took */
} TdIpCheckResult;

#define TD_TYPE_IP_CHECK_RESULT (td_ip_check_result_get_type ())
GType            td_ip_check_result_get_type (void) G_GNUC_CONST;
TdIpCheckResult *td_ip_check_result_copy (const TdIpCheckResult *self);
void             td_ip_check_result_free (TdIpCheckResult       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdIpCheckResult, td_ip_check_result_free)

/* The fields read from a body (exposed for tests); NULL when it is
 * neither a JSON object with an IP nor a bare IP address. */
TdIpCheckResult *td_ip_check_parse (const char *body,
                                    gsize       length);

/* The check of an IP-check address (the "ip-check-url" setting) before
 * it is saved.  Not the API address's rules (td-api-address.h): no token
 * ever goes there, so plain http:// is allowed for any host (the test
 * then sends the gateway login in the clear to the gateway, as an HTTP
 * proxy always does; the answer is not protected), and a query is kept.
 * Refused: an empty address, whitespace, a control or non-ASCII
 * character, a scheme other than http:// or https://, no host, and user
 * information ("@"), which would be a login kept in the settings.  FALSE
 * with a translated TD_IP_CHECK_ERROR_INVALID that says why. */
gboolean         td_ip_check_address_check (const char  *url,
                                            GError     **error);

#define TD_TYPE_IP_CHECK (td_ip_check_get_type ())

G_DECLARE_FINAL_TYPE (TdIpCheck, td_ip_check, TD, IP_CHECK, GObject)

/* Properties: "url" (the IP-check address, default
 * TD_IP_CHECK_DEFAULT_URL), "timeout" (seconds, default
 * TD_IP_CHECK_TIMEOUT_SECONDS), "tls-database" (GTlsDatabase to verify
 * the IP-check address with; NULL: the system's). */
TdIpCheck       *td_ip_check_new        (void);
const char      *td_ip_check_get_url    (TdIpCheck    *self);
void             td_ip_check_set_url    (TdIpCheck    *self,
                                         const char   *url);
void             td_ip_check_set_timeout (TdIpCheck   *self,
                                          guint        seconds);

void             td_ip_check_run_async  (TdIpCheck            *self,
                                         const TdGatewayLogin *login,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
TdIpCheckResult *td_ip_check_run_finish (TdIpCheck            *self,
                                         GAsyncResult         *result,
                                         GError              **error);

/* The translated meaning of a gateway error code ("client_101", ...), or
 * NULL for codes not in the documented table. */
const char      *td_ip_check_lookup_gateway_error (const char *code);

G_END_DECLS

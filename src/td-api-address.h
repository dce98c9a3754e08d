/* td-api-address.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The host of Thordata's own API, the one every other host is compared
 * with when Thordesk says where the token goes. */
#define TD_API_OFFICIAL_HOST "openapi.thordata.com"

/* The one check of an API base address, used by the "api-base-url"
 * setting, by --api-url and by the client before every request.  An
 * address passes when it is an absolute https:// URL (http:// only for a
 * loopback host: 127.0.0.0/8, ::1, localhost) whose host is plain ASCII
 * letters, digits, dots and hyphens (or an IP address), with no user
 * information ("@"), no whitespace or control character, no trailing dot
 * in the host, no punycode ("xn--") label, none of the characters RFC 3986
 * leaves out of URIs (< > " { } | ^ `), and no query or fragment.
 *
 * On success @out_host (when not NULL) receives the host that will really
 * be contacted, in lower case.  Otherwise a TD_API_ERROR_INVALID_URL
 * whose translated message says what is wrong, without repeating the
 * address (it may be shown where markup is parsed). */
gboolean td_api_address_check        (const char  *url,
                                      char       **out_host,
                                      GError     **error);

/* What a window banner says about @url: that nothing is sent (refused),
 * or that the token goes to a host that is not TD_API_OFFICIAL_HOST; NULL
 * when it goes to Thordata's own.  Plain text, translated; free with
 * g_free(). */
char    *td_api_address_dup_warning  (const char  *url);

/* TRUE when @host is TD_API_OFFICIAL_HOST (ASCII case ignored). */
gboolean td_api_address_is_official  (const char  *host);

/* TRUE for a loopback host: localhost, 127.0.0.0/8 or ::1. */
gboolean td_api_address_is_loopback  (const char  *host);

G_END_DECLS

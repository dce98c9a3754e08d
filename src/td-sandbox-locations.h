/* td-sandbox-locations.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Adds the sandbox's Locations API to @server: GET
 * /api/locations/countries, /states, /cities and /asn, answered from a
 * small fixed set (five countries, each with states, their cities and a
 * few ASNs) in the shapes the API notes give: `country_code` and
 * `country_name`; `state_code` and `state_name`; `city_name` only; and
 * `country_code`, `asn_code`, `asn_name`.  `proxy_type` (1, 2 or 3) is
 * required, and `country_code` for the last three (10000 without); an
 * unknown country answers an empty list; `state_code` narrows cities.
 *
 * @token and @key as in td_sandbox_account_api_attach(): read at each
 * request, they must outlive @server. */
void td_sandbox_locations_attach (SoupServer  *server,
                                  char *const *token,
                                  char *const *key);

G_END_DECLS

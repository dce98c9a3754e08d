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

/* Where the sandbox's stand-in gateway (td-sandbox-gateway.c) places an
 * exit: the names of the matched place, static strings. */
typedef struct
{
  const char *country_code;  /* upper case, "US" */
  const char *state_name;    /* NULL when no state was asked and the city has none */
  const char *city_name;     /* NULL when no city was asked */
  const char *asn;           /* "AS7922", NULL when no ASN was asked */
  const char *asn_name;      /* its network's name */
} TdSandboxPlace;

typedef enum
{
  TD_SANDBOX_PLACE_FOUND,
  TD_SANDBOX_PLACE_UNKNOWN_COUNTRY,  /* not one of the sandbox's countries */
  TD_SANDBOX_PLACE_MISMATCH,         /* a state, city or ASN not in that country */
} TdSandboxPlaceMatch;

/* Matches the targeting of a gateway login (values as the login writes
 * them: country lower case, state code, city lower case with '_', ASN
 * "AS…"; NULL when not set) against the sandbox's locations.  Without a
 * country, the country is the sandbox's @any_index-th (modulo their
 * number). */
TdSandboxPlaceMatch td_sandbox_locations_match (const char     *country,
                                                const char     *state,
                                                const char     *city,
                                                const char     *asn,
                                                guint           any_index,
                                                TdSandboxPlace *out_place);

G_END_DECLS

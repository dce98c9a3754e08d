/* td-locations.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "td-api-client.h"
#include "td-proxy-user.h"

G_BEGIN_DECLS

/* The Locations API (GET /locations/countries, /states, /cities, /asn;
 * ../shared/api/thordata-more-endpoints.md §3) with a cache on disk.
 *
 * Answers are kept for TD_LOCATIONS_MAX_AGE_SECONDS in
 * <cache-dir>/locations-<server>-<type>-<kind>[-<country>[-<state>]].json
 * (cache-dir defaults to g_get_user_cache_dir()/thordesk).  They are not
 * secret.  Files are read and written in a worker thread, never on the
 * main loop.  When the server cannot be reached, an expired answer is
 * used if there is one. */

#define TD_LOCATIONS_MAX_AGE_SECONDS (24 * 60 * 60)

typedef enum
{
  TD_LOCATION_KIND_COUNTRY,
  TD_LOCATION_KIND_STATE,
  TD_LOCATION_KIND_CITY,
  TD_LOCATION_KIND_ASN,
} TdLocationKind;

#define TD_LOCATIONS_ERROR (td_locations_error_quark ())

typedef enum
{
  TD_LOCATIONS_ERROR_INVALID_RESPONSE, /* `data` is not a list of places */
  TD_LOCATIONS_ERROR_NEEDS_COUNTRY,    /* states, cities and ASNs need a country */
} TdLocationsError;

GQuark td_locations_error_quark (void);

/* One place: the code that goes into the gateway login (lower-case
 * country code, state and city as written in the login, "AS…") and the
 * name to show. */
typedef struct
{
  char *code;
  char *name;
} TdLocation;

#define TD_TYPE_LOCATION (td_location_get_type ())
GType       td_location_get_type (void) G_GNUC_CONST;
TdLocation *td_location_new      (const char       *code,
                                  const char       *name);
TdLocation *td_location_copy     (const TdLocation *self);
void        td_location_free     (TdLocation       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdLocation, td_location_free)

#define TD_TYPE_LOCATIONS (td_locations_get_type ())

G_DECLARE_FINAL_TYPE (TdLocations, td_locations, TD, LOCATIONS, GObject)

/* Properties: "client" (TdApiClient, construct-only), "cache-dir"
 * (string, construct-only; NULL: the default), "max-age" (uint,
 * seconds). */
TdLocations *td_locations_new         (TdApiClient     *client,
                                       const char      *cache_dir);
const char  *td_locations_get_cache_dir (TdLocations   *self);
void         td_locations_set_max_age (TdLocations     *self,
                                       guint            seconds);

/* The places of @kind for @proxy_type; @country_code is needed for
 * states, cities and ASNs, @state_code (optional) narrows cities.  The
 * result is a GPtrArray of TdLocation, sorted by name, possibly empty.
 * @from_cache tells whether it came from the disk (fresh, or expired
 * after the server failed). */
void         td_locations_list_async  (TdLocations     *self,
                                       TdLocationKind   kind,
                                       TdProxyType      proxy_type,
                                       const char      *country_code,
                                       const char      *state_code,
                                       GCancellable    *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer         user_data);
GPtrArray   *td_locations_list_finish (TdLocations     *self,
                                       GAsyncResult    *result,
                                       gboolean        *from_cache,
                                       GError         **error);

/* Parses the `data` node of a Locations answer (exposed for tests).  Items
 * without a usable code are skipped; NULL with
 * TD_LOCATIONS_ERROR_INVALID_RESPONSE when @data is not a list. */
GPtrArray   *td_locations_parse       (TdLocationKind   kind,
                                       JsonNode        *data,
                                       GError         **error);

/* The country's name in the user's language from iso-codes when the
 * system has it, else @fallback.  Reads a file the first time: call it
 * from a worker thread (td_locations_list_async does). */
char        *td_locations_dup_country_name (const char *code,
                                            const char *fallback);

G_END_DECLS

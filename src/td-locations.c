/* td-locations.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "td-gateway-login.h"
#include "td-locations.h"

#define ISO_3166_JSON "/usr/share/iso-codes/json/iso_3166-1.json"

struct _TdLocations
{
  GObject      parent_instance;

  TdApiClient *client;
  char        *cache_dir;
  guint        max_age;
};

G_DEFINE_FINAL_TYPE (TdLocations, td_locations, G_TYPE_OBJECT)

G_DEFINE_QUARK (td-locations-error-quark, td_locations_error)

G_DEFINE_BOXED_TYPE (TdLocation, td_location, td_location_copy, td_location_free)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CACHE_DIR,
  PROP_MAX_AGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

TdLocation *
td_location_new (const char *code,
                 const char *name)
{
  TdLocation *self = g_new0 (TdLocation, 1);

  self->code = g_strdup (code);
  self->name = g_strdup (name != NULL && name[0] != '\0' ? name : code);

  return self;
}

TdLocation *
td_location_copy (const TdLocation *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return td_location_new (self->code, self->name);
}

void
td_location_free (TdLocation *self)
{
  if (self == NULL)
    return;

  g_free (self->code);
  g_free (self->name);
  g_free (self);
}

/* ---- parsing -------------------------------------------------------- */

static const char *
kind_prefix (TdLocationKind kind)
{
  switch (kind)
    {
    case TD_LOCATION_KIND_COUNTRY: return "country";
    case TD_LOCATION_KIND_STATE:   return "state";
    case TD_LOCATION_KIND_CITY:    return "city";
    case TD_LOCATION_KIND_ASN:     return "asn";
    default: g_return_val_if_reached ("country");
    }
}

static const char *
kind_path (TdLocationKind kind)
{
  switch (kind)
    {
    case TD_LOCATION_KIND_COUNTRY: return "/locations/countries";
    case TD_LOCATION_KIND_STATE:   return "/locations/states";
    case TD_LOCATION_KIND_CITY:    return "/locations/cities";
    case TD_LOCATION_KIND_ASN:     return "/locations/asn";
    default: g_return_val_if_reached (NULL);
    }
}

static TdGatewayField
kind_field (TdLocationKind kind)
{
  switch (kind)
    {
    case TD_LOCATION_KIND_COUNTRY: return TD_GATEWAY_FIELD_COUNTRY;
    case TD_LOCATION_KIND_STATE:   return TD_GATEWAY_FIELD_STATE;
    case TD_LOCATION_KIND_CITY:    return TD_GATEWAY_FIELD_CITY;
    case TD_LOCATION_KIND_ASN:     return TD_GATEWAY_FIELD_ASN;
    default: g_return_val_if_reached (TD_GATEWAY_FIELD_COUNTRY);
    }
}

/* A string member, or a number written as text; NULL otherwise. */
static char *
dup_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    default:
      return NULL;
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  const TdLocation *la = *(TdLocation **) a;
  const TdLocation *lb = *(TdLocation **) b;
  g_autofree char *ka = g_utf8_collate_key (la->name, -1);
  g_autofree char *kb = g_utf8_collate_key (lb->name, -1);

  return strcmp (ka, kb);
}

GPtrArray *
td_locations_parse (TdLocationKind   kind,
                    JsonNode        *data,
                    GError         **error)
{
  g_autoptr(GPtrArray) places = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *code_member = NULL;
  g_autofree char *name_member = NULL;
  JsonArray *array;

  g_return_val_if_fail (kind <= TD_LOCATION_KIND_ASN, NULL);

  /* PY falls back to data.list / data.data for other lists: tolerate it. */
  if (data != NULL && JSON_NODE_HOLDS_OBJECT (data))
    {
      JsonObject *object = json_node_get_object (data);

      if (json_object_has_member (object, "list"))
        data = json_object_get_member (object, "list");
      else if (json_object_has_member (object, "data"))
        data = json_object_get_member (object, "data");
    }

  if (data == NULL || !JSON_NODE_HOLDS_ARRAY (data))
    {
      g_set_error_literal (error, TD_LOCATIONS_ERROR, TD_LOCATIONS_ERROR_INVALID_RESPONSE,
                           _("The server’s list of places could not be read."));
      return NULL;
    }

  array = json_node_get_array (data);
  places = g_ptr_array_new_with_free_func ((GDestroyNotify) td_location_free);
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  code_member = g_strconcat (kind_prefix (kind), "_code", NULL);
  name_member = g_strconcat (kind_prefix (kind), "_name", NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      g_autofree char *raw_code = NULL;
      g_autofree char *name = NULL;
      g_autofree char *code = NULL;
      TdLocation *place;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);

      /* Members per JS models.ts, GO and the zh-hk ASN page:
       * country_code/_name, state_code/_name, city_name (PY also
       * city_code), asn_code/_name; "code"/"name" as PY's acceptance
       * script reads them. */
      raw_code = dup_member (object, code_member);
      if (raw_code == NULL)
        raw_code = dup_member (object, "code");
      name = dup_member (object, name_member);
      if (name == NULL)
        name = dup_member (object, "name");
      /* A city has only a name in JS and GO: the login writes the name. */
      if (raw_code == NULL && kind != TD_LOCATION_KIND_COUNTRY)
        raw_code = g_strdup (name);

      code = td_gateway_normalize_field (kind_field (kind), raw_code);
      if (code == NULL || g_hash_table_contains (seen, code))
        continue;

      if (kind == TD_LOCATION_KIND_COUNTRY)
        {
          char *localized = td_locations_dup_country_name (code, name);

          g_free (name);
          name = localized;
        }

      place = td_location_new (code, name);
      g_ptr_array_add (places, place);
      g_hash_table_add (seen, place->code);
    }

  g_ptr_array_sort (places, compare_names);

  return g_steal_pointer (&places);
}

/* ---- country names from iso-codes ----------------------------------- */

static GHashTable *
load_iso_names (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonNode *root;
  JsonNode *list;

  if (!json_parser_load_from_mapped_file (parser, ISO_3166_JSON, NULL))
    return names;

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return names;
  list = json_object_get_member (json_node_get_object (root), "3166-1");
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    return names;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *node = json_array_get_element (json_node_get_array (list), i);
      g_autofree char *code = NULL;
      g_autofree char *name = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      code = dup_member (json_node_get_object (node), "alpha_2");
      name = dup_member (json_node_get_object (node), "common_name");
      if (name == NULL)
        name = dup_member (json_node_get_object (node), "name");
      if (code != NULL && name != NULL)
        g_hash_table_insert (names, g_ascii_strdown (code, -1), g_steal_pointer (&name));
    }

  return names;
}

char *
td_locations_dup_country_name (const char *code,
                               const char *fallback)
{
  static GHashTable *names;
  const char *english;

  if (g_once_init_enter (&names))
    g_once_init_leave (&names, load_iso_names ());

  english = code != NULL ? g_hash_table_lookup (names, code) : NULL;
  if (english == NULL)
    return g_strdup (fallback != NULL ? fallback : code);

  return g_strdup (dgettext ("iso_3166-1", english));
}

/* ---- the cache ------------------------------------------------------ */

typedef struct
{
  TdLocationKind  kind;
  char           *path;
  guint           max_age;
  JsonNode       *fields;  /* the query, kept for the request */
  GPtrArray      *places;  /* from the disk, fresh or expired */
  gboolean        expired;
} ListData;

static void
list_data_free (ListData *data)
{
  g_free (data->path);
  g_clear_pointer (&data->fields, json_node_unref);
  g_clear_pointer (&data->places, g_ptr_array_unref);
  g_free (data);
}

/* {"fetched": <unix time>, "data": <the server's data>} */
static void
read_cache_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ListData *data = task_data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  gint64 fetched;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!json_parser_load_from_file (parser, data->path, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  root = json_node_get_object (json_parser_get_root (parser));
  fetched = json_object_get_int_member_with_default (root, "fetched", 0);
  data->places = td_locations_parse (data->kind, json_object_get_member (root, "data"), NULL);
  /* A time in the future counts as expired too (a clock set back). */
  data->expired = fetched > now || now - fetched >= (gint64) data->max_age;

  g_task_return_boolean (task, TRUE);
}

static void
write_cache_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  const char *path = g_object_get_data (G_OBJECT (task), "path");
  JsonNode *node = task_data;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "fetched");
  json_builder_add_int_value (builder, g_get_real_time () / G_USEC_PER_SEC);
  json_builder_set_member_name (builder, "data");
  json_builder_add_value (builder, json_node_copy (node));
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !g_file_set_contents (path, text, -1, &error))
    g_debug ("Locations cache not written: %s", error ? error->message : g_strerror (errno));

  g_task_return_boolean (task, TRUE);
}

/* ---- the request ---------------------------------------------------- */

static void
on_cache_written (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GPtrArray *places = g_object_steal_data (G_OBJECT (result), "places");

  g_object_set_data (G_OBJECT (task), "from-cache", GINT_TO_POINTER (FALSE));
  g_task_return_pointer (task, places, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_call_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) places = NULL;

  node = td_api_client_call_finish (TD_API_CLIENT (source), result, &error);
  if (node != NULL)
    places = td_locations_parse (data->kind, node, &error);

  if (places != NULL)
    {
      /* Written before the answer is returned, so that the next call
       * finds it. */
      GTask *write = g_task_new (NULL, NULL, on_cache_written, g_object_ref (task));

      g_task_set_source_tag (write, on_call_done);
      g_object_set_data_full (G_OBJECT (write), "path", g_strdup (data->path), g_free);
      g_object_set_data_full (G_OBJECT (write), "places", g_steal_pointer (&places),
                              (GDestroyNotify) g_ptr_array_unref);
      g_task_set_task_data (write, g_steal_pointer (&node), (GDestroyNotify) json_node_unref);
      g_task_run_in_thread (write, write_cache_thread);
      g_object_unref (write);
      return;
    }

  /* Offline, or the server failed: an expired answer is better than none. */
  if (data->places != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_object_set_data (G_OBJECT (task), "from-cache", GINT_TO_POINTER (TRUE));
      g_task_return_pointer (task, g_steal_pointer (&data->places),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  g_task_return_error (task, g_steal_pointer (&error));
}

static void
on_cache_read (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TdLocations *self = g_task_get_source_object (task);
  ListData *data = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    return;

  if (data->places != NULL && !data->expired)
    {
      g_object_set_data (G_OBJECT (task), "from-cache", GINT_TO_POINTER (TRUE));
      g_task_return_pointer (task, g_steal_pointer (&data->places),
                             (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  td_api_client_call_async (self->client, "GET", kind_path (data->kind),
                            json_node_get_object (data->fields),
                            g_task_get_cancellable (task),
                            on_call_done, g_object_ref (task));
}

static char *
cache_file_name (TdLocations    *self,
                 TdLocationKind  kind,
                 TdProxyType     proxy_type,
                 const char     *country,
                 const char     *state)
{
  /* Answers of different servers (the sandbox, a test server) apart. */
  g_autofree char *server = g_compute_checksum_for_string (G_CHECKSUM_SHA256,
                                                           td_api_client_get_base_url (self->client),
                                                           -1);
  g_autofree char *name = NULL;

  server[12] = '\0';
  name = g_strdup_printf ("locations-%s-%d-%s%s%s%s%s.json", server, (int) proxy_type,
                          kind_prefix (kind),
                          country ? "-" : "", country ? country : "",
                          state ? "-" : "", state ? state : "");

  return g_build_filename (self->cache_dir, name, NULL);
}

void
td_locations_list_async (TdLocations         *self,
                         TdLocationKind       kind,
                         TdProxyType          proxy_type,
                         const char          *country_code,
                         const char          *state_code,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *country = NULL;
  g_autofree char *state = NULL;
  g_autoptr(JsonObject) fields = json_object_new ();
  ListData *data;

  g_return_if_fail (TD_IS_LOCATIONS (self));
  g_return_if_fail (kind <= TD_LOCATION_KIND_ASN);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_locations_list_async);

  country = td_gateway_normalize_field (TD_GATEWAY_FIELD_COUNTRY, country_code);
  state = td_gateway_normalize_field (TD_GATEWAY_FIELD_STATE, state_code);

  if (kind != TD_LOCATION_KIND_COUNTRY && country == NULL)
    {
      g_task_return_new_error (task, TD_LOCATIONS_ERROR, TD_LOCATIONS_ERROR_NEEDS_COUNTRY,
                               _("Choose a country first."));
      return;
    }

  json_object_set_int_member (fields, "proxy_type", proxy_type);
  if (kind != TD_LOCATION_KIND_COUNTRY)
    {
      /* JS, JAVA and GO upper-case country_code and lower-case state_code. */
      g_autofree char *upper = g_ascii_strup (country, -1);

      json_object_set_string_member (fields, "country_code", upper);
    }
  if (kind == TD_LOCATION_KIND_CITY && state != NULL)
    json_object_set_string_member (fields, "state_code", state);
  else
    g_clear_pointer (&state, g_free);

  data = g_new0 (ListData, 1);
  data->kind = kind;
  data->max_age = self->max_age;
  data->path = cache_file_name (self, kind, proxy_type,
                                kind != TD_LOCATION_KIND_COUNTRY ? country : NULL, state);
  data->fields = json_node_init_object (json_node_alloc (), fields);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);

  {
    /* The read runs in a thread; the request continues on this context. */
    GTask *read = g_task_new (self, cancellable, on_cache_read, g_steal_pointer (&task));

    g_task_set_source_tag (read, td_locations_list_async);
    g_task_set_task_data (read, data, NULL);
    g_task_run_in_thread (read, read_cache_thread);
    g_object_unref (read);
  }
}

GPtrArray *
td_locations_list_finish (TdLocations   *self,
                          GAsyncResult  *result,
                          gboolean      *from_cache,
                          GError       **error)
{
  g_return_val_if_fail (TD_IS_LOCATIONS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_locations_list_async, NULL);

  if (from_cache != NULL)
    *from_cache = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (result), "from-cache"));

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the object ----------------------------------------------------- */

static void
td_locations_finalize (GObject *object)
{
  TdLocations *self = TD_LOCATIONS (object);

  g_clear_object (&self->client);
  g_free (self->cache_dir);

  G_OBJECT_CLASS (td_locations_parent_class)->finalize (object);
}

static void
td_locations_constructed (GObject *object)
{
  TdLocations *self = TD_LOCATIONS (object);

  G_OBJECT_CLASS (td_locations_parent_class)->constructed (object);

  if (self->cache_dir == NULL)
    self->cache_dir = g_build_filename (g_get_user_cache_dir (), "thordesk", NULL);
}

static void
td_locations_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TdLocations *self = TD_LOCATIONS (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CACHE_DIR:
      g_value_set_string (value, self->cache_dir);
      break;
    case PROP_MAX_AGE:
      g_value_set_uint (value, self->max_age);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_locations_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TdLocations *self = TD_LOCATIONS (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_CACHE_DIR:
      self->cache_dir = g_value_dup_string (value);
      break;
    case PROP_MAX_AGE:
      td_locations_set_max_age (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_locations_class_init (TdLocationsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = td_locations_finalize;
  object_class->constructed = td_locations_constructed;
  object_class->get_property = td_locations_get_property;
  object_class->set_property = td_locations_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         TD_TYPE_API_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CACHE_DIR] =
    g_param_spec_string ("cache-dir", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_AGE] =
    g_param_spec_uint ("max-age", NULL, NULL,
                       0, G_MAXUINT, TD_LOCATIONS_MAX_AGE_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
td_locations_init (TdLocations *self)
{
  self->max_age = TD_LOCATIONS_MAX_AGE_SECONDS;
}

TdLocations *
td_locations_new (TdApiClient *client,
                  const char  *cache_dir)
{
  g_return_val_if_fail (TD_IS_API_CLIENT (client), NULL);

  return g_object_new (TD_TYPE_LOCATIONS,
                       "client", client,
                       "cache-dir", cache_dir,
                       NULL);
}

const char *
td_locations_get_cache_dir (TdLocations *self)
{
  g_return_val_if_fail (TD_IS_LOCATIONS (self), NULL);

  return self->cache_dir;
}

void
td_locations_set_max_age (TdLocations *self,
                          guint        seconds)
{
  g_return_if_fail (TD_IS_LOCATIONS (self));

  if (self->max_age == seconds)
    return;

  self->max_age = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_AGE]);
}

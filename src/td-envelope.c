/* td-envelope.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "td-envelope.h"
#include "td-error.h"
#include "td-json.h"

/* Reads the body as the API's envelope.  Returns its root node when it is
 * a JSON object with an integer `code` in the range of int and a `msg`
 * that is a string, null or absent; otherwise NULL. */
static JsonNode *
read_envelope (const char *body,
               gsize       length,
               int        *out_code)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonNode *code_node;
  JsonNode *msg_node;
  gint64 code;

  g_assert (body != NULL || length == 0);
  g_assert (out_code != NULL);

  root = td_json_load (body, length, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;

  object = json_node_get_object (root);

  code_node = json_object_get_member (object, "code");
  if (!td_json_node_holds (code_node, G_TYPE_INT64))
    return NULL;

  code = json_node_get_int (code_node);
  if (code < G_MININT || code > G_MAXINT)
    return NULL;

  msg_node = json_object_get_member (object, "msg");
  if (msg_node != NULL && !JSON_NODE_HOLDS_NULL (msg_node) &&
      !td_json_node_holds (msg_node, G_TYPE_STRING))
    return NULL;

  *out_code = (int) code;

  return g_steal_pointer (&root);
}

static GError *
new_http_status_error (guint http_status)
{
  /* Throttling has nothing to do with the address: say what helps. */
  if (http_status == 429)
    {
      return g_error_new_literal (TD_API_ERROR, TD_API_ERROR_HTTP,
                                  _("Thordata is receiving too many requests. Wait a moment "
                                    "and try again."));
    }

  if (http_status >= 500 && http_status <= 599)
    {
      return g_error_new (TD_API_ERROR, TD_API_ERROR_SERVER_UNAVAILABLE,
                          /* Translators: %u is an HTTP status number such as 502 */
                          _("Thordata’s server had a problem (HTTP %u). The request may have "
                            "reached Thordata."),
                          http_status);
    }

  return g_error_new (TD_API_ERROR, TD_API_ERROR_HTTP,
                      /* Translators: %u is an HTTP status number such as 404, %s its standard
                       * English name such as "Not Found" */
                      _("Thordata answered with the unexpected HTTP status %u (%s). Check the "
                        "API address in Preferences."),
                      http_status, soup_status_get_phrase (http_status));
}

JsonNode *
td_envelope_parse (const char  *body,
                   gsize        length,
                   guint        http_status,
                   GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *envelope;
  JsonNode *msg_node;
  const char *msg = NULL;
  int code = 0;

  g_return_val_if_fail (body != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = read_envelope (body, length, &code);

  if (root == NULL)
    {
      if (!SOUP_STATUS_IS_SUCCESSFUL (http_status))
        g_propagate_error (error, new_http_status_error (http_status));
      else
        g_set_error_literal (error, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE,
                             _("Thordata sent an answer Thordesk cannot read."));
      return NULL;
    }

  envelope = json_node_get_object (root);

  if (code == 200)
    {
      JsonNode *node = json_object_get_member (envelope, "data");

      return node != NULL ? json_node_copy (node) : json_node_new (JSON_NODE_NULL);
    }

  msg_node = json_object_get_member (envelope, "msg");
  if (td_json_node_holds (msg_node, G_TYPE_STRING))
    msg = json_node_get_string (msg_node);

  g_propagate_error (error, td_server_error_new (code, msg));

  return NULL;
}

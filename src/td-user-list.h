/* td-user-list.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "td-proxy-user.h"

G_BEGIN_DECLS

/* The answer of GET /proxy-users/user-list. */
typedef struct
{
  /* Account quota, in users; -1 when the answer did not carry it. */
  gint64      limit;
  gint64      remaining_limit;
  gint64      user_count;
  /* TdProxyUser items, in the server's order, with "created-time",
   * "usage-traffic" and the password the server returns (plain text). */
  GListStore *users;
} TdUserList;

TdUserList *td_user_list_new   (void);
void        td_user_list_free  (TdUserList   *list);

/* Reads the envelope's `data` member of a user-list answer for
 * @proxy_type.  Untrusted input: wrong member types, missing members,
 * negative or absurd numbers and huge arrays give a TD_API_ERROR_INVALID_RESPONSE
 * with a translated message, never a crash.  `status` may be a JSON
 * boolean or the strings "true"/"false"; numbers may come as strings. */
TdUserList *td_user_list_parse (JsonNode     *data,
                                TdProxyType   proxy_type,
                                GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdUserList, td_user_list_free)

G_END_DECLS

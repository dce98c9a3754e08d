/* td-import-export.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "td-proxy-user.h"

G_BEGIN_DECLS

/* The CSV files Thordesk writes: the Import page's results and every
 * export of a list of users (Import page, Users page), and the one
 * writer they all go through. */

/* A list of users (TdProxyUser, any proxy type) as a CSV document: the
 * UTF-8 byte order mark, a header row and one row per user with
 *
 *   username, proxy_type, traffic_limit_mb, status, gateway_login,
 *   proxy_host, proxy_port[, password, proxy_url]
 *
 * which the Import page reads back as the same users.  The password
 * and proxy URL columns are there only when @passwords is TRUE.
 * @proxy_hosts is indexed by proxy type (1 to 3); a NULL entry, or a
 * NULL array, is the type's default host. */
GString  *td_import_export_users        (GListModel          *users,
                                         const char * const  *proxy_hosts,
                                         gboolean             passwords);
/* TRUE when a user of @users has a password to export (the list the
 * server answers carries them; a user only known locally may not). */
gboolean  td_import_export_has_passwords (GListModel         *users);

/* Writes @contents (taken, and wiped once written: it may hold
 * passwords) to @file in a thread: written next to its final name and
 * renamed over it, so that there is never a half-written file and never
 * a copy in a temporary folder; the mode is 0600 when @secret, 0644
 * otherwise.  Fails with G_IO_ERROR_NOT_SUPPORTED when @file is not a
 * local path.  @source_object is that of the result (may be NULL). */
void      td_import_export_save_async   (gpointer             source_object,
                                         GFile               *file,
                                         GString             *contents,
                                         gboolean             secret,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean  td_import_export_save_finish  (GAsyncResult        *result,
                                         GError             **error);

/* Fills @contents with zeros and frees it. */
void      td_import_export_wipe         (GString             *contents);

G_END_DECLS

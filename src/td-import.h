/* td-import.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "td-import-row.h"
#include "td-proxy-user.h"

G_BEGIN_DECLS

/* The length of a password generated for a row without one: the same as
 * the Create form's Generate button. */
#define TD_IMPORT_PASSWORD_LENGTH 12

#define TD_TYPE_IMPORT (td_import_get_type ())

G_DECLARE_FINAL_TYPE (TdImport, td_import, TD, IMPORT, GObject)

/* The rows of a spreadsheet being imported: a GListModel of TdImportRow,
 * each checked by the rules of the Create form (td_validate_username(),
 * td_validate_password(), td_parse_traffic_limit()), against the other
 * rows (repeated usernames) and against the users the account already
 * has.  Properties: "n-ready", "n-skipped", "n-invalid", "over-quota"
 * (uint, new users beyond the remaining quota), "has-header" (boolean),
 * "n-columns" (uint). */
TdImport      *td_import_new                (void);

/* Reads @data (a CSV file or pasted cells, td_csv_parse() with
 * @delimiter, 0 to detect it) in a thread, maps the columns by the
 * header row when there is one (names in any case and order: username,
 * password, traffic_limit with an optional unit, status or enabled,
 * proxy_type) and replaces the rows. */
void           td_import_load_async         (TdImport            *self,
                                             GBytes              *data,
                                             char                 delimiter,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean       td_import_load_finish        (TdImport            *self,
                                             GAsyncResult        *result,
                                             GError             **error);

gboolean       td_import_get_has_header     (TdImport            *self);
guint          td_import_get_n_columns      (TdImport            *self);
/* The header cell, or NULL without a header. */
const char    *td_import_get_column_title   (TdImport            *self,
                                             guint                column);
TdImportField  td_import_get_column_field   (TdImport            *self,
                                             guint                column);
/* Maps @column to @field (any other column mapped to @field is unmapped)
 * and reads every row's cells again, dropping edits of those fields. */
void           td_import_set_column_field   (TdImport            *self,
                                             guint                column,
                                             TdImportField        field);

/* Used for empty cells and missing columns. */
void           td_import_set_defaults       (TdImport            *self,
                                             TdProxyType          proxy_type,
                                             gint64               traffic_limit_mb,
                                             gboolean             enabled);
/* The usernames the account has for @proxy_type (NULL: none known). */
void           td_import_set_existing       (TdImport            *self,
                                             TdProxyType          proxy_type,
                                             const char * const  *usernames);
/* How many more users the account may create; -1 when unknown. */
void           td_import_set_remaining      (TdImport            *self,
                                             gint64               remaining);

/* Fixes one cell of @row and checks every row again. */
void           td_import_set_cell           (TdImport            *self,
                                             TdImportRow         *row,
                                             TdImportField        field,
                                             const char          *text);
void           td_import_remove             (TdImport            *self,
                                             guint                position);
/* Checks every row again (after a create run, say). */
void           td_import_revalidate         (TdImport            *self);

guint          td_import_get_n_ready        (TdImport            *self);
guint          td_import_get_n_skipped      (TdImport            *self);
guint          td_import_get_n_invalid      (TdImport            *self);
guint          td_import_get_over_quota     (TdImport            *self);
/* "3 will be created, 1 skipped, 2 invalid", translated. */
char          *td_import_dup_summary        (TdImport            *self);
/* The rows in state READY or FAILED, in order (a new array of borrowed
 * rows): what "Create" sends. */
GPtrArray     *td_import_dup_rows_to_create (TdImport            *self);

/* Reads a limit cell: "500", "500 MB", "2GB", "unlimited" (0).  @unit is
 * the one for a number without a suffix.  Returns NULL and sets @out_mb,
 * or a translated message. */
char          *td_import_parse_limit        (const char          *text,
                                             TdTrafficUnit        unit,
                                             gint64              *out_mb);
/* "true", "yes", "1", "enabled", "on", "active" and their opposites. */
gboolean       td_import_parse_enabled      (const char          *text,
                                             gboolean            *out_enabled);
/* 1/2/3 or the type's name, in English or translated. */
gboolean       td_import_parse_proxy_type   (const char          *text,
                                             TdProxyType         *out_type);

G_END_DECLS

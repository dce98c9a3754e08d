/* td-import-creator.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "td-api-client.h"
#include "td-import-row.h"

G_BEGIN_DECLS

#define TD_IMPORT_DEFAULT_CONCURRENCY 4

/* The first pause after a 10011 (too frequent), doubled on each one in a
 * row up to the maximum. */
#define TD_IMPORT_THROTTLE_PAUSE_MS      250
#define TD_IMPORT_THROTTLE_PAUSE_MAX_MS 8000

#define TD_TYPE_IMPORT_CREATOR (td_import_creator_get_type ())

G_DECLARE_FINAL_TYPE (TdImportCreator, td_import_creator, TD, IMPORT_CREATOR, GObject)

/* Creates the users of @rows (TdImportRow with a user), at most
 * @concurrency at a time, and sets each row's state: CREATED; EXISTS
 * (10018); FAILED with the server's words and code; or, for an answer
 * that never came (timeout, 5xx, connection lost), settled at the end by
 * one list read per proxy type as CREATED or FAILED ("not created"),
 * never sent again.  A 10011 answer pauses the sending and halves the
 * concurrency, and the row is sent again later: it is not a failure.
 *
 * Properties: "n-total", "n-done" (rows settled), "n-created",
 * "n-failed", "n-in-flight" (uint), "stopped" (boolean). */
TdImportCreator *td_import_creator_new          (TdApiClient      *client,
                                                 GPtrArray        *rows,
                                                 guint             concurrency);

/* Runs the creates.  Cancelling @stop sends nothing new: what is in
 * flight finishes, unknown outcomes are settled, rows never sent go back
 * to READY, and the task returns TRUE with "stopped" set.  Never fails
 * but with G_IO_ERROR_CANCELLED when @stop was cancelled before it
 * began. */
void             td_import_creator_run_async    (TdImportCreator  *self,
                                                 GCancellable     *stop,
                                                 GAsyncReadyCallback callback,
                                                 gpointer          user_data);
gboolean         td_import_creator_run_finish   (TdImportCreator  *self,
                                                 GAsyncResult     *result,
                                                 GError          **error);

guint            td_import_creator_get_n_total  (TdImportCreator  *self);
guint            td_import_creator_get_n_done   (TdImportCreator  *self);
guint            td_import_creator_get_n_created (TdImportCreator *self);
guint            td_import_creator_get_n_failed (TdImportCreator  *self);
guint            td_import_creator_get_max_in_flight (TdImportCreator *self);
gboolean         td_import_creator_get_stopped  (TdImportCreator  *self);

G_END_DECLS

/* td-import-paced.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Items added to the list of the Import page's table at most this many
 * at a time, and for at most this long per main-loop iteration. */
#define TD_IMPORT_PACED_CHUNK      2
#define TD_IMPORT_PACED_STEP_USEC  6000
/* Past this many items, the steps grow by half of what is shown. */
#define TD_IMPORT_PACED_BUILT_ROWS 256

#define TD_TYPE_IMPORT_PACED (td_import_paced_get_type ())

G_DECLARE_FINAL_TYPE (TdImportPaced, td_import_paced, TD, IMPORT_PACED, GObject)

/* A GListModel of the same items as @model, in the same order, of which
 * it shows a prefix: a change of a few items is passed on as it is, but
 * when many are added at once (a file of 10,000 rows opened), only the
 * first TD_IMPORT_PACED_CHUNK are, and the others follow from idles of
 * the default main context, a few at a time for at most
 * TD_IMPORT_PACED_STEP_USEC each (past TD_IMPORT_PACED_BUILT_ROWS, in
 * steps of half what is shown: there GTK builds no row, but each change
 * is a relayout).  GTK 4.8's column view builds a row of
 * widgets for every item added within the area it keeps (about 200
 * rows): all at once, that stalled the window for over a second
 * (bench/README.md, issue 10); paced, the first rows are shown at once
 * and the window keeps answering. */
TdImportPaced *td_import_paced_new         (GListModel    *model);
/* TRUE when every item of the model below is shown. */
gboolean       td_import_paced_is_complete (TdImportPaced *self);

G_END_DECLS

/* td-import-page-private.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "td-import-creator.h"
#include "td-import-page.h"

G_BEGIN_DECLS

#define N_TYPES 3

struct _TdImportPage
{
  AdwBin           parent_instance;

  /* Template widgets */
  GtkButton       *open_button;
  GtkButton       *paste_button;
  GtkLabel        *source_label;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;
  GtkDropDown     *type_dropdown;
  GtkEntry        *limit_entry;
  GtkCheckButton  *enabled_check;
  GtkLabel        *limit_message;
  GtkBox          *mapping_box;
  GtkLabel        *summary_label;
  GtkColumnView   *column_view;
  GtkProgressBar  *progress_bar;
  GtkButton       *create_button;
  GtkButton       *stop_button;
  GtkButton       *copy_button;
  GtkButton       *export_button;
  GtkButton       *export_all_button;
  GtkCheckButton  *passwords_check;

  TdAccount       *account;
  TdImport        *import;
  TdImportCreator *creator;
  GCancellable    *cancellable;   /* the page's life */
  GCancellable    *stop;          /* the run in progress */
  GPtrArray       *mapping_dropdowns;
  gint64           run_started;
  /* When the progress was last told to a screen reader, and how far it
   * was then (see announce_progress()). */
  gint64           announced_at;
  guint            announced_done;
  guint            n_loading;
  gboolean         busy;
  /* Starting a run, a frame at a time (td-import-page.c, start_step()). */
  guint            start_tick;
  guint            start_timeout;
  guint            start_step;
  guint            start_tick_seen;
  /* The width of the widest state's name in the State column, in pixels
   * (td-import-page-table.c); 0 until the first cell is made. */
  int              state_width;
};

/* td-import-page.c */
const char *td_import_page_field_label      (TdImportField  field);
void        td_import_page_set_error        (TdImportPage  *self,
                                             const char    *message);
void        td_import_page_update_actions   (TdImportPage  *self);
GtkWindow  *td_import_page_get_window       (TdImportPage  *self);
void        td_import_page_refresh_stores   (TdImportPage  *self,
                                             gboolean       all);

/* td-import-page-table.c: the columns of the table. */
void        td_import_page_setup_columns    (TdImportPage  *self);

/* td-import-page-export.c: results, exports and logins, and their
 * actions (import.copy-logins, import.export-results, import.export-all). */
void        td_import_page_class_export_init (GtkWidgetClass *widget_class);

G_END_DECLS

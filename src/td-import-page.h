/* td-import-page.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-account.h"
#include "td-import.h"
#include "td-page.h"

G_BEGIN_DECLS

#define TD_TYPE_IMPORT_PAGE (td_import_page_get_type ())

G_DECLARE_FINAL_TYPE (TdImportPage, td_import_page, TD, IMPORT_PAGE, AdwBin)

/* The Import page: a CSV file or pasted cells become rows checked by the
 * Create form's rules, created in bulk, and saved as a results file.
 * Actions (prefix "import."): open, paste, create, stop, copy-logins,
 * export-results, export-all. */
TdImportPage *td_import_page_new         (TdAccount    *account);

/* The rows shown (for tests). */
TdImport     *td_import_page_get_import  (TdImportPage *self);

/* Reads @file as if the admin had opened it. */
void          td_import_page_open_file   (TdImportPage *self,
                                          GFile        *file);

/* Writes the results (rows of the last import) or every user of the
 * account to @file, as "Save Results…" and "Export All Users…" do after
 * their dialog. */
void          td_import_page_save_results (TdImportPage *self,
                                           GFile        *file);
void          td_import_page_export_all   (TdImportPage *self,
                                           GFile        *file);

G_END_DECLS

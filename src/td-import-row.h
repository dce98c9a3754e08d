/* td-import-row.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "td-proxy-user.h"

G_BEGIN_DECLS

/* The columns an import understands. */
typedef enum
{
  TD_IMPORT_FIELD_USERNAME,
  TD_IMPORT_FIELD_PASSWORD,
  TD_IMPORT_FIELD_TRAFFIC_LIMIT,
  TD_IMPORT_FIELD_STATUS,
  TD_IMPORT_FIELD_PROXY_TYPE,
  TD_IMPORT_N_FIELDS,
  TD_IMPORT_FIELD_NONE = -1,
} TdImportField;

/* Where a row stands, before and while creating. */
typedef enum
{
  TD_IMPORT_ROW_READY,      /* valid and new: will be created */
  TD_IMPORT_ROW_INVALID,    /* a cell breaks the rules (message says which) */
  TD_IMPORT_ROW_DUPLICATE,  /* the username is on an earlier row too */
  TD_IMPORT_ROW_EXISTS,     /* the account already has this user: skipped */
  TD_IMPORT_ROW_WAITING,    /* queued to be sent */
  TD_IMPORT_ROW_SENDING,
  TD_IMPORT_ROW_CREATED,
  TD_IMPORT_ROW_FAILED,     /* the server refused it (message, with the code) */
  TD_IMPORT_ROW_UNKNOWN,    /* sent, no answer, not settled yet */
} TdImportRowState;

#define TD_TYPE_IMPORT_ROW (td_import_row_get_type ())

G_DECLARE_FINAL_TYPE (TdImportRow, td_import_row, TD, IMPORT_ROW, GObject)

/* One row of an import.  Properties (all read-only but through the
 * setters below): "line" (uint, 1-based record number in the file),
 * "username", "password", "traffic-limit", "status", "proxy-type" (the
 * cells as text; a generated password shows as the password),
 * "password-generated" (boolean), "state" (TdImportRowState), "message"
 * (string, translated, NULL when there is nothing to say),
 * "state-label" (string, translated name of the state). */
TdImportRow     *td_import_row_new              (guint             line);
guint            td_import_row_get_line         (TdImportRow      *self);
const char      *td_import_row_get_cell         (TdImportRow      *self,
                                                 TdImportField     field);
/* Sets a cell's text; validation is td_import_set_cell()'s job. */
void             td_import_row_set_cell         (TdImportRow      *self,
                                                 TdImportField     field,
                                                 const char       *text);
gboolean         td_import_row_get_password_generated (TdImportRow *self);
void             td_import_row_set_generated_password (TdImportRow *self,
                                                       char        *password);
TdImportRowState td_import_row_get_state        (TdImportRow      *self);
const char      *td_import_row_get_message      (TdImportRow      *self);
void             td_import_row_set_state        (TdImportRow      *self,
                                                 TdImportRowState  state,
                                                 const char       *message);
/* The parsed user (NULL unless the row passed validation). */
TdProxyUser     *td_import_row_get_user         (TdImportRow      *self);
void             td_import_row_set_user         (TdImportRow      *self,
                                                 TdProxyUser      *user);

/* Translated, short: "Will be created", "Created", ... */
const char      *td_import_row_state_to_string  (TdImportRowState  state);

G_END_DECLS

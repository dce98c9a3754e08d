/* td-usage-dialog.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-api-client.h"
#include "td-proxy-user.h"

G_BEGIN_DECLS

#define TD_TYPE_USAGE_DIALOG (td_usage_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TdUsageDialog, td_usage_dialog, TD, USAGE_DIALOG, AdwWindow)

/* The daily traffic of @user over the last 7, 30 or 90 days, as a chart,
 * with the total and the remaining allowance in words. */
TdUsageDialog *td_usage_dialog_new      (GtkWindow     *parent,
                                         TdApiClient   *client,
                                         TdProxyUser   *user);
/* 7, 30 or 90; setting it reads the usage again. */
guint          td_usage_dialog_get_days (TdUsageDialog *self);
void           td_usage_dialog_set_days (TdUsageDialog *self,
                                         guint          days);
/* TRUE while the usage is being read. */
gboolean       td_usage_dialog_get_busy (TdUsageDialog *self);

G_END_DECLS

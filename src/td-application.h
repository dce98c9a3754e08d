/* td-application.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "td-account.h"

G_BEGIN_DECLS

#define TD_TYPE_APPLICATION (td_application_get_type ())

G_DECLARE_FINAL_TYPE (TdApplication, td_application, TD, APPLICATION, AdwApplication)

TdApplication *td_application_new         (void);

/* The account the windows show.  The action "app.switch-account"
 * (parameter and state: the account id, "" for the default account, see
 * td-account-list.h) replaces it with a new TdAccount whose client and
 * credentials are that account's own, and sets it on every window as
 * their "account" property. */
TdAccount     *td_application_get_account (TdApplication *self);

G_END_DECLS

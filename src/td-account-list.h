/* td-account-list.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The Thordata accounts Thordesk knows, kept in GSettings: the default
 * account (id "", keyring items without an `account` attribute, always
 * there) and the ones in the "accounts" key (id → name).  Ids are what
 * the keyring items carry; names are what the admin reads and may
 * change. */

#define TD_ACCOUNT_NAME_MAX_CHARS 40

/* Every id, the default account's "" first, then the others by name. */
GStrv     td_account_list_dup_ids      (GSettings   *settings);
/* The name shown for @id ("" is the default account), or NULL for an id
 * not in the list. */
char     *td_account_list_dup_name     (GSettings   *settings,
                                        const char  *id);
/* NULL when @name can name a new account, else a translated sentence:
 * empty, too long, or already the name of another account. */
char     *td_account_list_check_name   (GSettings   *settings,
                                        const char  *name);
/* Adds an account named @name (which must pass the check) and returns
 * its new id. */
char     *td_account_list_add          (GSettings   *settings,
                                        const char  *name);
/* Removes @id from the list (never the default account) and resets its
 * settings (td_account_list_dup_settings); the current account goes back
 * to the default one when it was @id.  The keyring
 * items are the caller's to delete (td_credentials_forget_async). */
gboolean  td_account_list_remove       (GSettings   *settings,
                                        const char  *id);
/* The settings that belong to account @id (its API address, request
 * encoding and proxy hosts: TD_ACCOUNT_LIST_KEYS): @settings itself for
 * the default account, which keeps the keys it always had, else the
 * relocatable "<schema>.Account" at "<path>accounts/<id>/".  NULL for an
 * id that cannot name settings. */
GSettings *td_account_list_dup_settings (GSettings  *settings,
                                         const char *id);
/* The keys of td_account_list_dup_settings(), NULL-terminated. */
extern const char * const TD_ACCOUNT_LIST_KEYS[];

/* The current account's id, "" for the default one; an id no longer in
 * the list reads as "". */
char     *td_account_list_dup_current  (GSettings   *settings);
gboolean  td_account_list_set_current  (GSettings   *settings,
                                        const char  *id);

/* A menu of the accounts for the header bar's switcher or the primary
 * menu: one item per account, by name, activating "app.switch-account"
 * with its id as target (a radio item against the action's state).  It
 * follows the settings: items change as accounts are added, renamed or
 * removed. */
GMenuModel *td_account_list_menu_new    (GSettings   *settings);

G_END_DECLS

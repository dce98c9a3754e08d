/* td-clipboard.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Seconds after which a copied secret is removed from the clipboard, if
 * it is still what the clipboard holds. */
#define TD_CLIPBOARD_SECRET_SECONDS 45

/* Copies @text to @widget's clipboard. */
void td_clipboard_copy_text   (GtkWidget  *widget,
                               const char *text);

/* Copies a secret (a password, a proxy URL with its password) to
 * @widget's clipboard, marked with x-kde-passwordManagerHint=secret so
 * that clipboard managers can skip it, and clears the clipboard after
 * TD_CLIPBOARD_SECRET_SECONDS if it still holds that content.  Our copy
 * of the text is wiped when the clipboard lets it go (copies GDK made
 * to hand it to a paste are not ours to wipe). */
void td_clipboard_copy_secret (GtkWidget  *widget,
                               const char *text);

/* Clears, at once, every secret copied whose delay is not over, if the
 * clipboard still holds it.  Called at shutdown, before GTK hands the
 * clipboard to a clipboard manager (which would keep the secret after
 * Thordesk quits). */
void td_clipboard_clear_secrets (void);

/* Changes the delay above, in milliseconds (tests use a short one). */
void td_clipboard_set_clear_delay (guint milliseconds);

G_END_DECLS

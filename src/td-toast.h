/* td-toast.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A toast that shows @text as it is.  libadwaita 1.2 always reads a
 * toast's title as Pango markup (there is no use-markup switch before
 * 1.4), so a message from elsewhere (the keyring, the server, a
 * username) could otherwise carry a link or break the toast: every toast
 * of plain text is made here.  tests/test-markup.py checks that no other
 * adw_toast_new() call takes text from outside. */
AdwToast *td_toast_new_text (const char *text);

G_END_DECLS

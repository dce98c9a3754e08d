/* td-secret-buffer.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The buffer of a hidden secret field (see td_accessible_guard_secret()).
 * GTK reads a field's text for assistive technology through the
 * buffer's get_text(): this one answers with one @mask_char per
 * character while hidden, and keeps the real characters apart, for
 * td_secret_buffer_get_secret() only.  Revealed (the field shows its
 * text), it answers with the real text, as it is then on screen. */

#define TD_TYPE_SECRET_BUFFER (td_secret_buffer_get_type ())

G_DECLARE_FINAL_TYPE (TdSecretBuffer, td_secret_buffer, TD, SECRET_BUFFER, GtkEntryBuffer)

GtkEntryBuffer *td_secret_buffer_new          (gunichar        mask_char);

/* The real text, whatever is revealed; owned by the buffer, valid until
 * it changes. */
const char     *td_secret_buffer_get_secret   (TdSecretBuffer *self);

void            td_secret_buffer_set_revealed (TdSecretBuffer *self,
                                               gboolean        revealed);
gboolean        td_secret_buffer_get_revealed (TdSecretBuffer *self);

/* For the next insertion only: the buffer stores @chars (the real
 * characters) when GTK inserts the same number of mask characters.  The
 * guard uses it so that what GTK inserts, and tells assistive technology
 * it inserted, is the mask.  NULL ends it. */
void            td_secret_buffer_set_pending  (TdSecretBuffer *self,
                                               const char     *chars);

/* @n_chars mask characters, for an insertion. */
char           *td_secret_buffer_dup_mask     (TdSecretBuffer *self,
                                               guint           n_chars);

G_END_DECLS

/* td-busy-indicator.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TD_TYPE_BUSY_INDICATOR (td_busy_indicator_get_type ())

G_DECLARE_FINAL_TYPE (TdBusyIndicator, td_busy_indicator, TD, BUSY_INDICATOR, GtkWidget)

/* What Thordesk shows while it waits, instead of a GtkSpinner.
 *
 * A spinning GtkSpinner makes GTK draw the whole window at the display's
 * frame rate; on a machine without a GPU (Mesa llvmpipe) that costs more
 * than a CPU core for as long as Thordata takes to answer (bench/README.md,
 * bench-busy).  This indicator is a ring of twelve ticks that fills one
 * tick per second, like the seconds of a clock, so a wait costs one frame
 * a second.  It stands still when the desktop turns animations off.
 *
 * Property: "spinning" (boolean), as GtkSpinner's, so that it can take a
 * spinner's place in a .ui file.  While spinning, the accessible state
 * "busy" is set. */
GtkWidget *td_busy_indicator_new          (void);
gboolean   td_busy_indicator_get_spinning (TdBusyIndicator *self);
void       td_busy_indicator_set_spinning (TdBusyIndicator *self,
                                           gboolean         spinning);
/* The number of steps drawn since it started spinning (for tests). */
guint      td_busy_indicator_get_step     (TdBusyIndicator *self);

G_END_DECLS

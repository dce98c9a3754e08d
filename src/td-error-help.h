/* td-error-help.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The link from an error card to the guide's explanation of the error:
 * a "What can I do?" button next to the card's message that opens
 * help:thordesk/errors#<section> (td_error_get_help_section()). */

/* "help:thordesk/errors#@section". */
char      *td_error_help_dup_uri     (const char          *section);

/* Puts the help button after @label (the message of an error card, in a
 * GtkBox), pointing at @section, or hides it when @section is NULL.  The
 * button is made the first time and kept with @label. */
void       td_error_help_set_section (GtkLabel            *label,
                                      const char          *section);

/* The help button next to @label, or NULL when there is none. */
GtkWidget *td_error_help_get_button  (GtkLabel            *label);

/* The "Send as Form Fields" button of an error card whose request
 * Thordata refused as JSON (td_error_offers_form_fields()): a button
 * below the card (after the ancestor of @label that sits in a vertical
 * box) that activates @action_name, an action of the page that sends
 * that same request once more as form fields.  NULL hides it; every
 * message an error card shows or hides hides it too
 * (td_accessible_set_error_card()).  Made the first time, kept with
 * @label. */
void       td_error_help_set_form_offer        (GtkLabel   *label,
                                                const char *action_name);
/* The button, or NULL when none was made. */
GtkWidget *td_error_help_get_form_offer_button (GtkLabel   *label);

/* Opens @section of the error page in the help viewer, for @widget's
 * window.  Fails with the reason when no application opens it. */
void       td_error_help_show_async  (GtkWidget           *widget,
                                      const char          *section,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gboolean   td_error_help_show_finish (GtkWidget           *widget,
                                      GAsyncResult        *result,
                                      GError             **error);

G_END_DECLS

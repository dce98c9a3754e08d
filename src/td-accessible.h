/* td-accessible.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Workarounds for what GTK 4.8 and libadwaita 1.2 expose wrongly to
 * assistive technology, as seen on AT-SPI (tests/test-atspi-names.py
 * checks the result).  Each one can go once the minimum versions have
 * the fix. */

/* GTK 4.8 names a button with a mnemonic label after both its raw label
 * and its label child ("_Create Create").  Keeps only the label child, so
 * the name is what is shown, without the underscore.  Call it again
 * after every gtk_button_set_label(). */
void td_accessible_name_button_by_label   (GtkButton           *button);

/* For a button whose accessible label (set in the .ui) says more than
 * what it shows ("Replace…" named "Replace the token"): keeps only the
 * accessible label, instead of both. */
void td_accessible_keep_button_label      (GtkButton           *button);

/* The show/hide button libadwaita 1.2 puts in an AdwPasswordEntryRow has
 * no name (it appears as "GtkImage").  Names it @show_label while the
 * text is hidden, @hide_label while it is shown. */
void td_accessible_name_peek_button       (AdwPasswordEntryRow *row,
                                           const char          *show_label,
                                           const char          *hide_label);

/* Inside a GtkDropDown, an AdwComboRow or a GtkColumnView, the button
 * that takes the keyboard focus and the lists have no name (they appear
 * as "GtkToggleButton", "GtkListView", "GtkColumnListView").  Gives them
 * @label, normally the accessible name of @widget itself.  The focused
 * button of a GtkDropDown also gets what is chosen (its expression's
 * string, or a GtkStringList's) as its description, kept up to date, so
 * that it is heard with the name ("Traffic limit unit", "MB"). */
void td_accessible_name_choice_parts       (GtkWidget           *widget,
                                           const char          *label);

/* The close button of the toast @overlay shows has no name (it appears
 * as "GtkImage").  Names it @label; call it after each
 * adw_toast_overlay_add_toast(): it also names the buttons of the toasts
 * shown later, as they come. */
void td_accessible_name_toast_buttons     (AdwToastOverlay     *overlay,
                                           AdwToast            *toast,
                                           const char          *label);

/* An AdwPreferencesWindow keeps a search entry and a list of results in
 * its tree even with search disabled, both without a name.  Names them
 * @search_label and @results_label. */
void td_accessible_name_preferences_search (AdwPreferencesWindow *window,
                                            const char           *search_label,
                                            const char           *results_label);

/* Marks @field invalid (or no longer), where that does not silence it:
 * GTK 4.8 exposes the state as AT-SPI's "invalid" (a stale object), and
 * Orca then ignores the field's focus; there the state is left unset and
 * the field's description alone says what is wrong.  Use it instead of
 * GTK_ACCESSIBLE_STATE_INVALID. */
void td_accessible_set_invalid            (GtkWidget           *field,
                                           gboolean             invalid);

/* Shows @message under @field in @message_row (hidden when @message is
 * NULL), marks the field invalid (td_accessible_set_invalid()), and ties
 * the message to it (described-by, and the description, followed by the
 * field's note) so that a screen reader reads it with the field.
 * @message_row and @message_label may both be NULL when the message is
 * shown elsewhere (an error card): then only the field is marked. */
void td_accessible_set_field_message      (GtkWidget           *field,
                                           GtkWidget           *message_row,
                                           GtkLabel            *message_label,
                                           const char          *message);

/* Shows @message in an error card (@label inside @revealer, in a GtkBox),
 * revealed, or hides the card when @message is NULL: hidden, it is also
 * left out of the accessible tree, not just collapsed.  When @message
 * holds an error the guide explains (td_error_message_get_help_section()),
 * a "What Can I Do?" button beside it opens that part of the guide. */
void td_accessible_set_error_card         (GtkRevealer         *revealer,
                                           GtkLabel            *label,
                                           const char          *message);

/* The same for @error, shown as @message (or its own message when NULL):
 * the guide's section is found from the error's domain and code
 * (td_error_get_help_section()), so connection errors get one too. */
void td_accessible_set_error_card_for_error (GtkRevealer       *revealer,
                                             GtkLabel          *label,
                                             const char        *message,
                                             const GError      *error);

/* Moves the keyboard focus to the selectable @label (an error message),
 * so that a screen reader reads it, once it is on screen, without
 * selecting its text: a selectable label focused before it is mapped
 * selects the whole message, which GTK 4.8 mishandles when that label
 * goes away. */
void td_accessible_focus_error_when_shown (GtkLabel            *label);

/* GTK 4.8 names a button after the child it shows (labelled-by) as well
 * as after its own accessible label: an icon button is heard as
 * "GtkImage Copy…".  Installs, once, a hook that drops that relation from
 * every button whose child is an image as it is mapped (libadwaita's own
 * buttons and the rows of lists included): such a button is named by its
 * accessible label alone. */
void td_accessible_install_icon_button_fix (void);

/* A sentence a screen reader says with @field after its message, if
 * any (td_accessible_set_field_message()), or NULL for none: what the
 * field does not show itself ("In gigabytes.", the unit chosen beside
 * it; "12 characters." for a password). */
void td_accessible_set_field_note         (GtkWidget           *field,
                                           const char          *note);

/* Sets the accessible description of @widget to the parts given that are
 * not NULL, in order, as sentences ("Use at least 6 characters. 12
 * characters."), or resets it when all are NULL: a screen reader reads
 * the description with the name and the value when the focus arrives.
 * Setting the description it already has does nothing (Orca would say
 * it again). */
void td_accessible_set_description        (GtkWidget           *widget,
                                           const char          *first,
                                           const char          *second);

/* GTK 4.8 gives the real text of a hidden field to every AT-SPI client
 * (the text itself, and each key typed in its "text-changed" events; see
 * td-accessible.c).  Call this once on a secret field (a GtkPasswordEntry
 * or a GtkEntry), before the user types: assistive technology then gets
 * one mask character per character while the field hides its text.
 * Read the field with td_accessible_get_secret() from then on
 * (gtk_editable_get_text() gives the mask), and show or hide its text
 * with td_accessible_set_secret_shown() (gtk_text_set_visibility() and
 * GtkPasswordEntry's peek icon are followed too).
 * Setting the text (gtk_editable_set_text()) works as before. */
void        td_accessible_guard_secret     (GtkWidget *entry);

/* The real text of @entry (guarded or not); owned by the field, valid
 * until it changes.  Never log it. */
const char *td_accessible_get_secret       (GtkWidget *entry);

/* Shows (@shown) or hides the text of the secret field @entry.  Shown,
 * the text is on screen and assistive technology reads it as it is. */
void        td_accessible_set_secret_shown (GtkWidget *entry,
                                            gboolean   shown);
gboolean    td_accessible_get_secret_shown (GtkWidget *entry);

char       *td_accessible_dup_secret_length (GtkWidget *entry);
void        td_accessible_note_secret_length (GtkWidget *entry);

void        td_accessible_set_peek_button  (GtkWidget   *entry,
                                            GtkButton   *peek,
                                            gboolean     shown,
                                            const char  *show_label,
                                            const char  *hide_label);
void        td_accessible_toggle_peek_button (GtkWidget  *entry,
                                              GtkButton  *peek,
                                              const char *show_label,
                                              const char *hide_label);

gboolean    td_accessible_focus_without_selecting (GtkWidget *entry,
                                                   gboolean   group_cycling,
                                                   gpointer   user_data);

G_END_DECLS

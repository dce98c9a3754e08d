/* td-accessible.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-accessible.h"
#include "td-error.h"
#include "td-error-help.h"
#include "td-secret-buffer.h"

typedef gboolean (*WidgetMatch) (GtkWidget *widget);

/* The first descendant of @widget, depth first, that @match accepts. */
static GtkWidget *
find_descendant (GtkWidget   *widget,
                 WidgetMatch  match)
{
  g_assert (GTK_IS_WIDGET (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (match (child))
        return child;

      if ((found = find_descendant (child, match)) != NULL)
        return found;
    }

  return NULL;
}

void
td_accessible_name_button_by_label (GtkButton *button)
{
  g_return_if_fail (GTK_IS_BUTTON (button));

  gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

void
td_accessible_keep_button_label (GtkButton *button)
{
  g_return_if_fail (GTK_IS_BUTTON (button));

  gtk_accessible_reset_relation (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

typedef struct
{
  char *show_label;
  char *hide_label;
} PeekLabels;

static void
peek_labels_free (gpointer data)
{
  PeekLabels *labels = data;

  g_free (labels->show_label);
  g_free (labels->hide_label);
  g_free (labels);
}

/* libadwaita switches the icon between these two as the text is hidden
 * and shown; no other button of a password row has them. */
static gboolean
is_peek_button (GtkWidget *widget)
{
  const char *icon_name;

  if (!GTK_IS_BUTTON (widget) || GTK_IS_TOGGLE_BUTTON (widget))
    return FALSE;

  icon_name = gtk_button_get_icon_name (GTK_BUTTON (widget));

  return g_strcmp0 (icon_name, "view-reveal-symbolic") == 0 ||
         g_strcmp0 (icon_name, "view-conceal-symbolic") == 0;
}

static void
update_peek_label (GtkWidget  *peek_button,
                   GParamSpec *pspec,
                   GtkText    *text)
{
  PeekLabels *labels = g_object_get_data (G_OBJECT (peek_button), "td-peek-labels");

  g_assert (labels != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (peek_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_text_get_visibility (text) ? labels->hide_label
                                                                 : labels->show_label,
                                  -1);
}

void
td_accessible_name_peek_button (AdwPasswordEntryRow *row,
                                const char          *show_label,
                                const char          *hide_label)
{
  GtkEditable *text;
  GtkWidget *peek_button;
  PeekLabels *labels;

  g_return_if_fail (ADW_IS_PASSWORD_ENTRY_ROW (row));
  g_return_if_fail (show_label != NULL && hide_label != NULL);

  text = gtk_editable_get_delegate (GTK_EDITABLE (row));
  peek_button = find_descendant (GTK_WIDGET (row), is_peek_button);

  /* Another libadwaita: nothing to fix, or nothing this knows how to. */
  if (peek_button == NULL || !GTK_IS_TEXT (text))
    return;

  labels = g_new0 (PeekLabels, 1);
  labels->show_label = g_strdup (show_label);
  labels->hide_label = g_strdup (hide_label);
  g_object_set_data_full (G_OBJECT (peek_button), "td-peek-labels", labels, peek_labels_free);

  g_signal_connect_object (text, "notify::visibility",
                           G_CALLBACK (update_peek_label), peek_button,
                           G_CONNECT_SWAPPED);
  update_peek_label (peek_button, NULL, GTK_TEXT (text));
}

static void
set_label (GtkWidget  *widget,
           const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* Every descendant of @widget that is a toggle button or a list view
 * (GtkColumnView's inner list is one), popovers included: they are
 * children of the widget they point at. */
static void
name_choice_parts (GtkWidget  *widget,
                  const char *label)
{
  g_assert (GTK_IS_WIDGET (widget));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child) || GTK_IS_LIST_VIEW (child))
        set_label (child, label);

      name_choice_parts (child, label);
    }
}

static gboolean
is_toggle_button (GtkWidget *widget)
{
  return GTK_IS_TOGGLE_BUTTON (widget);
}

/* What @dropdown shows of its chosen item: its expression's string, or
 * the string of a GtkStringList's item; NULL if none. */
static char *
dup_drop_down_choice (GtkDropDown *dropdown)
{
  gpointer item = gtk_drop_down_get_selected_item (dropdown);
  GtkExpression *expression = gtk_drop_down_get_expression (dropdown);
  char *text = NULL;

  if (item == NULL)
    return NULL;

  if (expression != NULL)
    {
      GValue value = G_VALUE_INIT;

      if (gtk_expression_evaluate (expression, item, &value))
        {
          if (G_VALUE_HOLDS_STRING (&value))
            text = g_value_dup_string (&value);
          g_value_unset (&value);
        }
    }
  else if (GTK_IS_STRING_OBJECT (item))
    text = g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));

  return text;
}

static void
describe_drop_down_choice (GtkDropDown *dropdown,
                           GParamSpec  *pspec,
                           GtkWidget   *button)
{
  g_autofree char *text = dup_drop_down_choice (dropdown);

  if (text != NULL && text[0] != '\0')
    td_accessible_set_description (button, text, NULL);
  else
    td_accessible_set_description (button, NULL, NULL);
}

void
td_accessible_name_choice_parts (GtkWidget  *widget,
                                const char *label)
{
  GtkWidget *button;

  g_return_if_fail (GTK_IS_DROP_DOWN (widget) ||
                    ADW_IS_COMBO_ROW (widget) ||
                    GTK_IS_COLUMN_VIEW (widget));
  g_return_if_fail (label != NULL);

  name_choice_parts (widget, label);

  /* The button of a GtkDropDown that takes the focus is heard by its
   * name alone ("Traffic limit unit push button"), not by what it shows:
   * what is chosen becomes its description, read with its name.  The
   * drop-down's own button is its first toggle button, before those of
   * its popover.  Once per drop-down, however often it is renamed. */
  if (GTK_IS_DROP_DOWN (widget) &&
      g_object_get_data (G_OBJECT (widget), "td-choice-described") == NULL &&
      (button = find_descendant (widget, is_toggle_button)) != NULL)
    {
      g_object_set_data (G_OBJECT (widget), "td-choice-described", GINT_TO_POINTER (TRUE));
      g_signal_connect_object (widget, "notify::selected-item",
                               G_CALLBACK (describe_drop_down_choice), button, 0);
      describe_drop_down_choice (GTK_DROP_DOWN (widget), NULL, button);
    }
}

/* libadwaita 1.2 builds a toast's close button from this icon alone. */
static gboolean
is_toast_close_button (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "window-close-symbolic") == 0;
}

static void
name_toast_buttons (AdwToastOverlay *overlay,
                    const char      *label)
{
  g_assert (ADW_IS_TOAST_OVERLAY (overlay));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *button;

      /* The overlay's own content is not a toast. */
      if (child == adw_toast_overlay_get_child (overlay))
        continue;

      if ((button = find_descendant (child, is_toast_close_button)) != NULL)
        set_label (button, label);
    }
}

static void
toast_dismissed_cb (AdwToast        *toast,
                    AdwToastOverlay *overlay)
{
  const char *label = g_object_get_data (G_OBJECT (toast), "td-close-label");

  g_assert (label != NULL);

  /* The next toast in the queue, if any, is shown now. */
  name_toast_buttons (overlay, label);
}

void
td_accessible_name_toast_buttons (AdwToastOverlay *overlay,
                                  AdwToast        *toast,
                                  const char      *label)
{
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));
  g_return_if_fail (label != NULL);

  g_object_set_data_full (G_OBJECT (toast), "td-close-label", g_strdup (label), g_free);
  g_signal_connect_object (toast, "dismissed",
                           G_CALLBACK (toast_dismissed_cb), overlay,
                           G_CONNECT_AFTER);
  name_toast_buttons (overlay, label);
}

void
td_accessible_name_preferences_search (AdwPreferencesWindow *window,
                                       const char           *search_label,
                                       const char           *results_label)
{
  GObject *child;

  g_return_if_fail (ADW_IS_PREFERENCES_WINDOW (window));
  g_return_if_fail (search_label != NULL && results_label != NULL);

  /* Children of libadwaita 1.2's own template, looked up by their id. */
  child = gtk_widget_get_template_child (GTK_WIDGET (window), ADW_TYPE_PREFERENCES_WINDOW,
                                         "search_entry");
  if (GTK_IS_WIDGET (child))
    set_label (GTK_WIDGET (child), search_label);

  child = gtk_widget_get_template_child (GTK_WIDGET (window), ADW_TYPE_PREFERENCES_WINDOW,
                                         "search_results");
  if (GTK_IS_WIDGET (child))
    set_label (GTK_WIDGET (child), results_label);
}

/* GTK 4.8 exposes GTK_ACCESSIBLE_STATE_INVALID on AT-SPI as "invalid"
 * (ATSPI_STATE_INVALID, an object gone stale), not as "invalid-entry"
 * (ATSPI_STATE_INVALID_ENTRY, a field whose value is wrong), as later
 * GTKs do.  Orca takes an "invalid" object for a zombie: it drops the
 * focus events of such a field and says nothing when the focus comes
 * back to it ("ZOMBIE: [text | Username] is invalid" in its debug log),
 * nor when it goes on to the next field, still thinking the focus is
 * where it was.  So under GTK 4.8 a wrong field is not marked invalid
 * at all: its message, the accessible description, says what is wrong.
 * The state is set from GTK 4.14 on, which maps it to invalid-entry. */
static gboolean
invalid_state_is_heard (void)
{
  return gtk_get_major_version () > 4 ||
         (gtk_get_major_version () == 4 && gtk_get_minor_version () >= 14);
}

/* A field's description: its message, then its note. */
static void
update_field_description (GtkWidget *field)
{
  td_accessible_set_description (field,
                                 g_object_get_data (G_OBJECT (field), "td-field-message"),
                                 g_object_get_data (G_OBJECT (field), "td-field-note"));
}

void
td_accessible_set_field_note (GtkWidget  *field,
                              const char *note)
{
  g_return_if_fail (GTK_IS_WIDGET (field));

  g_object_set_data_full (G_OBJECT (field), "td-field-note", g_strdup (note), g_free);
  update_field_description (field);
}

void
td_accessible_set_invalid (GtkWidget *field,
                           gboolean   invalid)
{
  g_return_if_fail (GTK_IS_WIDGET (field));

  if (invalid && invalid_state_is_heard ())
    gtk_accessible_update_state (GTK_ACCESSIBLE (field),
                                 GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                 -1);
  else
    gtk_accessible_reset_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID);
}

void
td_accessible_set_field_message (GtkWidget  *field,
                                 GtkWidget  *message_row,
                                 GtkLabel   *message_label,
                                 const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (field));
  g_return_if_fail (message_row == NULL || GTK_IS_WIDGET (message_row));
  g_return_if_fail ((message_row == NULL) == (message_label == NULL));
  g_return_if_fail (message_label == NULL || GTK_IS_LABEL (message_label));

  if (message != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      td_accessible_set_invalid (field, TRUE);
      if (message_label != NULL)
        {
          gtk_label_set_label (message_label, message);
          gtk_accessible_update_relation (GTK_ACCESSIBLE (field),
                                          GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, message_label, NULL,
                                          -1);
        }
    }
  else
    {
      gtk_widget_remove_css_class (field, "error");
      td_accessible_set_invalid (field, FALSE);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
    }

  /* What a screen reader reads with the field when it gets the focus. */
  g_object_set_data_full (G_OBJECT (field), "td-field-message", g_strdup (message), g_free);
  update_field_description (field);

  if (message_row != NULL)
    gtk_widget_set_visible (message_row, message != NULL);
}

static void
set_error_card (GtkRevealer *revealer,
                GtkLabel    *label,
                const char  *message,
                const char  *help_section)
{
  g_assert (GTK_IS_REVEALER (revealer));
  g_assert (GTK_IS_LABEL (label));

  /* Offered again only by the caller that knows the request. */
  td_error_help_set_form_offer (label, NULL);

  if (message == NULL)
    {
      gtk_revealer_set_reveal_child (revealer, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (revealer), FALSE);
      td_error_help_set_section (label, NULL);
      return;
    }

  gtk_label_set_label (label, message);
  /* A link to the guide's explanation, for the errors it explains. */
  td_error_help_set_section (label, help_section);
  gtk_widget_set_visible (GTK_WIDGET (revealer), TRUE);
  gtk_revealer_set_reveal_child (revealer, TRUE);
}

void
td_accessible_set_error_card (GtkRevealer *revealer,
                              GtkLabel    *label,
                              const char  *message)
{
  g_return_if_fail (GTK_IS_REVEALER (revealer));
  g_return_if_fail (GTK_IS_LABEL (label));

  set_error_card (revealer, label, message, td_error_message_get_help_section (message));
}

void
td_accessible_set_error_card_for_error (GtkRevealer  *revealer,
                                        GtkLabel     *label,
                                        const char   *message,
                                        const GError *error)
{
  const char *section;

  g_return_if_fail (GTK_IS_REVEALER (revealer));
  g_return_if_fail (GTK_IS_LABEL (label));
  g_return_if_fail (error != NULL);

  section = td_error_get_help_section (error);
  if (section == NULL)
    section = td_error_message_get_help_section (message ? message : error->message);

  set_error_card (revealer, label, message ? message : error->message, section);
}

static void
focus_error_label (GtkLabel *label)
{
  g_assert (GTK_IS_LABEL (label));

  g_signal_handlers_disconnect_by_func (label, focus_error_label, NULL);

  /* Focus without selecting the whole message. */
  gtk_widget_grab_focus (GTK_WIDGET (label));
  gtk_label_select_region (label, 0, 0);
}

void
td_accessible_focus_error_when_shown (GtkLabel *label)
{
  g_return_if_fail (GTK_IS_LABEL (label));

  g_signal_handlers_disconnect_by_func (label, focus_error_label, NULL);

  if (gtk_widget_get_mapped (GTK_WIDGET (label)))
    focus_error_label (label);
  else
    g_signal_connect (label, "map", G_CALLBACK (focus_error_label), NULL);
}

static gboolean
drop_image_label_cb (GSignalInvocationHint *hint,
                     guint                  n_values,
                     const GValue          *values,
                     gpointer               user_data)
{
  GObject *object = g_value_get_object (&values[0]);
  GtkWidget *child;

  if (!GTK_IS_BUTTON (object) || GTK_IS_TOGGLE_BUTTON (object) ||
      GTK_IS_MENU_BUTTON (gtk_widget_get_parent (GTK_WIDGET (object))))
    return TRUE;

  /* Only the icon buttons that have their own accessible label: the
   * house rule gives each a tooltip too; libadwaita's toast close button
   * is named by td_accessible_name_toast_buttons().  Others may be named
   * by their image alone. */
  if (gtk_widget_get_tooltip_text (GTK_WIDGET (object)) == NULL &&
      !is_toast_close_button (GTK_WIDGET (object)))
    return TRUE;

  child = gtk_widget_get_first_child (GTK_WIDGET (object));
  if (GTK_IS_IMAGE (child) && gtk_widget_get_next_sibling (child) == NULL)
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (object), GTK_ACCESSIBLE_RELATION_LABELLED_BY);

  return TRUE;
}

void
td_accessible_install_icon_button_fix (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      /* The signals of a class exist once the class does. */
      gpointer widget_class = g_type_class_ref (GTK_TYPE_WIDGET);

      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                                  drop_image_label_cb, NULL, NULL);
      g_type_class_unref (widget_class);
      g_once_init_leave (&installed, 1);
    }
}

void
td_accessible_set_description (GtkWidget  *widget,
                               const char *first,
                               const char *second)
{
  g_autofree char *description = NULL;
  const char *cached;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (first != NULL && second != NULL)
    description = g_strconcat (first, " ", second, NULL);
  else if (first != NULL || second != NULL)
    description = g_strdup (first != NULL ? first : second);

  /* Orca says a description again each time it is set, even to the same
   * text ("In gigabytes." after every digit typed): only a change is
   * passed on.  GTK 4.8 cannot tell what it is, so it is kept here. */
  cached = g_object_get_data (G_OBJECT (widget), "td-description");
  if (cached != NULL && strcmp (cached, description != NULL ? description : "") == 0)
    return;

  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  g_object_set_data_full (G_OBJECT (widget), "td-description",
                          description != NULL ? g_steal_pointer (&description) : g_strdup (""),
                          g_free);
}

/* Hidden secrets (passwords, the token, the key).
 *
 * GTK 4.8 exposes the real text of a hidden GtkText (the text inside a
 * GtkPasswordEntry, or a GtkEntry with visibility off) to any AT-SPI
 * client, in gtk/a11y/gtkatspitext.c (tag 4.8.3):
 *
 *  - editable_handle_method(), "GetText" and "GetCharacterAtOffset":
 *    gtk_editable_get_text(), the buffer's text, not the one displayed
 *    (Orca read "Pw0…" of a filled password field when it got the focus);
 *  - insert_text_cb(): the "text-changed:insert" event carries the
 *    characters of the "insert-text" signal, so every key typed is sent
 *    to every listener (Orca included);
 *  - delete_text_cb(): "text-changed:delete" carries
 *    gtk_editable_get_chars(), the buffer's text again.
 *
 * Only GetTextAtOffset / GetStringAtOffset read the PangoLayout, which
 * shows the invisible character.  Debian 12's GTK is used as it is, so
 * the field is given a buffer that holds the secret apart
 * (TdSecretBuffer): its text, as GTK reads it, is one mask character per
 * character; and each insertion is re-emitted with the mask, so the
 * events carry the mask too.  What stays exposed: the length (the
 * description says it anyway, "9 characters."), and the text itself
 * while the field is shown (td_accessible_set_secret_shown()), as it is
 * then on screen for anyone to read. */

static GtkText *
secret_text_of (GtkWidget *entry)
{
  GtkEditable *editable;

  if (!GTK_IS_EDITABLE (entry))
    return NULL;

  /* GtkPasswordEntry and GtkEntry delegate to a GtkText. */
  for (editable = GTK_EDITABLE (entry);
       editable != NULL && !GTK_IS_TEXT (editable);
       editable = gtk_editable_get_delegate (editable))
    ;

  return editable != NULL ? GTK_TEXT (editable) : NULL;
}

static TdSecretBuffer *
secret_buffer_of (GtkWidget *entry)
{
  GtkText *text = secret_text_of (entry);
  GtkEntryBuffer *buffer = text != NULL ? gtk_text_get_buffer (text) : NULL;

  return TD_IS_SECRET_BUFFER (buffer) ? TD_SECRET_BUFFER (buffer) : NULL;
}

/* Runs before GtkText inserts: the insertion is made again with the mask
 * (the buffer stores the real characters it is handed beforehand), and
 * this one, with the real characters, is stopped before anything else
 * (assistive technology above all) hears of it. */
static void
on_secret_insert_text (GtkEditable    *text,
                       const char     *new_text,
                       int             length,
                       int            *position,
                       TdSecretBuffer *buffer)
{
  g_autofree char *mask = NULL;
  char *real;
  glong n_chars;

  if (g_object_get_data (G_OBJECT (buffer), "td-inserting") != NULL)
    return;

  real = length < 0 ? g_strdup (new_text) : g_strndup (new_text, length);
  n_chars = g_utf8_strlen (real, -1);
  mask = td_secret_buffer_dup_mask (buffer, n_chars);

  g_object_set_data (G_OBJECT (buffer), "td-inserting", GINT_TO_POINTER (TRUE));
  td_secret_buffer_set_pending (buffer, real);
  gtk_editable_insert_text (text, mask, -1, position);
  td_secret_buffer_set_pending (buffer, NULL);
  g_object_set_data (G_OBJECT (buffer), "td-inserting", NULL);

  g_signal_stop_emission_by_name (text, "insert-text");

  memset (real, 0, strlen (real));
  g_free (real);
}

/* Whoever shows the text (GtkPasswordEntry's own peek icon included),
 * the buffer follows. */
static void
on_secret_visibility (GtkText        *text,
                      GParamSpec     *pspec,
                      TdSecretBuffer *buffer)
{
  td_secret_buffer_set_revealed (buffer, gtk_text_get_visibility (text));
}

void
td_accessible_guard_secret (GtkWidget *entry)
{
  GtkText *text;
  GtkEntryBuffer *buffer;
  g_autofree char *current = NULL;

  g_return_if_fail (GTK_IS_EDITABLE (entry));

  text = secret_text_of (entry);
  g_return_if_fail (text != NULL);

  if (secret_buffer_of (entry) != NULL)
    return;

  current = g_strdup (gtk_editable_get_text (GTK_EDITABLE (text)));
  buffer = td_secret_buffer_new (gtk_text_get_invisible_char (text));
  gtk_entry_buffer_set_text (buffer, current, -1);
  td_secret_buffer_set_revealed (TD_SECRET_BUFFER (buffer), gtk_text_get_visibility (text));
  gtk_text_set_buffer (text, buffer);
  g_object_unref (buffer);
  memset (current, 0, strlen (current));

  /* Undo would insert what it recorded: the mask. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (text), FALSE);

  g_signal_connect_object (text, "insert-text", G_CALLBACK (on_secret_insert_text), buffer, 0);
  g_signal_connect_object (text, "notify::visibility", G_CALLBACK (on_secret_visibility), buffer, 0);
}

const char *
td_accessible_get_secret (GtkWidget *entry)
{
  TdSecretBuffer *buffer;

  g_return_val_if_fail (GTK_IS_EDITABLE (entry), "");

  buffer = secret_buffer_of (entry);
  if (buffer == NULL)
    return gtk_editable_get_text (GTK_EDITABLE (entry));

  return td_secret_buffer_get_secret (buffer);
}

void
td_accessible_set_secret_shown (GtkWidget *entry,
                                gboolean   shown)
{
  GtkText *text;
  TdSecretBuffer *buffer;

  g_return_if_fail (GTK_IS_EDITABLE (entry));

  text = secret_text_of (entry);
  g_return_if_fail (text != NULL);

  /* The buffer first: GtkText lays its text out again when its
   * visibility changes, reading the buffer. */
  buffer = secret_buffer_of (entry);
  if (buffer != NULL)
    td_secret_buffer_set_revealed (buffer, shown);
  gtk_text_set_visibility (text, shown);
}

gboolean
td_accessible_get_secret_shown (GtkWidget *entry)
{
  GtkText *text;

  g_return_val_if_fail (GTK_IS_EDITABLE (entry), FALSE);

  text = secret_text_of (entry);
  return text != NULL && gtk_text_get_visibility (text);
}

/**
 * td_accessible_dup_secret_length:
 * @entry: a guarded secret field
 *
 * What a screen reader is told of a secret instead of its characters.
 *
 * Returns: (transfer full) (nullable): "N characters.", or %NULL when empty
 */
char *
td_accessible_dup_secret_length (GtkWidget *entry)
{
  int length = (int) g_utf8_strlen (td_accessible_get_secret (entry), -1);

  if (length == 0)
    return NULL;

  /* Translators: what a screen reader says of a password, token or key
   * field, instead of its characters */
  return g_strdup_printf (ngettext ("%d character.", "%d characters.", length), length);
}

/**
 * td_accessible_set_peek_button:
 * @entry: a guarded secret field
 * @peek: its show/hide button
 * @shown: whether to show the secret
 * @show_label: the button's name while the secret is hidden
 * @hide_label: its name while it is shown
 *
 * Shows or hides @entry's secret, and gives @peek the icon, tooltip and
 * accessible name that say what pressing it next will do.
 */
void
td_accessible_set_peek_button (GtkWidget  *entry,
                               GtkButton  *peek,
                               gboolean    shown,
                               const char *show_label,
                               const char *hide_label)
{
  const char *label = shown ? hide_label : show_label;

  td_accessible_set_secret_shown (entry, shown);

  gtk_button_set_icon_name (peek, shown ? "view-conceal-symbolic" : "view-reveal-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (peek), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (peek),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/**
 * td_accessible_toggle_peek_button:
 * @entry: a guarded secret field
 * @peek: its show/hide button, just pressed
 * @show_label: the button's name while the secret is hidden
 * @hide_label: its name while it is shown
 *
 * Shows @entry's secret if it was hidden, hides it if it was shown (see
 * td_accessible_set_peek_button()).
 */
void
td_accessible_toggle_peek_button (GtkWidget  *entry,
                                  GtkButton  *peek,
                                  const char *show_label,
                                  const char *hide_label)
{
  td_accessible_set_peek_button (entry, peek, !td_accessible_get_secret_shown (entry),
                                 show_label, hide_label);
}

/**
 * td_accessible_note_secret_length:
 * @entry: a guarded secret field
 *
 * Makes the length of @entry's secret ("N characters.") the note a
 * screen reader hears after the field's message (td_accessible_set_field_note()).
 */
void
td_accessible_note_secret_length (GtkWidget *entry)
{
  g_autofree char *count = td_accessible_dup_secret_length (entry);

  td_accessible_set_field_note (entry, count);
}

/**
 * td_accessible_focus_without_selecting:
 *
 * A "mnemonic-activate" handler for an entry: reached by its mnemonic, the
 * field takes the focus without selecting its text, so that a screen reader
 * says its name, value and message rather than only "… selected" (and, for
 * a secret, nothing of it).  Bind it in a template as
 * "on_entry_mnemonic_activate".
 */
gboolean
td_accessible_focus_without_selecting (GtkWidget *entry,
                                       gboolean   group_cycling,
                                       gpointer   user_data)
{
  GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (entry));

  if (!GTK_IS_TEXT (text))
    return FALSE;

  return gtk_text_grab_focus_without_selecting (GTK_TEXT (text));
}

/* td-error-help.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "td-error-help.h"

#define BUTTON_KEY      "td-error-help-button"
#define SECTION_KEY     "td-error-help-section"
#define CANCELLABLE_KEY "td-error-help-cancellable"
#define OFFER_KEY       "td-error-help-form-offer"

char *
td_error_help_dup_uri (const char *section)
{
  g_return_val_if_fail (section != NULL && section[0] != '\0', NULL);

  return g_strconcat ("help:thordesk/errors#", section, NULL);
}

/* ---- opening the help ----------------------------------------------- */

static void
show_uri_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
td_error_help_show_async (GtkWidget           *widget,
                          const char          *section,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *uri = NULL;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (section != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (widget, cancellable, callback, user_data);
  g_task_set_source_tag (task, td_error_help_show_async);

  root = gtk_widget_get_root (widget);
  if (!GTK_IS_WINDOW (root))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               "The widget is in no window");
      return;
    }

  uri = td_error_help_dup_uri (section);
  gtk_show_uri_full (GTK_WINDOW (root), uri, GDK_CURRENT_TIME, cancellable,
                     show_uri_cb, g_steal_pointer (&task));
}

gboolean
td_error_help_show_finish (GtkWidget     *widget,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, widget), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == td_error_help_show_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- the button ----------------------------------------------------- */

/* The button is kept alive by the call's user data and released here. */
static void
button_shown_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GtkWidget) button = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root;
  GtkWidget *dialog;

  g_assert (GTK_IS_BUTTON (button));
  g_assert ((GObject *) button == object);

  if (td_error_help_show_finish (button, result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  root = gtk_widget_get_root (button);
  if (GTK_IS_WINDOW (root))
    {
      /* The same words as when F1 fails (td-application.c). */
      /* Translators: %s says why, e.g. that no application opens help pages */
      body = g_strdup_printf (_("Could not open the help: %s\nThe guide is shown by the Help "
                                "application (package yelp)."),
                              error->message);
      dialog = adw_message_dialog_new (GTK_WINDOW (root), _("The Help Could Not Be Opened"), body);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
on_button_clicked (GtkButton *button)
{
  const char *section = g_object_get_data (G_OBJECT (button), SECTION_KEY);
  GCancellable *previous = g_object_get_data (G_OBJECT (button), CANCELLABLE_KEY);
  GCancellable *cancellable;

  g_assert (GTK_IS_BUTTON (button));

  if (section == NULL)
    return;

  /* One viewer at a time: a second click replaces the first request. */
  if (previous != NULL)
    g_cancellable_cancel (previous);
  cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (button), CANCELLABLE_KEY, cancellable, g_object_unref);

  td_error_help_show_async (GTK_WIDGET (button), section, cancellable,
                            button_shown_cb, g_object_ref (button));
}

/* Gone with its card: nothing is opened for a card that is no more. */
static void
on_button_destroy (GtkWidget *button)
{
  GCancellable *cancellable = g_object_get_data (G_OBJECT (button), CANCELLABLE_KEY);

  if (cancellable != NULL)
    g_cancellable_cancel (cancellable);
}

static GtkWidget *
make_button (void)
{
  GtkWidget *button;

  /* An icon, as the card's other button: a text button beside a message
   * that wraps makes GTK 4.8 measure the card's height inconsistently. */
  button = gtk_button_new_from_icon_name ("dialog-question-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  /* Translators: the tooltip of a button next to an error message that
   * opens the part of the user guide that explains the error */
  gtk_widget_set_tooltip_text (button, _("What Can I Do?"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What can I do? Open the help about this error"),
                                  -1);
  g_signal_connect (button, "clicked", G_CALLBACK (on_button_clicked), NULL);
  g_signal_connect (button, "destroy", G_CALLBACK (on_button_destroy), NULL);

  return button;
}

GtkWidget *
td_error_help_get_button (GtkLabel *label)
{
  g_return_val_if_fail (GTK_IS_LABEL (label), NULL);

  return g_object_get_data (G_OBJECT (label), BUTTON_KEY);
}

void
td_error_help_set_section (GtkLabel   *label,
                           const char *section)
{
  GtkWidget *button;
  GtkWidget *box;

  g_return_if_fail (GTK_IS_LABEL (label));

  button = td_error_help_get_button (label);

  if (section == NULL)
    {
      if (button != NULL)
        {
          g_object_set_data (G_OBJECT (button), SECTION_KEY, NULL);
          gtk_widget_set_visible (button, FALSE);
        }
      return;
    }

  if (button == NULL)
    {
      box = gtk_widget_get_parent (GTK_WIDGET (label));
      /* A card that is only a label has no room for the button. */
      if (!GTK_IS_BOX (box))
        return;

      button = make_button ();
      if (gtk_orientable_get_orientation (GTK_ORIENTABLE (box)) == GTK_ORIENTATION_VERTICAL)
        gtk_widget_set_halign (button, GTK_ALIGN_START);
      gtk_box_insert_child_after (GTK_BOX (box), button, GTK_WIDGET (label));
      /* In the box beside the label, and kept by the label as long as it lives. */
      g_object_set_data_full (G_OBJECT (label), BUTTON_KEY, g_object_ref (button), g_object_unref);
    }

  g_object_set_data_full (G_OBJECT (button), SECTION_KEY, g_strdup (section), g_free);
  gtk_widget_set_visible (button, TRUE);
}

/* ---- "Send as Form Fields" ----------------------------------------- */

GtkWidget *
td_error_help_get_form_offer_button (GtkLabel *label)
{
  g_return_val_if_fail (GTK_IS_LABEL (label), NULL);

  return g_object_get_data (G_OBJECT (label), OFFER_KEY);
}

static GtkWidget *
make_offer_button (void)
{
  GtkWidget *button;

  /* Translators: a button under an error message, after Thordata refused
   * a request sent as JSON; it sends the same request again encoded as
   * form fields, as Thordata's own tools do */
  button = gtk_button_new_with_label (_("Send as Form Fields"));
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "pill");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Sends the same request once more, encoded as form fields, "
                                    "and keeps that choice for this account"),
                                  -1);
  gtk_widget_set_tooltip_text (button,
                               _("Send the same request once more, encoded as form fields, and "
                                 "keep that choice for this account"));

  return button;
}

void
td_error_help_set_form_offer (GtkLabel   *label,
                              const char *action_name)
{
  GtkWidget *button;
  GtkWidget *child;
  GtkWidget *parent;

  g_return_if_fail (GTK_IS_LABEL (label));

  button = td_error_help_get_form_offer_button (label);

  if (action_name == NULL)
    {
      if (button != NULL)
        {
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), NULL);
          gtk_widget_set_visible (button, FALSE);
        }
      return;
    }

  if (button == NULL)
    {
      /* Below the card: a text button beside a message that wraps makes
       * GTK 4.8 measure the card's height inconsistently. */
      child = GTK_WIDGET (label);
      for (parent = gtk_widget_get_parent (child);
           parent != NULL && !(GTK_IS_BOX (parent) &&
                               gtk_orientable_get_orientation (GTK_ORIENTABLE (parent)) ==
                               GTK_ORIENTATION_VERTICAL);
           parent = gtk_widget_get_parent (child))
        child = parent;
      if (parent == NULL)
        return;

      button = make_offer_button ();
      gtk_box_insert_child_after (GTK_BOX (parent), button, child);
      g_object_set_data_full (G_OBJECT (label), OFFER_KEY, g_object_ref (button), g_object_unref);
    }

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_widget_set_visible (button, TRUE);
}

/* td-import-page.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-accessible.h"
#include "td-clipboard.h"
#include "td-csv.h"
#include "td-import-creator.h"
#include "td-import-page.h"
#include "td-import-page-private.h"
#include "td-user-store.h"

/* Bytes read from a file per step; the whole file is read only up to
 * the CSV reader's cap (and one byte more, so that it can refuse it). */
#define READ_CHUNK (64 * 1024)


static void td_import_page_page_iface_init (TdPageInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TdImportPage, td_import_page, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (TD_TYPE_PAGE, td_import_page_page_iface_init))

enum
{
  PROP_0,
  PROP_ACCOUNT,
  PROP_BUSY,
  N_PROPS
};

/* Translated names of the fields, in TdImportField order. */
const char *
td_import_page_field_label (TdImportField field)
{
  switch (field)
    {
    case TD_IMPORT_FIELD_USERNAME:
      return _("Username");
    case TD_IMPORT_FIELD_PASSWORD:
      return _("Password");
    case TD_IMPORT_FIELD_TRAFFIC_LIMIT:
      return _("Traffic limit");
    case TD_IMPORT_FIELD_STATUS:
      return _("Status");
    case TD_IMPORT_FIELD_PROXY_TYPE:
      return _("Proxy type");
    default:
      /* Translators: a column of the file that is not imported */
      return _("Ignored");
    }
}

/* State */

/* FALSE once the page is being disposed: callbacks of work that was in
 * flight then touch no widget. */
static gboolean
is_alive (TdImportPage *self)
{
  return !g_cancellable_is_cancelled (self->cancellable);
}

void
td_import_page_set_error (TdImportPage *self,
                          const char   *message)
{
  if (!is_alive (self))
    return;

  td_accessible_set_error_card (self->error_revealer, self->error_label, message);
}

/* The progress bar has its room below the table from the start, and is
 * only drawn (and heard) from the first run on.  Were it to appear, the
 * table above would shrink, and the whole table be laid out and drawn
 * again in the very frame that shows Create was taken. */
static void
set_progress_shown (TdImportPage *self,
                    gboolean      shown)
{
  gtk_widget_set_child_visible (GTK_WIDGET (self->progress_bar), shown);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->progress_bar),
                               GTK_ACCESSIBLE_STATE_HIDDEN, !shown,
                               -1);
}

static void
update_busy (TdImportPage *self)
{
  gboolean busy = self->n_loading > 0 || self->creator != NULL;

  if (busy != self->busy)
    {
      self->busy = busy;
      g_object_notify (G_OBJECT (self), "busy");
    }
}

void
td_import_page_update_actions (TdImportPage *self)
{
  gboolean creating = self->creator != NULL;
  gboolean loading = self->n_loading > 0;
  guint n_ready = td_import_get_n_ready (self->import);
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->import));
  g_autofree char *label = NULL;

  if (!is_alive (self))
    return;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.open", !creating);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.paste", !creating);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.create",
                                 !creating && !loading && n_ready > 0 &&
                                 td_import_get_over_quota (self->import) == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.stop", creating);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.copy-logins", !creating && n_rows > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.export-results", !creating && n_rows > 0);

  /* Translators: the button that sends the creates */
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Create %u User", "Create %u Users", n_ready),
                           n_ready);
  gtk_button_set_label (self->create_button, label);

  gtk_widget_set_sensitive (GTK_WIDGET (self->type_dropdown), !creating);
  gtk_widget_set_sensitive (GTK_WIDGET (self->limit_entry), !creating);
  gtk_widget_set_sensitive (GTK_WIDGET (self->enabled_check), !creating);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mapping_box), !creating);

  update_busy (self);
}

static void
update_summary (TdImportPage *self)
{
  g_autofree char *summary = NULL;
  guint over = td_import_get_over_quota (self->import);

  if (!is_alive (self))
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->import)) == 0)
    {
      gtk_label_set_text (self->summary_label, _("Open a file or paste cells to see the rows here. Nothing is sent before you choose Create."));
      td_import_page_update_actions (self);
      return;
    }

  summary = td_import_dup_summary (self->import);
  if (over > 0)
    {
      g_autofree char *quota = NULL;

      quota = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "The account has room for fewer users: remove %u row or raise the quota.",
                                            "The account has room for fewer users: remove %u rows or raise the quota.",
                                            over),
                               over);
      gtk_label_set_text (self->summary_label, quota);
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "error");
      /* The counts stay visible next to the warning. */
      {
        g_autofree char *both = g_strdup_printf ("%s. %s", summary, quota);

        gtk_label_set_text (self->summary_label, both);
      }
    }
  else
    {
      gtk_label_set_text (self->summary_label, summary);
      gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "error");
    }

  td_import_page_update_actions (self);
}

static void
on_counts_changed (TdImportPage *self)
{
  if (self->creator == NULL)
    update_summary (self);
}

/* Defaults */

static void
apply_defaults (TdImportPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->limit_entry));
  g_autofree char *message = NULL;
  gint64 limit_mb = 0;
  TdProxyType type = gtk_drop_down_get_selected (self->type_dropdown) + 1;

  /* Off during a run (in the frame after Create: start_step()). */
  if (self->creator != NULL)
    return;

  if (text[0] != '\0')
    message = td_import_parse_limit (text, TD_TRAFFIC_UNIT_GB, &limit_mb);

  gtk_label_set_text (self->limit_message, message != NULL ? message : "");
  if (message != NULL)
    {
      td_accessible_set_invalid (GTK_WIDGET (self->limit_entry), TRUE);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (self->limit_entry),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->limit_message, NULL, -1);
      return;
    }

  td_accessible_set_invalid (GTK_WIDGET (self->limit_entry), FALSE);
  td_import_set_defaults (self->import, type, limit_mb,
                          gtk_check_button_get_active (self->enabled_check));
}

/* Existing users and quota, from the account's user stores */

static void
update_existing (TdImportPage *self)
{
  gint64 remaining = -1;

  for (int type = 1; type <= N_TYPES; type++)
    {
      TdUserStore *store = td_account_get_user_store (self->account, type);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
      g_autoptr(GPtrArray) names = g_ptr_array_new_full (n + 1, g_free);

      if (!td_user_store_get_loaded (store))
        {
          td_import_set_existing (self->import, type, NULL);
          continue;
        }

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TdProxyUser) user = g_list_model_get_item (G_LIST_MODEL (store), i);

          g_ptr_array_add (names, g_strdup (td_proxy_user_get_username (user)));
        }
      g_ptr_array_add (names, NULL);
      td_import_set_existing (self->import, type, (const char * const *) names->pdata);

      if (td_user_store_get_remaining (store) >= 0)
        remaining = remaining < 0 ? td_user_store_get_remaining (store)
                                  : MIN (remaining, td_user_store_get_remaining (store));
    }

  td_import_set_remaining (self->import, remaining);
}

static void
on_store_changed (TdImportPage *self)
{
  /* During a run the rows' states are the run's. */
  if (self->creator == NULL)
    update_existing (self);
}

static void
store_refreshed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TdImportPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!td_user_store_refresh_finish (TD_USER_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message =
        g_strdup_printf (_("The account’s users could not be read, so existing users are not marked: %s"),
                         error->message);

      td_import_page_set_error (self, message);
    }
}

void
td_import_page_refresh_stores (TdImportPage *self,
                               gboolean      all)
{
  for (int type = 1; type <= N_TYPES; type++)
    {
      TdUserStore *store = td_account_get_user_store (self->account, type);

      if (all || (!td_user_store_get_loaded (store) && !td_user_store_get_loading (store)))
        td_user_store_refresh_async (store, self->cancellable, store_refreshed_cb, g_object_ref (self));
    }
}

/* Column mapping, for files without a header */

static void
on_mapping_selected (GtkDropDown  *dropdown,
                     GParamSpec   *pspec,
                     TdImportPage *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "column"));
  guint selected = gtk_drop_down_get_selected (dropdown);
  TdImportField field = selected == 0 ? TD_IMPORT_FIELD_NONE : (TdImportField) (selected - 1);

  if (td_import_get_column_field (self->import, column) != field)
    td_import_set_column_field (self->import, column, field);
}

static void rebuild_mapping (TdImportPage *self);

static void
rebuild_mapping (TdImportPage *self)
{
  guint n_columns = td_import_get_n_columns (self->import);
  gboolean show = !td_import_get_has_header (self->import) && n_columns > 0;

  for (guint i = 0; i < self->mapping_dropdowns->len; i++)
    gtk_box_remove (self->mapping_box, g_ptr_array_index (self->mapping_dropdowns, i));
  g_ptr_array_set_size (self->mapping_dropdowns, 0);

  gtk_widget_set_visible (GTK_WIDGET (self->mapping_box), show);
  if (!show)
    return;

  for (guint column = 0; column < n_columns && column < 12; column++)
    {
      g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);
      g_autofree char *name = NULL;
      GtkWidget *dropdown;
      TdImportField field = td_import_get_column_field (self->import, column);

      gtk_string_list_append (fields, td_import_page_field_label (TD_IMPORT_FIELD_NONE));
      for (guint f = 0; f < TD_IMPORT_N_FIELDS; f++)
        gtk_string_list_append (fields, td_import_page_field_label (f));

      dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&fields)), NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), field == TD_IMPORT_FIELD_NONE ? 0 : field + 1);
      g_object_set_data (G_OBJECT (dropdown), "column", GUINT_TO_POINTER (column));
      /* Translators: %u is the number of a column of the file: 1, 2, ... */
      name = g_strdup_printf (_("What column %u holds"), column + 1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_widget_set_tooltip_text (dropdown, name);
      td_accessible_name_choice_parts (dropdown, name);
      g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (on_mapping_selected), self, 0);
      gtk_box_append (self->mapping_box, dropdown);
      g_ptr_array_add (self->mapping_dropdowns, dropdown);
    }
}

/* Loading */

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TdImportPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->n_loading--;
  if (!td_import_load_finish (TD_IMPORT (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        td_import_page_set_error (self, error->message);
    }
  else if (is_alive (self))
    {
      td_import_page_set_error (self, NULL);
      rebuild_mapping (self);
      update_existing (self);
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      set_progress_shown (self, FALSE);
    }

  update_summary (self);
}

static void
load_bytes (TdImportPage *self,
            GBytes       *bytes)
{
  self->n_loading++;
  td_import_page_update_actions (self);
  td_import_load_async (self->import, bytes, 0, self->cancellable, load_done_cb, g_object_ref (self));
}

typedef struct
{
  TdImportPage *self;
  GInputStream *stream;
  GByteArray   *data;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->data, g_byte_array_unref);
  g_free (data);
}

static void read_chunk_cb (GObject *source, GAsyncResult *result, gpointer user_data);

static void
read_failed (ReadData     *data,
             const GError *error)
{
  TdImportPage *self = data->self;

  self->n_loading--;
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_autofree char *message = g_strdup_printf (_("The file could not be read: %s"), error->message);

      td_import_page_set_error (self, message);
    }
  td_import_page_update_actions (self);
  read_data_free (data);
}

static void
read_chunk_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  ReadData *data = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;
  TdImportPage *self = data->self;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (chunk == NULL)
    {
      read_failed (data, error);
      return;
    }

  if (g_bytes_get_size (chunk) > 0 && data->data->len <= TD_CSV_MAX_BYTES)
    {
      g_byte_array_append (data->data, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
      g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                       self->cancellable, read_chunk_cb, data);
      return;
    }

  /* The end, or past the cap: the reader says which. */
  {
    g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data->data));

    self->n_loading--;
    load_bytes (self, bytes);
  }
  read_data_free (data);
}

static void
file_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ReadData *data = user_data;
  g_autoptr(GError) error = NULL;

  data->stream = G_INPUT_STREAM (g_file_read_finish (G_FILE (source), result, &error));
  if (data->stream == NULL)
    {
      read_failed (data, error);
      return;
    }

  g_input_stream_read_bytes_async (data->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   data->self->cancellable, read_chunk_cb, data);
}

void
td_import_page_open_file (TdImportPage *self,
                          GFile        *file)
{
  ReadData *data;
  g_autofree char *name = NULL;

  g_return_if_fail (TD_IS_IMPORT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->creator != NULL)
    return;

  name = g_file_get_basename (file);
  gtk_label_set_text (self->source_label, name);

  data = g_new0 (ReadData, 1);
  data->self = g_object_ref (self);
  data->data = g_byte_array_new ();
  self->n_loading++;
  td_import_page_update_actions (self);
  g_file_read_async (file, G_PRIORITY_DEFAULT, self->cancellable, file_read_cb, data);
}

static void
open_response_cb (GtkNativeDialog *dialog,
                  int              response,
                  gpointer         user_data)
{
  TdImportPage *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      td_import_page_open_file (self, file);
    }

  g_object_unref (dialog);
}

GtkWindow *
td_import_page_get_window (TdImportPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdImportPage *self = TD_IMPORT_PAGE (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->creator != NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Open a CSV File"), td_import_page_get_window (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (csv, _("CSV and text files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_mime_type (csv, "text/tab-separated-values");
  gtk_file_filter_add_mime_type (csv, "text/plain");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "tsv");
  gtk_file_filter_add_suffix (csv, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), csv);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (open_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
paste_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TdImportPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  self->n_loading--;
  if (text == NULL || text[0] == '\0')
    {
      td_import_page_set_error (self, _("The clipboard holds no text. Copy cells in the spreadsheet first."));
      td_import_page_update_actions (self);
      return;
    }

  gtk_label_set_text (self->source_label, _("Pasted cells"));
  length = strlen (text);
  bytes = g_bytes_new_take (g_steal_pointer (&text), length);
  load_bytes (self, bytes);
}

static void
paste_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  TdImportPage *self = TD_IMPORT_PAGE (widget);

  if (self->creator != NULL)
    return;

  self->n_loading++;
  td_import_page_update_actions (self);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), self->cancellable,
                                 paste_read_cb, g_object_ref (self));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         TdImportPage  *self)
{
  if (!G_VALUE_HOLDS (value, G_TYPE_FILE) || self->creator != NULL)
    return FALSE;

  td_import_page_open_file (self, g_value_get_object (value));
  return TRUE;
}

/* Creating */

/* A screen reader hears the progress bar's percentage by itself (Orca:
 * every 10 s), but not how many users were created and how many failed.
 * That summary becomes the description of the progress bar and of the
 * Stop button, which has the focus during a run (Orca speaks a new
 * description of the focused control): at every tenth of the run, or
 * after 5 s, never more often than every 2 s, so that it is heard at
 * sensible intervals and never row by row. */
#define ANNOUNCE_MIN_USEC (2 * G_USEC_PER_SEC)
#define ANNOUNCE_MAX_USEC (5 * G_USEC_PER_SEC)

static void
announce_progress (TdImportPage    *self,
                   TdImportCreator *creator,
                   gboolean         force)
{
  guint done = td_import_creator_get_n_done (creator);
  guint total = td_import_creator_get_n_total (creator);
  gint64 now = g_get_monotonic_time ();
  gint64 since = now - self->announced_at;
  g_autofree char *text = NULL;

  if (!force)
    {
      if (done == self->announced_done || done >= total || since < ANNOUNCE_MIN_USEC)
        return;
      if (done - self->announced_done < MAX (total / 10, 1) && since < ANNOUNCE_MAX_USEC)
        return;
    }

  self->announced_at = now;
  self->announced_done = done;
  /* Translators: heard by screen reader users during an import, every
   * few seconds: "120 of 500 created, 3 failed." */
  text = g_strdup_printf (_("%u of %u created, %u failed."),
                          td_import_creator_get_n_created (creator), total,
                          td_import_creator_get_n_failed (creator));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->stop_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
update_progress (TdImportPage    *self,
                 TdImportCreator *creator)
{
  guint done = td_import_creator_get_n_done (creator);
  guint total = td_import_creator_get_n_total (creator);
  g_autofree char *text = NULL;

  if (!is_alive (self))
    return;

  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 1.0);

  if (done > 0 && done < total)
    {
      double elapsed = (g_get_monotonic_time () - self->run_started) / (double) G_USEC_PER_SEC;
      guint left = (guint) (elapsed / done * (total - done) + 0.5);

      /* Translators: progress of an import: "12 of 40 done, about 8 s left" */
      text = g_strdup_printf (_("%u of %u done, about %u s left"), done, total, MAX (left, 1));
    }
  else
    {
      /* Translators: progress of an import: "12 of 40 done" */
      text = g_strdup_printf (_("%u of %u done"), done, total);
    }
  gtk_progress_bar_set_text (self->progress_bar, text);
  announce_progress (self, creator, FALSE);
}

static void
on_n_done (TdImportCreator *creator,
           GParamSpec      *pspec,
           TdImportPage    *self)
{
  update_progress (self, creator);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TdImportPage) self = user_data;
  g_autoptr(TdImportCreator) creator = g_steal_pointer (&self->creator);
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->import));
  gboolean stop_had_focus;

  td_import_creator_run_finish (creator, result, &error);
  g_clear_object (&self->stop);
  stop_had_focus = is_alive (self) && gtk_widget_has_focus (GTK_WIDGET (self->stop_button));

  /* The users page sees the new users at once. */
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr(TdImportRow) row = g_list_model_get_item (G_LIST_MODEL (self->import), i);
      TdProxyUser *user = td_import_row_get_user (row);
      TdUserStore *store;

      if (td_import_row_get_state (row) != TD_IMPORT_ROW_CREATED || user == NULL)
        continue;

      store = td_account_get_user_store (self->account, td_proxy_user_get_proxy_type (user));
      if (td_user_store_get_loaded (store) &&
          td_user_store_lookup (store, td_proxy_user_get_username (user)) == NULL)
        td_user_store_add (store, user);
    }

  if (!is_alive (self))
    return;

  update_progress (self, creator);
  td_import_revalidate (self->import);
  td_import_page_update_actions (self);

  summary = g_strdup_printf (td_import_creator_get_stopped (creator)
                             /* Translators: after an import: "Stopped: 3 created, 1 failed." */
                             ? _("Stopped: %u created, %u failed. Rows not sent are ready to send again.")
                             /* Translators: after an import: "Done: 3 created, 1 failed." */
                             : _("Done: %u created, %u failed."),
                             td_import_creator_get_n_created (creator),
                             td_import_creator_get_n_failed (creator));
  gtk_label_set_text (self->summary_label, summary);
  /* Kept on the bar too: the line above shows the counts again as soon as
   * the rows change. */
  gtk_progress_bar_set_text (self->progress_bar, summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->stop_button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);

  /* Stop is off now: the focus it had goes to saving the results, whose
   * description becomes the summary once it has the focus (heard once,
   * as the description of the focused control changes). */
  if (stop_had_focus)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->export_button));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->export_button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
    }
}

/* What Create changes on the page comes in three frames, one region of
 * the window at a time: on a machine that draws in software (llvmpipe,
 * or cairo), a frame that changes the bottom, the top and the table at
 * once is drawn whole, and takes two frames' time or more.
 *
 *  1. at once: Stop on and focused, Create off, the progress bar;
 *  2. next frame: the controls above the table off, "Creating users…";
 *  3. the frame after: the rows turn Waiting and the first creates go.
 *
 * Steps 2 and 3 run from a tick callback; if the page is not on screen
 * (no frames come), or leaves the screen in between, they run at once,
 * and they run after 250 ms whatever happens (a window minimized in
 * between draws no frames either). */
enum
{
  START_SHOWN,
  START_CONTROLS_OFF,
  START_SENDING,
};

static void
start_step (TdImportPage *self)
{
  switch (self->start_step++)
    {
    case START_SHOWN:
      break;
    case START_CONTROLS_OFF:
      gtk_label_set_text (self->summary_label, _("Creating users…"));
      td_import_page_update_actions (self);
      break;
    case START_SENDING:
      td_import_creator_run_async (self->creator, self->stop, run_done_cb, g_object_ref (self));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
start_flush (TdImportPage *self)
{
  if (self->start_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->start_tick);
      self->start_tick = 0;
    }
  g_clear_handle_id (&self->start_timeout, g_source_remove);

  while (self->creator != NULL && self->start_step <= START_SENDING)
    start_step (self);
}

static gboolean
start_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  TdImportPage *self = TD_IMPORT_PAGE (widget);

  /* The first tick is of the frame that shows step 1. */
  if (self->start_tick_seen++ > 0)
    start_step (self);
  if (self->start_step <= START_SENDING)
    return G_SOURCE_CONTINUE;

  self->start_tick = 0;
  g_clear_handle_id (&self->start_timeout, g_source_remove);
  return G_SOURCE_REMOVE;
}

static gboolean
start_timeout_cb (gpointer user_data)
{
  TdImportPage *self = user_data;

  self->start_timeout = 0;
  start_flush (self);
  return G_SOURCE_REMOVE;
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TdImportPage *self = TD_IMPORT_PAGE (widget);
  g_autoptr(GPtrArray) rows = NULL;
  GSettings *settings;
  GtkWidget *focus;
  gboolean focus_in_page;

  if (self->creator != NULL)
    return;

  rows = td_import_dup_rows_to_create (self->import);
  if (rows->len == 0 || td_import_get_over_quota (self->import) > 0)
    return;

  settings = td_account_get_settings (self->account);
  self->creator = td_import_creator_new (td_account_get_client (self->account), rows,
                                         settings != NULL ? g_settings_get_uint (settings, "import-concurrency")
                                                          : TD_IMPORT_DEFAULT_CONCURRENCY);
  self->stop = g_cancellable_new ();
  self->run_started = g_get_monotonic_time ();
  self->announced_at = self->run_started;
  self->announced_done = 0;
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->export_button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  g_signal_connect_object (self->creator, "notify::n-done", G_CALLBACK (on_n_done), self, 0);
  update_progress (self, self->creator);
  set_progress_shown (self, TRUE);

  /* Create is off during the run: Stop is what can be done now, and its
   * description tells the progress (announce_progress()).  Stop takes the
   * focus before anything is turned off, so that the focus never passes
   * through another control on its way. */
  focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  focus_in_page = focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
  gtk_widget_action_set_enabled (widget, "import.stop", TRUE);
  if (focus_in_page)
    gtk_widget_grab_focus (GTK_WIDGET (self->stop_button));
  gtk_widget_action_set_enabled (widget, "import.create", FALSE);
  gtk_widget_action_set_enabled (widget, "import.copy-logins", FALSE);
  gtk_widget_action_set_enabled (widget, "import.export-results", FALSE);
  update_busy (self);

  self->start_step = START_SHOWN;
  self->start_tick_seen = 0;
  start_step (self);
  if (gtk_widget_get_mapped (widget))
    {
      self->start_tick = gtk_widget_add_tick_callback (widget, start_tick_cb, NULL, NULL);
      self->start_timeout = g_timeout_add (250, start_timeout_cb, self);
    }
  else
    start_flush (self);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TdImportPage *self = TD_IMPORT_PAGE (widget);

  if (self->stop != NULL)
    g_cancellable_cancel (self->stop);
}

/* TdPage */

static void
td_import_page_refresh (TdPage *page)
{
  td_import_page_refresh_stores (TD_IMPORT_PAGE (page), TRUE);
}

static gboolean
td_import_page_cancel (TdPage *page)
{
  TdImportPage *self = TD_IMPORT_PAGE (page);

  if (self->stop == NULL || g_cancellable_is_cancelled (self->stop))
    return FALSE;

  g_cancellable_cancel (self->stop);
  return TRUE;
}

static void
td_import_page_activate_primary (TdPage *page)
{
  gtk_widget_activate_action (GTK_WIDGET (page), "import.create", NULL);
}

static void
td_import_page_focus_first (TdPage *page)
{
  gtk_widget_grab_focus (GTK_WIDGET (TD_IMPORT_PAGE (page)->open_button));
}

static void
td_import_page_page_iface_init (TdPageInterface *iface)
{
  iface->refresh = td_import_page_refresh;
  iface->cancel = td_import_page_cancel;
  iface->activate_primary = td_import_page_activate_primary;
  iface->focus_first = td_import_page_focus_first;
}

/* GObject */

static void
td_import_page_constructed (GObject *object)
{
  TdImportPage *self = TD_IMPORT_PAGE (object);

  G_OBJECT_CLASS (td_import_page_parent_class)->constructed (object);

  g_assert (self->account != NULL);

  for (int type = 1; type <= N_TYPES; type++)
    {
      TdUserStore *store = td_account_get_user_store (self->account, type);

      g_signal_connect_object (store, "items-changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "notify::remaining", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "notify::loaded", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
    }

  update_existing (self);
  td_import_page_refresh_stores (self, FALSE);
}

/* Off screen, no frame comes to finish starting a run: it is finished
 * at once (see start_step()). */
static void
td_import_page_unmap (GtkWidget *widget)
{
  start_flush (TD_IMPORT_PAGE (widget));

  GTK_WIDGET_CLASS (td_import_page_parent_class)->unmap (widget);
}

/* Out of its window (closed), the page sends nothing new. */
static void
td_import_page_unroot (GtkWidget *widget)
{
  TdImportPage *self = TD_IMPORT_PAGE (widget);

  if (self->stop != NULL)
    g_cancellable_cancel (self->stop);

  GTK_WIDGET_CLASS (td_import_page_parent_class)->unroot (widget);
}

static void
td_import_page_dispose (GObject *object)
{
  TdImportPage *self = TD_IMPORT_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->stop != NULL)
    g_cancellable_cancel (self->stop);
  g_clear_handle_id (&self->start_timeout, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), TD_TYPE_IMPORT_PAGE);

  G_OBJECT_CLASS (td_import_page_parent_class)->dispose (object);
}

static void
td_import_page_finalize (GObject *object)
{
  TdImportPage *self = TD_IMPORT_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->stop);
  g_clear_object (&self->creator);
  g_clear_object (&self->import);
  g_clear_object (&self->account);
  g_clear_pointer (&self->mapping_dropdowns, g_ptr_array_unref);

  G_OBJECT_CLASS (td_import_page_parent_class)->finalize (object);
}

static void
td_import_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TdImportPage *self = TD_IMPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_import_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TdImportPage *self = TD_IMPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_ACCOUNT:
      self->account = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
td_import_page_class_init (TdImportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = td_import_page_constructed;
  object_class->dispose = td_import_page_dispose;
  object_class->finalize = td_import_page_finalize;
  object_class->get_property = td_import_page_get_property;
  object_class->set_property = td_import_page_set_property;

  widget_class->unmap = td_import_page_unmap;
  widget_class->unroot = td_import_page_unroot;

  g_object_class_override_property (object_class, PROP_ACCOUNT, "account");
  g_object_class_override_property (object_class, PROP_BUSY, "busy");

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/thordesk/Thordesk/td-import-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TdImportPage, open_button);
  gtk_widget_class_bind_template_child (widget_class, TdImportPage, paste_button);
  gtk_widget_class_bind_template_child (widget_class, TdImportPage, source_label);
  gtk_widget_class_bind_template_child (widget_class, TdImportPage, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, TdImportPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, TdImportPage, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TdImportPage, limit_entry);
  gtk_widget_class_bind_template_child (widget_class, TdImportPage, enabled_check);
  gtk_widget_class_bind_template_child (widget_class, TdImportPage, limit_message);
  gtk_widget_class_bind_template_child (widget_class, TdImportPage, mapping_box);
  gtk_widget_class_bind_template_child (widget_class, TdImportPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, TdImportPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, TdImportPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TdImportPage, create_button);
  gtk_widget_class_bind_template_child (widget_class, TdImportPage, stop_button);
  gtk_widget_class_bind_template_child (widget_class, TdImportPage, copy_button);
  gtk_widget_class_bind_template_child (widget_class, TdImportPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, TdImportPage, export_all_button);
  gtk_widget_class_bind_template_child (widget_class, TdImportPage, passwords_check);

  gtk_widget_class_install_action (widget_class, "import.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "import.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "import.create", NULL, create_action);
  gtk_widget_class_install_action (widget_class, "import.stop", NULL, stop_action);
  td_import_page_class_export_init (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "import.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "import.paste", NULL);
}

static void
td_import_page_init (TdImportPage *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  set_progress_shown (self, FALSE);

  /* Translators: the title of the Import page, as the window's page
   * switcher shows it */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Import"), -1);

  self->cancellable = g_cancellable_new ();
  self->import = td_import_new ();
  self->mapping_dropdowns = g_ptr_array_new ();

  g_signal_connect_object (self->import, "notify::n-ready", G_CALLBACK (on_counts_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->import, "notify::n-skipped", G_CALLBACK (on_counts_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->import, "notify::n-invalid", G_CALLBACK (on_counts_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->import, "notify::over-quota", G_CALLBACK (on_counts_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->import, "items-changed", G_CALLBACK (on_counts_changed), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->type_dropdown, "notify::selected", G_CALLBACK (apply_defaults), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->limit_entry, "changed", G_CALLBACK (apply_defaults), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->enabled_check, "toggled", G_CALLBACK (apply_defaults), self, G_CONNECT_SWAPPED);

  td_accessible_name_choice_parts (GTK_WIDGET (self->type_dropdown), _("Default proxy type"));
  td_accessible_name_choice_parts (GTK_WIDGET (self->column_view), _("Rows to import"));
  td_accessible_name_button_by_label (self->open_button);
  td_accessible_name_button_by_label (self->paste_button);
  td_accessible_name_button_by_label (self->stop_button);
  td_accessible_name_button_by_label (self->copy_button);
  td_accessible_name_button_by_label (self->export_button);
  td_accessible_name_button_by_label (self->export_all_button);

  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  td_import_page_setup_columns (self);
  update_summary (self);
}

TdImportPage *
td_import_page_new (TdAccount *account)
{
  g_return_val_if_fail (TD_IS_ACCOUNT (account), NULL);

  return g_object_new (TD_TYPE_IMPORT_PAGE, "account", account, NULL);
}

TdImport *
td_import_page_get_import (TdImportPage *self)
{
  g_return_val_if_fail (TD_IS_IMPORT_PAGE (self), NULL);

  return self->import;
}

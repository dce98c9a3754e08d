/* td-clipboard.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "td-clipboard.h"

static guint clear_delay_ms = TD_CLIPBOARD_SECRET_SECONDS * 1000;

typedef struct
{
  GdkClipboard       *clipboard;
  GdkContentProvider *provider;
  guint               timeout_id;
} ClearData;

/* The secrets copied whose clearing is still to come, oldest first. */
static GQueue pending = G_QUEUE_INIT;

static void
clear_data_free (gpointer user_data)
{
  ClearData *data = user_data;

  g_queue_remove (&pending, data);
  g_clear_object (&data->clipboard);
  /* Drops what may be the last reference to our copy of the secret,
   * which wipes it.  What GDK and the X server copied on the way (a
   * paste's transfer buffers) is beyond reach. */
  g_clear_object (&data->provider);
  g_free (data);
}

/* Empties the clipboard if it still holds this secret: the content is
 * compared, so a clipboard that another program or another copy took
 * since is left alone (GDK drops our content when we lose it). */
static void
clear_if_ours (ClearData *data)
{
  g_assert (data != NULL);

  if (gdk_clipboard_is_local (data->clipboard) &&
      gdk_clipboard_get_content (data->clipboard) == data->provider)
    gdk_clipboard_set_content (data->clipboard, NULL);
}

static gboolean
clear_timeout_cb (gpointer user_data)
{
  ClearData *data = user_data;

  data->timeout_id = 0;
  clear_if_ours (data);

  return G_SOURCE_REMOVE;
}

static void
wipe_and_free (gpointer secret)
{
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

void
td_clipboard_copy_text (GtkWidget  *widget,
                        const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (text != NULL);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

void
td_clipboard_copy_secret (GtkWidget  *widget,
                          const char *text)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) hint = NULL;
  GdkContentProvider *providers[4];
  ClearData *data;
  char *copy;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (text != NULL);

  copy = g_strdup (text);
  bytes = g_bytes_new_with_free_func (copy, strlen (copy), wipe_and_free, copy);
  hint = g_bytes_new_static ("secret", strlen ("secret"));

  providers[0] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", bytes);
  providers[1] = gdk_content_provider_new_for_bytes ("UTF8_STRING", bytes);
  providers[2] = gdk_content_provider_new_for_bytes ("text/plain", bytes);
  /* Read by KDE's Klipper and other clipboard managers: do not keep. */
  providers[3] = gdk_content_provider_new_for_bytes ("x-kde-passwordManagerHint", hint);

  data = g_new0 (ClearData, 1);
  data->clipboard = g_object_ref (gtk_widget_get_clipboard (widget));
  data->provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));

  gdk_clipboard_set_content (data->clipboard, data->provider);

  g_queue_push_tail (&pending, data);
  data->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, clear_delay_ms,
                                         clear_timeout_cb, data, clear_data_free);
}

void
td_clipboard_clear_secrets (void)
{
  ClearData *data;

  while ((data = g_queue_peek_head (&pending)) != NULL)
    {
      clear_if_ours (data);
      /* Frees @data, which leaves the queue. */
      g_source_remove (data->timeout_id);
    }
}

void
td_clipboard_set_clear_delay (guint milliseconds)
{
  clear_delay_ms = milliseconds;
}

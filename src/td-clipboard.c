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
} ClearData;

static void
clear_data_free (gpointer user_data)
{
  ClearData *data = user_data;

  g_clear_object (&data->clipboard);
  /* Drops what may be the last reference to our copy of the secret,
   * which wipes it.  What GDK and the X server copied on the way (a
   * paste's transfer buffers) is beyond reach. */
  g_clear_object (&data->provider);
  g_free (data);
}

static gboolean
clear_if_unchanged (gpointer user_data)
{
  ClearData *data = user_data;

  if (gdk_clipboard_get_content (data->clipboard) == data->provider)
    gdk_clipboard_set_content (data->clipboard, NULL);

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

  g_timeout_add_full (G_PRIORITY_DEFAULT, clear_delay_ms,
                      clear_if_unchanged, data, clear_data_free);
}

void
td_clipboard_set_clear_delay (guint milliseconds)
{
  clear_delay_ms = milliseconds;
}

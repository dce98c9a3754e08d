/* td-secret-buffer.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "td-secret-buffer.h"

struct _TdSecretBuffer
{
  GtkEntryBuffer  parent_instance;

  /* The real text and its mask, each NUL-terminated, @n_chars long. */
  char           *secret;
  gsize           secret_bytes;
  char           *mask;
  gsize           mask_bytes;
  guint           n_chars;

  char            mask_utf8[8];
  gsize           mask_char_bytes;

  const char     *pending;
  gboolean        revealed;
};

G_DEFINE_FINAL_TYPE (TdSecretBuffer, td_secret_buffer, GTK_TYPE_ENTRY_BUFFER)

static void
wipe (char  *memory,
      gsize  size)
{
  volatile char *p = (volatile char *) memory;

  while (size-- > 0)
    *p++ = 0;
}

/* Replaces the secret with @size bytes built from its start, @middle and
 * its end from @tail_offset; the old copy is wiped, never realloc()ed
 * (which could leave it behind in freed memory). */
static void
splice_secret (TdSecretBuffer *self,
               gsize           head_bytes,
               const char     *middle,
               gsize           middle_bytes,
               gsize           tail_offset)
{
  gsize tail_bytes = self->secret_bytes - tail_offset;
  gsize size = head_bytes + middle_bytes + tail_bytes;
  char *secret = g_malloc (size + 1);

  memcpy (secret, self->secret, head_bytes);
  memcpy (secret + head_bytes, middle, middle_bytes);
  memcpy (secret + head_bytes + middle_bytes, self->secret + tail_offset, tail_bytes);
  secret[size] = '\0';

  wipe (self->secret, self->secret_bytes);
  g_free (self->secret);
  self->secret = secret;
  self->secret_bytes = size;
}

static void
update_mask (TdSecretBuffer *self)
{
  g_free (self->mask);
  self->mask = td_secret_buffer_dup_mask (self, self->n_chars);
  self->mask_bytes = self->n_chars * self->mask_char_bytes;
}

static const char *
td_secret_buffer_get_text (GtkEntryBuffer *buffer,
                           gsize          *n_bytes)
{
  TdSecretBuffer *self = TD_SECRET_BUFFER (buffer);

  if (self->revealed)
    {
      if (n_bytes != NULL)
        *n_bytes = self->secret_bytes;
      return self->secret;
    }

  if (n_bytes != NULL)
    *n_bytes = self->mask_bytes;
  return self->mask;
}

static guint
td_secret_buffer_get_length (GtkEntryBuffer *buffer)
{
  return TD_SECRET_BUFFER (buffer)->n_chars;
}

static guint
td_secret_buffer_insert_text (GtkEntryBuffer *buffer,
                              guint           position,
                              const char     *chars,
                              guint           n_chars)
{
  TdSecretBuffer *self = TD_SECRET_BUFFER (buffer);
  const char *real = self->pending != NULL ? self->pending : chars;
  gsize head_bytes;
  gsize real_bytes;
  g_autofree char *mask = NULL;

  /* What is inserted is the mask when the guard gave the real characters
   * beforehand; anything else (gtk_entry_buffer_set_text()) is real. */
  if (self->pending != NULL && (guint) g_utf8_strlen (self->pending, -1) < n_chars)
    real = chars;

  position = MIN (position, self->n_chars);
  head_bytes = g_utf8_offset_to_pointer (self->secret, position) - self->secret;
  real_bytes = g_utf8_offset_to_pointer (real, n_chars) - real;

  splice_secret (self, head_bytes, real, real_bytes, head_bytes);
  self->n_chars += n_chars;
  update_mask (self);

  /* Handlers (GtkText, and through it assistive technology) hear of the
   * mask only. */
  mask = td_secret_buffer_dup_mask (self, n_chars);
  gtk_entry_buffer_emit_inserted_text (buffer, position, mask, n_chars);

  return n_chars;
}

static guint
td_secret_buffer_delete_text (GtkEntryBuffer *buffer,
                              guint           position,
                              guint           n_chars)
{
  TdSecretBuffer *self = TD_SECRET_BUFFER (buffer);
  gsize head_bytes;
  gsize tail_offset;

  if (position > self->n_chars)
    position = self->n_chars;
  if (position + n_chars > self->n_chars)
    n_chars = self->n_chars - position;
  if (n_chars == 0)
    return 0;

  head_bytes = g_utf8_offset_to_pointer (self->secret, position) - self->secret;
  tail_offset = g_utf8_offset_to_pointer (self->secret, position + n_chars) - self->secret;

  splice_secret (self, head_bytes, "", 0, tail_offset);
  self->n_chars -= n_chars;
  update_mask (self);

  gtk_entry_buffer_emit_deleted_text (buffer, position, n_chars);

  return n_chars;
}

/* GtkEntryBuffer's own handlers of "inserted-text" and "deleted-text"
 * change the text it keeps itself (GTK 4.8 does the change there, not in
 * insert_text / delete_text): this buffer keeps its text apart, already
 * changed, so only the properties are notified. */
static void
td_secret_buffer_inserted_text (GtkEntryBuffer *buffer,
                                guint           position,
                                const char     *chars,
                                guint           n_chars)
{
  g_object_notify (G_OBJECT (buffer), "text");
  g_object_notify (G_OBJECT (buffer), "length");
}

static void
td_secret_buffer_deleted_text (GtkEntryBuffer *buffer,
                               guint           position,
                               guint           n_chars)
{
  g_object_notify (G_OBJECT (buffer), "text");
  g_object_notify (G_OBJECT (buffer), "length");
}

static void
td_secret_buffer_finalize (GObject *object)
{
  TdSecretBuffer *self = (TdSecretBuffer *)object;

  wipe (self->secret, self->secret_bytes);
  g_clear_pointer (&self->secret, g_free);
  g_clear_pointer (&self->mask, g_free);

  G_OBJECT_CLASS (td_secret_buffer_parent_class)->finalize (object);
}

static void
td_secret_buffer_class_init (TdSecretBufferClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkEntryBufferClass *buffer_class = GTK_ENTRY_BUFFER_CLASS (klass);

  object_class->finalize = td_secret_buffer_finalize;

  buffer_class->inserted_text = td_secret_buffer_inserted_text;
  buffer_class->deleted_text = td_secret_buffer_deleted_text;
  buffer_class->get_text = td_secret_buffer_get_text;
  buffer_class->get_length = td_secret_buffer_get_length;
  buffer_class->insert_text = td_secret_buffer_insert_text;
  buffer_class->delete_text = td_secret_buffer_delete_text;
}

static void
td_secret_buffer_init (TdSecretBuffer *self)
{
  self->secret = g_strdup ("");
  self->mask = g_strdup ("");
  self->mask_char_bytes = g_unichar_to_utf8 ('*', self->mask_utf8);
}

GtkEntryBuffer *
td_secret_buffer_new (gunichar mask_char)
{
  TdSecretBuffer *self = g_object_new (TD_TYPE_SECRET_BUFFER, NULL);

  if (mask_char == 0 || !g_unichar_validate (mask_char))
    mask_char = '*';
  self->mask_char_bytes = g_unichar_to_utf8 (mask_char, self->mask_utf8);

  return GTK_ENTRY_BUFFER (self);
}

const char *
td_secret_buffer_get_secret (TdSecretBuffer *self)
{
  g_return_val_if_fail (TD_IS_SECRET_BUFFER (self), "");

  return self->secret;
}

void
td_secret_buffer_set_revealed (TdSecretBuffer *self,
                               gboolean        revealed)
{
  g_return_if_fail (TD_IS_SECRET_BUFFER (self));

  self->revealed = !!revealed;
}

gboolean
td_secret_buffer_get_revealed (TdSecretBuffer *self)
{
  g_return_val_if_fail (TD_IS_SECRET_BUFFER (self), FALSE);

  return self->revealed;
}

void
td_secret_buffer_set_pending (TdSecretBuffer *self,
                              const char     *chars)
{
  g_return_if_fail (TD_IS_SECRET_BUFFER (self));

  self->pending = chars;
}

char *
td_secret_buffer_dup_mask (TdSecretBuffer *self,
                           guint           n_chars)
{
  char *mask;

  g_return_val_if_fail (TD_IS_SECRET_BUFFER (self), NULL);

  mask = g_malloc (n_chars * self->mask_char_bytes + 1);
  for (guint i = 0; i < n_chars; i++)
    memcpy (mask + i * self->mask_char_bytes, self->mask_utf8, self->mask_char_bytes);
  mask[n_chars * self->mask_char_bytes] = '\0';

  return mask;
}

/* td-credentials-private.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Shared by td-credentials.c (the object, errors, loading) and
 * td-credentials-store.c (storing, forgetting).  Not for other files. */

#pragma once

#include "td-credentials.h"

G_BEGIN_DECLS

#define ATTRIBUTE_KIND    "kind"
#define ATTRIBUTE_ACCOUNT "account"
#define KIND_TOKEN     "token"
#define KIND_KEY       "key"

struct _TdCredentials
{
  GObject   parent_instance;

  char     *account;
  char     *token;
  char     *key;
  guint     session_only : 1;
};

typedef enum
{
  OPERATION_LOAD,
  OPERATION_STORE,
  OPERATION_FORGET,
} Operation;

/* The state of one load, store or forget, attached to its GTask. */
typedef struct
{
  Operation      operation;
  SecretService *service;
  char          *token;
  char          *key;
  guint64        token_modified;
  guint64        key_modified;
  /* Store: the collection written to (its path only: a SecretCollection
   * kept alive while items are created makes libsecret 0.20 lose a
   * GVariant per "ItemCreated" signal) and the items just written, which
   * the pruning that follows keeps. */
  char          *collection_path;
  /* The collection was found unlocked, then locked by the time of
   * CreateItem: it is unlocked (a prompt) once, then created again. */
  gboolean       unlock_tried;
  char          *new_token_path;
  char          *new_key_path;
  /* Items still to delete, and what to do once they are gone. */
  GList         *doomed;
  void         (*after_delete) (GTask *task);
} OperationData;

GTask      *td_credentials_operation_new        (TdCredentials       *self,
                                                 Operation            operation,
                                                 gpointer             source_tag,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean    td_credentials_finish_operation     (TdCredentials       *self,
                                                 GAsyncResult        *result,
                                                 gpointer             source_tag,
                                                 GError             **error);
gboolean    td_credentials_finish_get_service   (GTask               *task,
                                                 GAsyncResult        *result);
void        td_credentials_search_own_items     (GTask               *task,
                                                 SecretSearchFlags    flags,
                                                 GAsyncReadyCallback  callback);
void        td_credentials_return_mapped_error  (GTask               *task,
                                                 const GError        *error,
                                                 gboolean             connecting);
void        td_credentials_return_store_error   (GTask               *task,
                                                 const GError        *error);
void        td_credentials_return_locked        (GTask               *task);
void        td_credentials_set_values           (TdCredentials       *self,
                                                 const char          *token,
                                                 const char          *key,
                                                 gboolean             session_only);
gboolean    td_credentials_item_is_ours         (TdCredentials       *self,
                                                 SecretItem          *item);
const char *td_credentials_item_kind            (SecretItem          *item);

G_END_DECLS

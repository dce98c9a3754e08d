/* td-account-list.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "td-account-list.h"

const char * const TD_ACCOUNT_LIST_KEYS[] = {
  "api-base-url",
  "request-encoding",
  "residential-host",
  "unlimited-host",
  "mobile-host",
  NULL
};

/* An id as made by td_account_list_add(), or at least one that is a
 * single element of a settings path. */
static gboolean
id_is_valid (const char *id)
{
  if (id == NULL || id[0] == '\0')
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;

  return TRUE;
}

GSettings *
td_account_list_dup_settings (GSettings  *settings,
                              const char *id)
{
  g_autofree char *schema_id = NULL;
  g_autofree char *account_schema_id = NULL;
  g_autofree char *path = NULL;
  g_autofree char *account_path = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsBackend) backend = NULL;
  GSettingsSchemaSource *source;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  if (id == NULL || id[0] == '\0')
    return g_object_ref (settings);

  if (!id_is_valid (id))
    return NULL;

  g_object_get (settings, "schema-id", &schema_id, "path", &path, "backend", &backend, NULL);
  account_schema_id = g_strconcat (schema_id, ".Account", NULL);
  source = g_settings_schema_source_get_default ();
  schema = source != NULL ? g_settings_schema_source_lookup (source, account_schema_id, TRUE)
                          : NULL;
  if (schema == NULL)
    {
      g_warning ("Schema %s is not installed", account_schema_id);
      return NULL;
    }

  account_path = g_strconcat (path, "accounts/", id, "/", NULL);

  return g_settings_new_full (schema, backend, account_path);
}

/* The "accounts" key as a table id → name. */
static GHashTable *
dup_accounts (GSettings *settings)
{
  g_autoptr(GVariant) value = g_settings_get_value (settings, "accounts");
  GHashTable *accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GVariantIter iter;
  const char *id;
  const char *name;

  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "{&s&s}", &id, &name))
    if (id[0] != '\0')
      g_hash_table_insert (accounts, g_strdup (id), g_strdup (name));

  return accounts;
}

static void
set_accounts (GSettings  *settings,
              GHashTable *accounts)
{
  GVariantBuilder builder;
  GHashTableIter iter;
  gpointer id, name;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_hash_table_iter_init (&iter, accounts);
  while (g_hash_table_iter_next (&iter, &id, &name))
    g_variant_builder_add (&builder, "{ss}", id, name);

  g_settings_set_value (settings, "accounts", g_variant_builder_end (&builder));
}

static char *
dup_default_name (GSettings *settings)
{
  g_autofree char *name = g_settings_get_string (settings, "default-account-name");

  if (name[0] != '\0')
    return g_steal_pointer (&name);

  /* Translators: the name of the first Thordata account, until the admin
   * names it */
  return g_strdup (_("Main account"));
}

char *
td_account_list_dup_name (GSettings  *settings,
                          const char *id)
{
  g_autoptr(GHashTable) accounts = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  if (id == NULL || id[0] == '\0')
    return dup_default_name (settings);

  accounts = dup_accounts (settings);

  return g_strdup (g_hash_table_lookup (accounts, id));
}

typedef struct
{
  char *id;
  char *name;
} Entry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = a;
  const Entry *eb = b;

  return g_utf8_collate (ea->name, eb->name);
}

GStrv
td_account_list_dup_ids (GSettings *settings)
{
  g_autoptr(GVariant) value = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  GVariantIter iter;
  const char *id;
  const char *name;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  g_strv_builder_add (builder, "");

  value = g_settings_get_value (settings, "accounts");
  g_variant_iter_init (&iter, value);
  while (g_variant_iter_next (&iter, "{&s&s}", &id, &name))
    {
      Entry entry = { (char *) id, (char *) name };

      if (id[0] != '\0')
        g_array_append_val (entries, entry);
    }

  g_array_sort (entries, compare_entries);
  for (guint i = 0; i < entries->len; i++)
    g_strv_builder_add (builder, g_array_index (entries, Entry, i).id);

  return g_strv_builder_end (builder);
}

char *
td_account_list_check_name (GSettings  *settings,
                            const char *name)
{
  g_auto(GStrv) ids = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (stripped[0] == '\0')
    return g_strdup (_("Enter a name for the account."));

  if (!g_utf8_validate (stripped, -1, NULL) ||
      g_utf8_strlen (stripped, -1) > TD_ACCOUNT_NAME_MAX_CHARS)
    return g_strdup_printf (ngettext ("An account name has at most %d character.",
                                      "An account name has at most %d characters.",
                                      TD_ACCOUNT_NAME_MAX_CHARS),
                            TD_ACCOUNT_NAME_MAX_CHARS);

  ids = td_account_list_dup_ids (settings);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *other = td_account_list_dup_name (settings, ids[i]);

      if (other != NULL && g_utf8_collate (other, stripped) == 0)
        return g_strdup (_("Another account already has this name."));
    }

  return NULL;
}

char *
td_account_list_add (GSettings  *settings,
                     const char *name)
{
  g_autoptr(GHashTable) accounts = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *error = NULL;
  char *id = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  error = td_account_list_check_name (settings, name);
  g_return_val_if_fail (error == NULL, NULL);

  stripped = g_strstrip (g_strdup (name));
  accounts = dup_accounts (settings);

  /* A random id: it never changes when the account is renamed. */
  do
    {
      g_free (id);
      id = g_strdup_printf ("account-%08x", g_random_int ());
    }
  while (g_hash_table_contains (accounts, id));

  g_hash_table_insert (accounts, g_strdup (id), g_strdup (stripped));
  set_accounts (settings, accounts);

  return id;
}

gboolean
td_account_list_remove (GSettings  *settings,
                        const char *id)
{
  g_autoptr(GHashTable) accounts = NULL;
  g_autofree char *current = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);

  if (id == NULL || id[0] == '\0')
    return FALSE;

  accounts = dup_accounts (settings);
  if (!g_hash_table_remove (accounts, id))
    return FALSE;

  {
    g_autoptr(GSettings) account_settings = td_account_list_dup_settings (settings, id);

    if (account_settings != NULL)
      for (guint i = 0; TD_ACCOUNT_LIST_KEYS[i] != NULL; i++)
        g_settings_reset (account_settings, TD_ACCOUNT_LIST_KEYS[i]);
  }

  g_settings_delay (settings);
  set_accounts (settings, accounts);
  current = g_settings_get_string (settings, "current-account");
  if (g_str_equal (current, id))
    g_settings_set_string (settings, "current-account", "");
  g_settings_apply (settings);

  return TRUE;
}

char *
td_account_list_dup_current (GSettings *settings)
{
  g_autofree char *current = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  current = g_settings_get_string (settings, "current-account");
  name = td_account_list_dup_name (settings, current);
  if (name == NULL)
    return g_strdup ("");

  return g_steal_pointer (&current);
}

gboolean
td_account_list_set_current (GSettings  *settings,
                             const char *id)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);

  name = td_account_list_dup_name (settings, id);
  if (name == NULL)
    return FALSE;

  return g_settings_set_string (settings, "current-account", id != NULL ? id : "");
}

static void
fill_menu (GMenu     *menu,
           GSettings *settings)
{
  g_auto(GStrv) ids = td_account_list_dup_ids (settings);

  g_menu_remove_all (menu);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *name = td_account_list_dup_name (settings, ids[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (name, NULL);

      g_menu_item_set_action_and_target (item, "app.switch-account", "s", ids[i]);
      g_menu_append_item (menu, item);
    }
}

static void
on_accounts_changed (GSettings  *settings,
                     const char *key,
                     GMenu      *menu)
{
  fill_menu (menu, settings);
}

GMenuModel *
td_account_list_menu_new (GSettings *settings)
{
  GMenu *menu;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  menu = g_menu_new ();
  fill_menu (menu, settings);

  g_signal_connect_object (settings, "changed::accounts",
                           G_CALLBACK (on_accounts_changed), menu, 0);
  g_signal_connect_object (settings, "changed::default-account-name",
                           G_CALLBACK (on_accounts_changed), menu, 0);

  return G_MENU_MODEL (menu);
}

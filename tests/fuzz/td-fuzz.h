/* td-fuzz.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every fuzz target shares.  A target defines
 * LLVMFuzzerTestOneInput(), calls td_fuzz_init() first, and checks what
 * must hold for any input with g_assert_*: those abort, and libFuzzer
 * (or replay-main.c) reports the input.
 */

#pragma once

#include <locale.h>
#include <stdint.h>
#include <stddef.h>

#include <glib.h>

G_BEGIN_DECLS

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Once per process: a GLib warning or critical is a bug found (untrusted
 * input must never reach a g_return_if_fail), so they abort. */
static inline void
td_fuzz_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      setlocale (LC_ALL, "C.UTF-8");
      g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
      g_once_init_leave (&initialized, 1);
    }
}

/* Asserts that @error is a real error with a displayable message. */
static inline void
td_fuzz_check_error (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

G_END_DECLS

/* td-bench-server.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A TdSandbox in a child process (bench/sandbox-server), so that the
 * server's work never shows up in the benchmark's own main loop. */
typedef struct _TdBenchServer TdBenchServer;

/* Starts the server with @n_residential residential users and
 * @n_mobile mobile users already stored and waits (at most 60 s) until
 * it prints its base URL. */
TdBenchServer *td_bench_server_start        (guint           n_residential,
                                             guint           n_mobile,
                                             GError        **error);
/* "http://127.0.0.1:<port>/api" */
const char    *td_bench_server_get_base_url (TdBenchServer  *self);
/* Closes the server's stdin (it quits on EOF), waits for it at most 10 s,
 * kills it if needed, and frees @self. */
void           td_bench_server_stop         (TdBenchServer  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TdBenchServer, td_bench_server_stop)

G_END_DECLS

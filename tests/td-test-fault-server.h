/* td-test-fault-server.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How the server answers a request that changes data (any POST). */
typedef enum
{
  TD_TEST_FAULT_NONE,              /* {"code":200,"data":{},"msg":"ok"} */
  TD_TEST_FAULT_HTML_500,          /* HTTP 500 with an HTML page */
  TD_TEST_FAULT_TRUNCATED,         /* Content-Length larger than the JSON sent, then closed */
  TD_TEST_FAULT_TRUNCATED_CHUNKED, /* chunked, closed in the middle of a chunk */
  TD_TEST_FAULT_WRONG_TYPES,       /* an envelope whose members have the wrong types */
  TD_TEST_FAULT_HUGE,              /* 30 MB of JSON, chunked, written as it is read */
  TD_TEST_FAULT_HUGE_ANNOUNCED,    /* the same, announced in Content-Length */
  TD_TEST_FAULT_HANG,              /* accepted, never answered */
  TD_TEST_FAULT_RESET,             /* the connection reset (RST) instead of an answer */
  TD_TEST_FAULT_THROTTLED,         /* envelope code 10011 */
  TD_TEST_FAULT_HTTP_429,          /* HTTP 429 Too Many Requests, HTML, Retry-After */
  TD_TEST_FAULT_REDIRECT_302,      /* to <origin>/target/..., which answers success */
  TD_TEST_FAULT_REDIRECT_307,
} TdTestFault;

/* Size of the TD_TEST_FAULT_HUGE bodies. */
#define TD_TEST_FAULT_HUGE_BYTES (30 * 1024 * 1024)

/* A self-signed certificate for CN=127.0.0.1 and its key, in PEM.  Test
 * data only: nothing trusts it. */
extern const char td_test_certificate_pem[];

#define TD_TYPE_TEST_FAULT_SERVER (td_test_fault_server_get_type ())

G_DECLARE_FINAL_TYPE (TdTestFaultServer, td_test_fault_server, TD, TEST_FAULT_SERVER, GObject)

/* A SoupServer on 127.0.0.1, port 0, in the thread-default main context,
 * over https with td_test_certificate_pem when @https is TRUE.  Aborts
 * the test when it cannot listen. */
TdTestFaultServer *td_test_fault_server_new               (gboolean           https);

/* "<scheme>://127.0.0.1:<port>/api" */
const char        *td_test_fault_server_get_base_url      (TdTestFaultServer *self);

void               td_test_fault_server_set_fault         (TdTestFaultServer *self,
                                                           TdTestFault        fault);

/* The `data` member (JSON text) answered to GET .../proxy-users/user-list.
 * Default: a list with no user. */
void               td_test_fault_server_set_list_data     (TdTestFaultServer *self,
                                                           const char        *data_json);

/* Requests received whose path ends with @path_suffix ("" for all). */
guint              td_test_fault_server_count_requests    (TdTestFaultServer *self,
                                                           const char        *path_suffix);

/* Bytes of response body written so far for the TD_TEST_FAULT_HUGE
 * faults, how many such answers are still being written, and whether one
 * of them was written to the end. */
guint64            td_test_fault_server_get_huge_written  (TdTestFaultServer *self);
guint              td_test_fault_server_get_n_huge_open   (TdTestFaultServer *self);
gboolean           td_test_fault_server_get_huge_finished (TdTestFaultServer *self);

G_END_DECLS

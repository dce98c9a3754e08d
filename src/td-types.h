/* td-types.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TdAccount     TdAccount;
typedef struct _TdApiClient   TdApiClient;
typedef struct _TdCredentials TdCredentials;
typedef struct _TdProxyUser   TdProxyUser;
typedef struct _TdSandbox     TdSandbox;

G_END_DECLS

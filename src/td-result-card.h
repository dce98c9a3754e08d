/* td-result-card.h
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "td-proxy-user.h"

G_BEGIN_DECLS

#define TD_TYPE_RESULT_CARD (td_result_card_get_type ())

G_DECLARE_FINAL_TYPE (TdResultCard, td_result_card, TD, RESULT_CARD, GtkWidget)

TdResultCard *td_result_card_new          (void);
/* Shows the gateway login, the password (hidden until revealed) and the
 * proxy URL of @user on @host.  The card keeps its own copies of the
 * secrets and wipes them when cleared; the copies GTK makes to show or
 * copy them (a revealed subtitle, the clipboard) are beyond its reach,
 * which is one reason core dumps are off (main.c). */
void          td_result_card_show_user    (TdResultCard *self,
                                           TdProxyUser  *user,
                                           const char   *host);
void          td_result_card_clear        (TdResultCard *self);
const char   *td_result_card_get_login    (TdResultCard *self);
/* Moves the keyboard focus to the card's first control. */
void          td_result_card_focus        (TdResultCard *self);

G_END_DECLS

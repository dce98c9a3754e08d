/* fuzz-envelope.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * td_envelope_parse() on any bytes, as every response body of the API
 * reaches it.  Checked for every input: exactly one of a node and an
 * error; an envelope read on a success status is read the same on an
 * error status (the envelope wins); without one, the status decides the
 * error's code.
 */

#include "config.h"

#include "td-envelope.h"
#include "td-error.h"
#include "td-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) ok_error = NULL;
  g_autoptr(GError) failed_error = NULL;
  g_autoptr(JsonNode) ok_node = NULL;
  g_autoptr(JsonNode) failed_node = NULL;

  td_fuzz_init ();

  ok_node = td_envelope_parse ((const char *) data, size, 200, &ok_error);
  failed_node = td_envelope_parse ((const char *) data, size, 502, &failed_error);

  g_assert_true ((ok_node == NULL) != (ok_error == NULL));
  g_assert_true ((failed_node == NULL) != (failed_error == NULL));

  if (ok_node != NULL)
    {
      g_autofree char *text = NULL;

      g_assert_nonnull (failed_node);
      g_assert_true (json_node_equal (ok_node, failed_node));

      /* The node can be written out again (and read by what follows). */
      text = json_to_string (ok_node, FALSE);
      g_assert_nonnull (text);
    }
  else if (ok_error->domain == TD_SERVER_ERROR)
    {
      /* An envelope with another code: the same error on any status. */
      td_fuzz_check_error (ok_error);
      g_assert_nonnull (failed_error);
      g_assert_true (g_error_matches (failed_error, TD_SERVER_ERROR, ok_error->code));
      g_assert_cmpint (ok_error->code, !=, 200);
      g_assert_cmpstr (ok_error->message, ==, failed_error->message);
    }
  else
    {
      /* No readable envelope. */
      td_fuzz_check_error (ok_error);
      td_fuzz_check_error (failed_error);
      g_assert_true (g_error_matches (ok_error, TD_API_ERROR, TD_API_ERROR_INVALID_RESPONSE));
      g_assert_true (g_error_matches (failed_error, TD_API_ERROR,
                                      TD_API_ERROR_SERVER_UNAVAILABLE));
    }

  return 0;
}

/* td-test-fault-server.c
 *
 * Copyright 2026 The Thordesk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A loopback HTTP server that misbehaves on demand, for the tests of what
 * the app says and does when the network or the server goes wrong.  The
 * answers that HTTP cannot describe (a body cut short, a reset) are
 * written by hand on the connection taken from libsoup. */

#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include <libsoup/soup.h>

#include "td-test-fault-server.h"

/* A self-signed certificate for CN=127.0.0.1 and its key, made once with
 * `openssl req -x509 -newkey rsa:2048 -nodes -days 36500 -subj /CN=127.0.0.1`. */
const char td_test_certificate_pem[] =
  "-----BEGIN CERTIFICATE-----\n"
  "MIIDCzCCAfOgAwIBAgIUcRuhgTSN/VTYJqb3MDv0Agk41RswDQYJKoZIhvcNAQEL\n"
  "BQAwFDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyNzEzNDcxMVoYDzIxMjYx\n"
  "MTAzMTM0NzExWjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwggEiMA0GCSqGSIb3DQEB\n"
  "AQUAA4IBDwAwggEKAoIBAQC+mj1u8DfHqF4Cxmcs++NIKbKPiLwBXtLD0DjU2pSe\n"
  "UfS7SjF4bbyTcWfRyMmWrKynL8LkaqssQW4RGLLSrtURonG9a0GCSir87G9LxT4R\n"
  "CM//fzXNNCoZtyJLJC9qYwU/mGdsiUr/i6tT0sMtGdNm2JvkTetjwOGNLjZgiAf6\n"
  "dVNJULd6wDvtMKb3yuPyycYZb2lkR47L/v0RIBm/iiLdT8ZcH8E1/XDC+bAV9QCt\n"
  "WgNJcamtqlBrSuNtoMwEJGFHhD2tFdsZjAfeg84Dtrf/Mr5RiWV/xGj9ugSvJlqY\n"
  "2fJRg8jb5g/ilstCvpmSqNgPfxn0XYABpdWWLFByt5GZAgMBAAGjUzBRMB0GA1Ud\n"
  "DgQWBBQt5mqnkaUMNdyVAZ/3nc/rGTQ6KDAfBgNVHSMEGDAWgBQt5mqnkaUMNdyV\n"
  "AZ/3nc/rGTQ6KDAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3DQEBCwUAA4IBAQBi\n"
  "CTHHy4RahvD4a7ImPDMGOdUEUN60qCpUAe4kD1t18Go4v5MekRd/nfPTURypvbxN\n"
  "/B5pDgBNcdCqOqMzvufzt5XM2XPIfDYS7c2ym2MdixkOtRr0E3uzYD822yooc3fU\n"
  "euNISrwgW+06JHPYR6lzG6dg/mdAu5sUQS2327lTmeGv7CxOrH3O3DkC28A1w4d3\n"
  "X3Q7JX7u/CivXXHVDj/h+V1nN2vhcovK1kv/HiVRkixZPLIekkWd/HbwfyxcGPnM\n"
  "xItwpuFOk1CLlLRkHT3dRum+kz1zobj48ShcqNmdTE9mbZJGZQIP7ji52hXo8yUZ\n"
  "KxCIew4SMIxoZQSSa2m0\n"
  "-----END CERTIFICATE-----\n"
  "-----BEGIN PRIVATE KEY-----\n"
  "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC+mj1u8DfHqF4C\n"
  "xmcs++NIKbKPiLwBXtLD0DjU2pSeUfS7SjF4bbyTcWfRyMmWrKynL8LkaqssQW4R\n"
  "GLLSrtURonG9a0GCSir87G9LxT4RCM//fzXNNCoZtyJLJC9qYwU/mGdsiUr/i6tT\n"
  "0sMtGdNm2JvkTetjwOGNLjZgiAf6dVNJULd6wDvtMKb3yuPyycYZb2lkR47L/v0R\n"
  "IBm/iiLdT8ZcH8E1/XDC+bAV9QCtWgNJcamtqlBrSuNtoMwEJGFHhD2tFdsZjAfe\n"
  "g84Dtrf/Mr5RiWV/xGj9ugSvJlqY2fJRg8jb5g/ilstCvpmSqNgPfxn0XYABpdWW\n"
  "LFByt5GZAgMBAAECggEABV9VGHWqaNUI01Syz0yJRz0vpIaS4AoDcFQD6hIAKuc9\n"
  "+fJ5Kv8S1+gUKFBbyES1OCArQuNz0DNG7jHvRmt5o33b7V4i0lCTXh4u8+iLG5FP\n"
  "RZEZG9/ayO9Fxu7t7DZ+zSBXV/KVu9a8vUfdSv3lnMpBuKFun1juMpvJGhbzfJ56\n"
  "AC/M5d6QvPh/SDtdAIHykLLkkiQ8tLQZX2h4Fxeq1W7g7GnKkxLLQSj1XMxv3AYR\n"
  "yoliF8WXycyA/Ft3mC93dA962ocRessevWcuoNYcDf4Nk2KDLZIOTQI5U+jr4GWY\n"
  "WfP374apuuNYlBzgzlsEt1w7ZMEEi//Qi+J0bYMe5QKBgQDrsDoQ6OpNZi7YHCBz\n"
  "xxpl6yTDNsh+41Zwb6ujDaLVyCY7QKCQg2ccuoQyCuFuX1wzzSsT5ytmsynjjoBF\n"
  "TdM4uuKqf1FnkL5KRE1zMAZtxdT+icyHisH9qMsd6btI7U4KcrS+OmG3isKV87b7\n"
  "0r5l4ok8HzLXzhLe7nolH/NUvQKBgQDPB1NFBHM1yhV8k5Ts2F5CVIv0TMYSuS+F\n"
  "HIov3qpMsAkZkPyTfgwdOrNvu8PCd9qRAPsSwcrz65KQiczc0ju6VhuBpZWb2NKE\n"
  "ZgLvhn+yUkvln1QE7CRsxyhvxyaRkvOi6v6XZhXSvZvPG8Jwb1GT1XOYwBRWgOxg\n"
  "9NFpT0uUDQKBgQDb0ljGDscBe42zaMBn28rmRiPao0zq9BRZ9/2IrZ4zcGMgHo3j\n"
  "W3ufkuLbXcSWUgDIG9LS1GhpeC9Ymz9N5GFd5wij5u3A/4JL+FqYVbGZTsvywAlw\n"
  "Xd3DPVx8wNQ6F4MTQZsMVZ1wN853V4FSbGPC2UAQQDUGjKCTJq/r0ln8rQKBgDVX\n"
  "l9bynJTBauPcSsTzwuWoTx81INv2Jw5PGjPXVV3JBa82sj12fryRQWaKpJfYtdIi\n"
  "xI5CrH5ItkzTlJtY99a9FP1EotWy+hrvBdadew2BMtkJQma6SXBVqE+UqpVbnbbe\n"
  "gZaU0Q6pmBm291Rs+kHy/4PeCd93/G/G5KYTrk+JAoGAPlnlbrSwrzBa1MtOSk3K\n"
  "MsWsqv7ok7XgXhzJEGBqfC6oTaEWITwWwrCtSQT0c7BPMEDCJm98M0BJpsbhcd3C\n"
  "nDDifwu/Wx8EESU1mORtKotYcmJZgw2BhAtlW5OTJhMpeqfSxvTMOsP0ZeSMr2CZ\n"
  "V7B7p47Uav9yLV4FVV5yLSQ=\n"
  "-----END PRIVATE KEY-----\n";

#define OK_ENVELOPE "{\"code\":200,\"data\":{},\"msg\":\"ok\"}"
#define EMPTY_LIST_DATA \
  "{\"limit\":100,\"remaining_limit\":100,\"user_count\":0,\"list\":[]}"

/* The huge bodies are written in pieces of this size, all from one
 * static buffer, so that 30 MB never sit in memory. */
#define HUGE_CHUNK_SIZE (64 * 1024)
#define HUGE_HEAD       "{\"code\":200,\"msg\":\"ok\",\"data\":{\"padding\":\""
#define HUGE_TAIL       "\"}}"

struct _TdTestFaultServer
{
  GObject      parent_instance;

  SoupServer  *server;
  char        *base_url;
  char        *origin;
  TdTestFault  fault;
  char        *list_data;
  GPtrArray   *paths;
  GPtrArray   *paused;
  guint64      huge_written;
  guint        huge_open;
  gboolean     huge_finished;
};

G_DEFINE_FINAL_TYPE (TdTestFaultServer, td_test_fault_server, G_TYPE_OBJECT)

static char huge_filler[HUGE_CHUNK_SIZE];

/* The state of one huge answer, attached to its message. */
typedef struct
{
  TdTestFaultServer *self;
  guint64            remaining;  /* filler bytes still to append */
} HugeAnswer;

static void
respond (SoupServerMessage *message,
         guint              status,
         const char        *content_type,
         const char        *body)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, content_type, SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

/* Takes the connection away from libsoup, so that the test can write what
 * no well-behaved server would. */
static GIOStream *
steal_connection (SoupServerMessage *message)
{
  GIOStream *stream = soup_server_message_steal_connection (message);

  g_assert_nonnull (stream);

  return stream;
}

/* Writes @raw on the connection of @message, then closes it. */
static void
answer_raw_and_close (SoupServerMessage *message,
                      const char        *raw)
{
  g_autoptr(GIOStream) stream = steal_connection (message);
  g_autoptr(GError) error = NULL;
  GOutputStream *output = g_io_stream_get_output_stream (stream);

  g_output_stream_write_all (output, raw, strlen (raw), NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_flush (output, NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

/* Closes the connection of @message with SO_LINGER 0: the kernel sends
 * a reset instead of an orderly end. */
static void
reset_connection (SoupServerMessage *message)
{
  GSocket *socket = soup_server_message_get_socket (message);
  g_autoptr(GIOStream) stream = NULL;
  struct linger linger = { .l_onoff = 1, .l_linger = 0 };

  g_assert_nonnull (socket);
  g_object_ref (socket);

  stream = steal_connection (message);
  g_assert_cmpint (setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER,
                               &linger, sizeof linger), ==, 0);
  g_socket_close (socket, NULL);
  g_object_unref (socket);
}

static void
huge_answer_free (HugeAnswer *answer)
{
  g_free (answer);
}

static void
huge_wrote_body_data_cb (SoupServerMessage *message,
                         guint              size,
                         HugeAnswer        *answer)
{
  answer->self->huge_written += size;
}

/* Appends the next piece once the previous one is on the wire, so that
 * the body is produced only as fast as the client reads it. */
static void
huge_wrote_chunk_cb (SoupServerMessage *message,
                     HugeAnswer        *answer)
{
  SoupMessageBody *body = soup_server_message_get_response_body (message);

  if (answer->remaining > 0)
    {
      gsize size = MIN (answer->remaining, HUGE_CHUNK_SIZE);

      soup_message_body_append (body, SOUP_MEMORY_STATIC, huge_filler, size);
      answer->remaining -= size;
    }
  else
    {
      soup_message_body_append (body, SOUP_MEMORY_STATIC, HUGE_TAIL, strlen (HUGE_TAIL));
      soup_message_body_complete (body);
      g_signal_handlers_disconnect_by_func (message, huge_wrote_chunk_cb, answer);
    }
}

static void
huge_finished_cb (SoupServerMessage *message,
                  HugeAnswer        *answer)
{
  g_assert_cmpuint (answer->self->huge_open, >, 0);
  answer->self->huge_open--;

  if (answer->self->huge_written == TD_TEST_FAULT_HUGE_BYTES)
    answer->self->huge_finished = TRUE;
}

static void
answer_huge (TdTestFaultServer *self,
             SoupServerMessage *message,
             gboolean           announced)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  SoupMessageBody *body = soup_server_message_get_response_body (message);
  HugeAnswer *answer = g_new0 (HugeAnswer, 1);

  answer->self = self;
  self->huge_open++;
  answer->remaining = TD_TEST_FAULT_HUGE_BYTES - strlen (HUGE_HEAD) - strlen (HUGE_TAIL);

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, "application/json", NULL);
  if (announced)
    soup_message_headers_set_content_length (headers, TD_TEST_FAULT_HUGE_BYTES);
  else
    soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);

  /* Nothing is kept once written. */
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_append (body, SOUP_MEMORY_STATIC, HUGE_HEAD, strlen (HUGE_HEAD));

  g_object_set_data_full (G_OBJECT (message), "td-huge-answer", answer,
                          (GDestroyNotify) huge_answer_free);
  g_signal_connect (message, "wrote-chunk", G_CALLBACK (huge_wrote_chunk_cb), answer);
  g_signal_connect (message, "wrote-body-data", G_CALLBACK (huge_wrote_body_data_cb), answer);
  g_signal_connect (message, "finished", G_CALLBACK (huge_finished_cb), answer);
}

static void
redirect (TdTestFaultServer *self,
          SoupServerMessage *message,
          guint              status,
          const char        *path)
{
  g_autofree char *location = NULL;
  const char *rest = g_str_has_prefix (path, "/api") ? path + strlen ("/api") : path;

  location = g_strconcat (self->origin, "/target", rest, NULL);
  soup_server_message_set_redirect (message, status, location);
}

static void
answer_list (TdTestFaultServer *self,
             SoupServerMessage *message)
{
  g_autofree char *envelope = NULL;

  envelope = g_strdup_printf ("{\"code\":200,\"data\":%s,\"msg\":\"ok\"}",
                              self->list_data != NULL ? self->list_data : EMPTY_LIST_DATA);
  respond (message, SOUP_STATUS_OK, "application/json", envelope);
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *message,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  TdTestFaultServer *self = TD_TEST_FAULT_SERVER (user_data);

  g_ptr_array_add (self->paths, g_strdup (path));

  if (g_str_has_prefix (path, "/target/"))
    {
      respond (message, SOUP_STATUS_OK, "application/json", OK_ENVELOPE);
      return;
    }

  if (g_str_has_suffix (path, "/proxy-users/user-list"))
    {
      answer_list (self, message);
      return;
    }

  if (g_strcmp0 (soup_server_message_get_method (message), SOUP_METHOD_POST) != 0)
    {
      respond (message, SOUP_STATUS_NOT_FOUND, "text/plain", "not here");
      return;
    }

  switch (self->fault)
    {
    case TD_TEST_FAULT_NONE:
      respond (message, SOUP_STATUS_OK, "application/json", OK_ENVELOPE);
      break;

    case TD_TEST_FAULT_HTML_500:
      respond (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, "text/html",
               "<!DOCTYPE html>\n<html><head><title>500 Internal Server Error</title></head>"
               "<body><h1>Internal Server Error</h1><p>nginx</p></body></html>\n");
      break;

    case TD_TEST_FAULT_TRUNCATED:
      answer_raw_and_close (message,
                            "HTTP/1.1 200 OK\r\n"
                            "Content-Type: application/json\r\n"
                            "Content-Length: 120\r\n"
                            "\r\n"
                            "{\"code\":200,\"data\":{\"username\":\"al");
      break;

    case TD_TEST_FAULT_TRUNCATED_CHUNKED:
      answer_raw_and_close (message,
                            "HTTP/1.1 200 OK\r\n"
                            "Content-Type: application/json\r\n"
                            "Transfer-Encoding: chunked\r\n"
                            "\r\n"
                            "40\r\n"
                            "{\"code\":200,\"data\":{\"us");
      break;

    case TD_TEST_FAULT_WRONG_TYPES:
      /* Every member is there, none of the right type. */
      respond (message, SOUP_STATUS_OK, "application/json",
               "{\"code\":\"200\",\"data\":[\"ok\"],\"msg\":{\"text\":\"ok\"}}");
      break;

    case TD_TEST_FAULT_HUGE:
      answer_huge (self, message, FALSE);
      break;

    case TD_TEST_FAULT_HUGE_ANNOUNCED:
      answer_huge (self, message, TRUE);
      break;

    case TD_TEST_FAULT_HANG:
      soup_server_message_pause (message);
      g_ptr_array_add (self->paused, g_object_ref (message));
      break;

    case TD_TEST_FAULT_RESET:
      reset_connection (message);
      break;

    case TD_TEST_FAULT_THROTTLED:
      respond (message, SOUP_STATUS_OK, "application/json",
               "{\"code\":10011,\"data\":null,\"msg\":\"Request too frequent\"}");
      break;

    case TD_TEST_FAULT_HTTP_429:
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "Retry-After", "30");
      respond (message, 429, "text/html",
               "<html><body><h1>429 Too Many Requests</h1></body></html>\n");
      break;

    case TD_TEST_FAULT_REDIRECT_302:
      redirect (self, message, SOUP_STATUS_FOUND, path);
      break;

    case TD_TEST_FAULT_REDIRECT_307:
      redirect (self, message, SOUP_STATUS_TEMPORARY_REDIRECT, path);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
td_test_fault_server_dispose (GObject *object)
{
  TdTestFaultServer *self = TD_TEST_FAULT_SERVER (object);

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_pointer (&self->paused, g_ptr_array_unref);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (td_test_fault_server_parent_class)->dispose (object);
}

static void
td_test_fault_server_finalize (GObject *object)
{
  TdTestFaultServer *self = TD_TEST_FAULT_SERVER (object);

  g_clear_pointer (&self->paths, g_ptr_array_unref);
  g_free (self->list_data);
  g_free (self->base_url);
  g_free (self->origin);

  G_OBJECT_CLASS (td_test_fault_server_parent_class)->finalize (object);
}

static void
td_test_fault_server_class_init (TdTestFaultServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = td_test_fault_server_dispose;
  object_class->finalize = td_test_fault_server_finalize;

  memset (huge_filler, 'x', sizeof huge_filler);
}

static void
td_test_fault_server_init (TdTestFaultServer *self)
{
  self->paths = g_ptr_array_new_with_free_func (g_free);
  self->paused = g_ptr_array_new_with_free_func (g_object_unref);
}

TdTestFaultServer *
td_test_fault_server_new (gboolean https)
{
  g_autoptr(TdTestFaultServer) self = g_object_new (TD_TYPE_TEST_FAULT_SERVER, NULL);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  if (https)
    {
      g_autoptr(GTlsCertificate) certificate = NULL;

      certificate = g_tls_certificate_new_from_pem (td_test_certificate_pem, -1, &error);
      g_assert_no_error (error);
      self->server = soup_server_new ("tls-certificate", certificate, NULL);
    }
  else
    self->server = soup_server_new (NULL, NULL);

  soup_server_add_handler (self->server, NULL, server_callback, self, NULL);
  soup_server_listen_local (self->server, 0,
                            SOUP_SERVER_LISTEN_IPV4_ONLY |
                            (https ? SOUP_SERVER_LISTEN_HTTPS : 0),
                            &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  self->origin = g_strdup_printf ("%s://127.0.0.1:%d",
                                  https ? "https" : "http",
                                  g_uri_get_port (uris->data));
  self->base_url = g_strconcat (self->origin, "/api", NULL);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return g_steal_pointer (&self);
}

const char *
td_test_fault_server_get_base_url (TdTestFaultServer *self)
{
  g_return_val_if_fail (TD_IS_TEST_FAULT_SERVER (self), NULL);

  return self->base_url;
}

void
td_test_fault_server_set_fault (TdTestFaultServer *self,
                                TdTestFault        fault)
{
  g_return_if_fail (TD_IS_TEST_FAULT_SERVER (self));

  self->fault = fault;
}

void
td_test_fault_server_set_list_data (TdTestFaultServer *self,
                                    const char        *data_json)
{
  g_return_if_fail (TD_IS_TEST_FAULT_SERVER (self));

  g_free (self->list_data);
  self->list_data = g_strdup (data_json);
}

guint
td_test_fault_server_count_requests (TdTestFaultServer *self,
                                     const char        *path_suffix)
{
  guint count = 0;

  g_return_val_if_fail (TD_IS_TEST_FAULT_SERVER (self), 0);
  g_return_val_if_fail (path_suffix != NULL, 0);

  for (guint i = 0; i < self->paths->len; i++)
    {
      if (g_str_has_suffix (g_ptr_array_index (self->paths, i), path_suffix))
        count++;
    }

  return count;
}

guint64
td_test_fault_server_get_huge_written (TdTestFaultServer *self)
{
  g_return_val_if_fail (TD_IS_TEST_FAULT_SERVER (self), 0);

  return self->huge_written;
}

guint
td_test_fault_server_get_n_huge_open (TdTestFaultServer *self)
{
  g_return_val_if_fail (TD_IS_TEST_FAULT_SERVER (self), 0);

  return self->huge_open;
}

gboolean
td_test_fault_server_get_huge_finished (TdTestFaultServer *self)
{
  g_return_val_if_fail (TD_IS_TEST_FAULT_SERVER (self), FALSE);

  return self->huge_finished;
}

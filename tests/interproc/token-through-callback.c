// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// A TLS layer sends its handshake tokens through a socket layer's callback
// (io->write, a function pointer). Giving a token to code sspi-check cannot see is a
// use, as it is for an unknown function: the token is still the caller's to free. The
// helper's summary says so ("escape ... via-unknown"), so a handshake loop that sends
// the token and runs InitializeSecurityContext again without FreeContextBuffer leaks
// every token but the last. A helper that keeps the pointer (a real hand-over) is silent.
#define SECURITY_WIN32
#include <stdbool.h>
#include <stddef.h>
#include <windows.h>
#include <sspi.h>

struct sock_io {
  void *ctx;
  long (*write)(void *ctx, const char *buf, size_t len);
  long (*read)(void *ctx, char *buf, size_t len);
};

struct tls {
  CredHandle cred;
  CtxtHandle ctx;
  struct sock_io *io;
  const void *pending;   /* a token queued for later */
  size_t pending_len;
};

#define REQ_FLAGS (ISC_REQ_CONFIDENTIALITY | ISC_REQ_STREAM | ISC_REQ_ALLOCATE_MEMORY)

static long tls_send(struct sock_io *io, const void *buf, size_t len) {
  if (io == NULL || buf == NULL || len == 0)
    return 0;
  return io->write(io->ctx, (const char *)buf, len);
}

void tls_close(struct tls *t) {
  DeleteSecurityContext(&t->ctx);
  FreeCredentialsHandle(&t->cred);
}

static void tls_queue(struct tls *t, const void *buf, size_t len) {
  t->pending = buf; /* the queue owns the token now */
  t->pending_len = len;
}

int tls_connect(struct tls *t, const char *host, SecBufferDesc *in) {
  SecBuffer out_bufs[] = {{0, SECBUFFER_TOKEN, NULL}, {0, SECBUFFER_ALERT, NULL}};
  SecBufferDesc out = {SECBUFFER_VERSION, 2, out_bufs};
  ULONG attrs;
  SECURITY_STATUS st = InitializeSecurityContextA(&t->cred, NULL, (SEC_CHAR *)host, REQ_FLAGS, 0,
                                                  0, NULL, 0, &t->ctx, &out, &attrs, NULL);
  while (st == SEC_I_CONTINUE_NEEDED) {
    if (tls_send(t->io, out_bufs[0].pvBuffer, out_bufs[0].cbBuffer) < 0)
      break;
    st = InitializeSecurityContextA(&t->cred, &t->ctx, (SEC_CHAR *)host, REQ_FLAGS, 0, 0, in, 0,
                                    NULL, &out, &attrs, NULL);
    // CHECK: token-through-callback.c:[[@LINE-2]]:10: warning: SSPI-allocated buffer 'out_bufs[].pvBuffer' is overwritten by a new acquisition while still held [sspi-buffer-leak]
    // CHECK-NEXT: :[[@LINE-8]]:24: note: SSPI-allocated buffer acquired here by 'InitializeSecurityContextA'
  }
  FreeContextBuffer(out_bufs[0].pvBuffer);
  return st == SEC_E_OK ? 0 : -1;
}

/* Correct: each token goes back before the next round. */
int tls_connect_ok(struct tls *t, const char *host, SecBufferDesc *in) {
  SecBuffer out_bufs[] = {{0, SECBUFFER_TOKEN, NULL}, {0, SECBUFFER_ALERT, NULL}};
  SecBufferDesc out = {SECBUFFER_VERSION, 2, out_bufs};
  ULONG attrs;
  SECURITY_STATUS st = InitializeSecurityContextA(&t->cred, NULL, (SEC_CHAR *)host, REQ_FLAGS, 0,
                                                  0, NULL, 0, &t->ctx, &out, &attrs, NULL);
  while (st == SEC_I_CONTINUE_NEEDED) {
    long sent = tls_send(t->io, out_bufs[0].pvBuffer, out_bufs[0].cbBuffer);
    FreeContextBuffer(out_bufs[0].pvBuffer);
    out_bufs[0].pvBuffer = NULL;
    if (sent < 0)
      break;
    st = InitializeSecurityContextA(&t->cred, &t->ctx, (SEC_CHAR *)host, REQ_FLAGS, 0, 0, in, 0,
                                    NULL, &out, &attrs, NULL);
  }
  if (out_bufs[0].pvBuffer)
    FreeContextBuffer(out_bufs[0].pvBuffer);
  return st == SEC_E_OK ? 0 : -1;
}

/* Silent: the token is handed to the queue, which frees it later. */
int tls_start_queued(struct tls *t, const char *host) {
  SecBuffer out_bufs[] = {{0, SECBUFFER_TOKEN, NULL}};
  SecBufferDesc out = {SECBUFFER_VERSION, 1, out_bufs};
  ULONG attrs;
  SECURITY_STATUS st = InitializeSecurityContextA(&t->cred, NULL, (SEC_CHAR *)host, REQ_FLAGS, 0,
                                                  0, NULL, 0, &t->ctx, &out, &attrs, NULL);
  if (st != SEC_I_CONTINUE_NEEDED)
    return -1;
  tls_queue(t, out_bufs[0].pvBuffer, out_bufs[0].cbBuffer);
  return 0;
}

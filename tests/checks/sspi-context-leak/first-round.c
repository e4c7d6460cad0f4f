// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// A connection keeps a pointer to its context, NULL until the first round has made one:
// ISC(cred, conn->ctx, ..., &newctx) continues the context when conn->ctx is set and
// starts a new one when it is NULL. The later test `if (conn->ctx == NULL)` tells the two
// apart: on the first-round side newctx is a new context the function owns, and leaving
// without storing or deleting it leaks it. On the other side it is the caller's context.
#define SECURITY_WIN32
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <sspi.h>

#define AUTH_ERR (-1)
#define AUTH_OK 0
#define SSPI_FAILED(s) ((s) < 0)

struct tls_conn {
  CredHandle cred;
  CtxtHandle *ctx;        /* NULL before the first round */
  unsigned long attrs;
  bool done;
};

int tls_round(struct tls_conn *conn, SecBufferDesc *in, SecBufferDesc *out) {
  CtxtHandle newctx;
  TimeStamp ts;
  SECURITY_STATUS st = InitializeSecurityContextW(&conn->cred, conn->ctx, L"host.example", 0, 0,
                                                  SECURITY_NATIVE_DREP, in, 0, &newctx, out,
                                                  &conn->attrs, &ts);
  if (SSPI_FAILED(st))
    return AUTH_ERR;
  if (conn->ctx == NULL) {
    conn->ctx = malloc(sizeof *conn->ctx);
    if (!conn->ctx)
      return AUTH_ERR;
    // CHECK: first-round.c:[[@LINE-1]]:7: warning: context handle 'newctx' is not released when the function returns [sspi-context-leak]
    // CHECK-NEXT: :[[@LINE-10]]:24: note: context handle acquired here by 'InitializeSecurityContextW'
    *conn->ctx = newctx;
  }
  conn->done = st == SEC_E_OK;
  return AUTH_OK;
}

/* The same with the test written !conn->ctx and the copy made with memcpy. */
int tls_round_memcpy(struct tls_conn *conn, SecBufferDesc *in, SecBufferDesc *out) {
  CtxtHandle newctx;
  SECURITY_STATUS st = InitializeSecurityContextW(&conn->cred, conn->ctx, L"host.example", 0, 0,
                                                  SECURITY_NATIVE_DREP, in, 0, &newctx, out,
                                                  &conn->attrs, NULL);
  if (SSPI_FAILED(st))
    return AUTH_ERR;
  if (!conn->ctx) {
    CtxtHandle *holder = calloc(1, sizeof *holder);
    if (holder == NULL)
      return AUTH_ERR;
    // CHECK: first-round.c:[[@LINE-1]]:7: warning: context handle 'newctx' is not released when the function returns [sspi-context-leak]
    // CHECK-NEXT: :[[@LINE-10]]:24: note: context handle acquired here by 'InitializeSecurityContextW'
    memcpy(holder, &newctx, sizeof newctx);
    conn->ctx = holder;
  }
  return AUTH_OK;
}

/* Correct: the first round deletes the new context when it cannot keep it. */
int tls_round_ok(struct tls_conn *conn, SecBufferDesc *in, SecBufferDesc *out) {
  CtxtHandle newctx;
  SECURITY_STATUS st = InitializeSecurityContextW(&conn->cred, conn->ctx, L"host.example", 0, 0,
                                                  SECURITY_NATIVE_DREP, in, 0, &newctx, out,
                                                  &conn->attrs, NULL);
  if (SSPI_FAILED(st))
    return AUTH_ERR;
  if (conn->ctx == NULL) {
    conn->ctx = malloc(sizeof *conn->ctx);
    if (!conn->ctx) {
      DeleteSecurityContext(&newctx);
      return AUTH_ERR;
    }
    *conn->ctx = newctx;
  }
  conn->done = st == SEC_E_OK;
  return AUTH_OK;
}

/* Correct: on later rounds (conn->ctx set) newctx is the connection's own context. */
int tls_round_later(struct tls_conn *conn, SecBufferDesc *in, SecBufferDesc *out) {
  CtxtHandle newctx;
  SECURITY_STATUS st = InitializeSecurityContextW(&conn->cred, conn->ctx, L"host.example", 0, 0,
                                                  SECURITY_NATIVE_DREP, in, 0, &newctx, out,
                                                  &conn->attrs, NULL);
  if (SSPI_FAILED(st))
    return AUTH_ERR;
  if (conn->ctx != NULL)
    return AUTH_OK; /* continued the connection's context */
  conn->ctx = malloc(sizeof *conn->ctx);
  if (!conn->ctx) {
    DeleteSecurityContext(&newctx);
    return AUTH_ERR;
  }
  *conn->ctx = newctx;
  return AUTH_OK;
}

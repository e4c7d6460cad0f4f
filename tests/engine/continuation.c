// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// The input context decides what the output of InitializeSecurityContext is: NULL starts a
// new context, a known context continues (the output is the same context), an input that
// may be either is tracked but not reported as leaked, until a test of the input finds it
// NULL: on that side the call started a new context (tests/checks/sspi-context-leak/first-round.c).
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdlib.h>
#include <string.h>

struct pgconn {
  CredHandle *sspicred;
  CtxtHandle *sspictx;
};

/* The libpq shape: the new context is copied to the heap on the first round only; when
 * that allocation fails, the new context leaks. */
int sspi_continue(struct pgconn *conn, SecBufferDesc *in, SecBufferDesc *out) {
  CtxtHandle newctx;
  ULONG attrs;
  SECURITY_STATUS r = InitializeSecurityContextW(conn->sspicred, conn->sspictx, L"HTTP/x", 0, 0,
                                                 SECURITY_NETWORK_DREP,
                                                 conn->sspictx == NULL ? NULL : in, 0, &newctx, out,
                                                 &attrs, NULL);
  if (r != SEC_E_OK && r != SEC_I_CONTINUE_NEEDED)
    return -1;
  if (conn->sspictx == NULL) {
    conn->sspictx = malloc(sizeof(CtxtHandle));
    if (conn->sspictx == NULL)
      return -1;
    // CHECK: continuation.c:[[@LINE-1]]:7: warning: context handle 'newctx' is not released when the function returns [sspi-context-leak]
    // CHECK-NEXT: :[[@LINE-11]]:23: note: context handle acquired here by 'InitializeSecurityContextW'
    memcpy(conn->sspictx, &newctx, sizeof(CtxtHandle));
  }
  return 0;
}

/* A local loop: the first call starts the context, the next ones continue it. */
int client_loop(CredHandle *cred, SecBufferDesc *in, SecBufferDesc *out, int rounds) {
  CtxtHandle ctx;
  PCtxtHandle pctx = NULL;
  ULONG attrs;
  for (int i = 0; i < rounds; i++) {
    SECURITY_STATUS ss = InitializeSecurityContextW(cred, pctx, L"HTTP/x", 0, 0, SECURITY_NATIVE_DREP,
                                                    pctx ? in : NULL, 0, &ctx, out, &attrs, NULL);
    if (ss < 0) {
      if (pctx)
        DeleteSecurityContext(pctx);
      return -1;
    }
    pctx = &ctx;
    if (ss == SEC_E_OK)
      break;
  }
  if (pctx)
    DeleteSecurityContext(pctx);
  return 0;
}

/* Same loop, but a failure after the first round forgets the context. */
int client_loop_leaky(CredHandle *cred, SecBufferDesc *in, SecBufferDesc *out, int rounds) {
  CtxtHandle ctx;
  PCtxtHandle pctx = NULL;
  ULONG attrs;
  for (int i = 0; i < rounds; i++) {
    SECURITY_STATUS ss = InitializeSecurityContextW(cred, pctx, L"HTTP/x", 0, 0, SECURITY_NATIVE_DREP,
                                                    pctx ? in : NULL, 0, &ctx, out, &attrs, NULL);
    if (ss < 0)
      return -1;
    // CHECK: :[[@LINE-1]]:7: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
    // CHECK: :[[@LINE-5]]:26: note: context handle acquired here by 'InitializeSecurityContextW'
    pctx = &ctx;
    if (ss == SEC_E_OK)
      break;
  }
  if (pctx)
    DeleteSecurityContext(pctx);
  return 0;
}

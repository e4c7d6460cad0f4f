// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// Statement macros with conditions of their own between a call and its status
// test (a trace macro, MIN): the wrapper keeps its summary, its callers' leaks are seen.
#define SECURITY_WIN32
#include <stdio.h>
#include <windows.h>
#include <sspi.h>

#define TRACE(s) do { if ((s) < 0) fprintf(stderr, "sspi: 0x%lx\n", (unsigned long)(s)); } while (0)
#define MIN(a, b) ((a) < (b) ? (a) : (b))

typedef struct conn {
  CredHandle cred;
  CtxtHandle ctx;
  SecBuffer out;
  unsigned long max_token;
} conn;

SECURITY_STATUS conn_step(conn *c, wchar_t *target, CtxtHandle *newctx) {
  SecBufferDesc od;
  ULONG attrs;
  TimeStamp ts;
  c->out.BufferType = SECBUFFER_TOKEN;
  c->out.cbBuffer = MIN(c->max_token, 4096);
  c->out.pvBuffer = NULL;
  od.ulVersion = SECBUFFER_VERSION;
  od.cBuffers = 1;
  od.pBuffers = &c->out;
  SECURITY_STATUS ss = InitializeSecurityContextW(&c->cred, NULL, target, 0, 0,
                                                  SECURITY_NATIVE_DREP, NULL, 0, newctx, &od,
                                                  &attrs, &ts);
  TRACE(ss);
  return ss;
}

int conn_login(conn *c, wchar_t *target) {
  CtxtHandle ctx;
  if (conn_step(c, target, &ctx) < 0)
    return -1;
  DeleteSecurityContext(&ctx);
  return 0;
}

int conn_login_leaky(conn *c, wchar_t *target) {
  CtxtHandle ctx;
  SECURITY_STATUS ss = conn_step(c, target, &ctx);
  if (ss < 0)
    return -1;
  return 0;
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
  // CHECK-NEXT: :[[@LINE-5]]:24: note: context handle acquired here by 'conn_step'
}

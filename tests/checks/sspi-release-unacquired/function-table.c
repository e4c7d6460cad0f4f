// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Through the function table.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static PSecurityFunctionTableW g_sspi;

int table_failed_delete(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  SECURITY_STATUS ss = g_sspi->AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION,
                                                     SECURITY_NATIVE_DREP, &ctx, out, &attrs,
                                                     NULL);
  if (ss < 0) {
    g_sspi->DeleteSecurityContext(&ctx);
    // CHECK: :[[@LINE-1]]:5: warning: context handle 'ctx' is released but its acquisition failed [sspi-release-unacquired]
    // CHECK: :[[@LINE-6]]:24: note: acquisition failed on this path
    return -1;
  }
  g_sspi->DeleteSecurityContext(&ctx);
  return 0;
}

// Correct.
int table_delete_on_success(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  SECURITY_STATUS ss = g_sspi->AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION,
                                                     SECURITY_NATIVE_DREP, &ctx, out, &attrs,
                                                     NULL);
  if (ss < 0)
    return -1;
  g_sspi->DeleteSecurityContext(&ctx);
  return 0;
}

// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// MakeSignature through the table after the context was deleted.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static PSecurityFunctionTableW g_sspi;

SECURITY_STATUS sign_goodbye(PCtxtHandle ctx, PSecBufferDesc msg) {
  g_sspi->DeleteSecurityContext(ctx);
  return g_sspi->MakeSignature(ctx, 0, msg, 0);
  // CHECK: :[[@LINE-1]]:10: warning: context handle '{{\*?}}ctx' is used by 'MakeSignature' after it was released [sspi-use-after-release]
  // CHECK: :[[@LINE-3]]:3: note: released here
}

// Correct: sign, then delete.
SECURITY_STATUS sign_goodbye_fixed(PCtxtHandle ctx, PSecBufferDesc msg) {
  SECURITY_STATUS ss = g_sspi->MakeSignature(ctx, 0, msg, 0);
  g_sspi->DeleteSecurityContext(ctx);
  return ss;
}

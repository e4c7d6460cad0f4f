// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Through GetProcAddress pointers.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static FREE_CONTEXT_BUFFER_FN p_FreeContextBuffer;
static DELETE_SECURITY_CONTEXT_FN p_DeleteSecurityContext;

void dyn_mismatch(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  if (AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &ctx, out,
                            &attrs, NULL) < 0)
    return;
  p_FreeContextBuffer(&ctx);
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'ctx' is released with '{{(p_)?}}FreeContextBuffer', which releases SSPI-allocated buffers [sspi-mismatched-release]
  // CHECK: :[[@LINE-5]]:7: note: context handle acquired here by 'AcceptSecurityContext'
}

// Correct.
void dyn_match(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  if (AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &ctx, out,
                            &attrs, NULL) < 0)
    return;
  p_DeleteSecurityContext(&ctx);
}

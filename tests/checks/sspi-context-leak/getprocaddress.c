// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Entry points from GetProcAddress.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static INITIALIZE_SECURITY_CONTEXT_FN_W p_InitializeSecurityContextW;
static DELETE_SECURITY_CONTEXT_FN p_DeleteSecurityContext;

extern int send_token(const void *data, unsigned long len);

int dyn_first_leg(PCredHandle cred, SEC_WCHAR *spn, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  if (p_InitializeSecurityContextW(cred, NULL, spn, ISC_REQ_CONNECTION, 0, SECURITY_NATIVE_DREP,
                                   NULL, 0, &ctx, out, &attrs, NULL) < 0)
    return -1;
  if (send_token(out->pBuffers[0].pvBuffer, out->pBuffers[0].cbBuffer) != 0)
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
  // CHECK: :[[@LINE-6]]:7: note: context handle acquired here by '{{(p_)?}}InitializeSecurityContextW'
  p_DeleteSecurityContext(&ctx);
  return 0;
}

// Correct.
int dyn_first_leg_fixed(PCredHandle cred, SEC_WCHAR *spn, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  int rc;
  if (p_InitializeSecurityContextW(cred, NULL, spn, ISC_REQ_CONNECTION, 0, SECURITY_NATIVE_DREP,
                                   NULL, 0, &ctx, out, &attrs, NULL) < 0)
    return -1;
  rc = send_token(out->pBuffers[0].pvBuffer, out->pBuffers[0].cbBuffer);
  p_DeleteSecurityContext(&ctx);
  return rc;
}

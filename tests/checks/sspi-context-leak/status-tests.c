// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// SEC_I_CONTINUE_NEEDED is a success: the context exists and must be deleted.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int send_token(const void *data, unsigned long len);

#define CLIENT_ISC(cred, spn, pctx, pout, pattrs)                                           \
  InitializeSecurityContextW((cred), NULL, (SEC_WCHAR *)(spn), ISC_REQ_CONNECTION, 0,        \
                             SECURITY_NATIVE_DREP, NULL, 0, (pctx), (pout), (pattrs), NULL)

// switch: the SEC_I_CONTINUE_NEEDED case forgets the context.
int switch_continue(PCredHandle cred, const wchar_t *spn, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  switch (CLIENT_ISC(cred, spn, &ctx, out, &attrs)) {
  case SEC_E_OK:
    DeleteSecurityContext(&ctx);
    return 0;
  case SEC_I_CONTINUE_NEEDED:
    return 1;
    // CHECK: :[[@LINE-1]]:5: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
    // CHECK: :[[@LINE-7]]:11: note: context handle acquired here by 'InitializeSecurityContextW'
  default:
    return -1;
  }
}

// Only SEC_E_OK is treated as success; SEC_I_CONTINUE_NEEDED falls into the error path.
int only_ok_is_success(PCredHandle cred, const wchar_t *spn, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  SECURITY_STATUS ss = CLIENT_ISC(cred, spn, &ctx, out, &attrs);
  if (ss == SEC_I_CONTINUE_NEEDED)
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
  // CHECK: :[[@LINE-4]]:24: note: context handle acquired here by 'InitializeSecurityContextW'
  if (ss != SEC_E_OK)
    return -1;
  DeleteSecurityContext(&ctx);
  return 0;
}

// ">= 0" holds it; SUCCEEDED() as well.
int succeeded_then_leak(PCredHandle cred, const wchar_t *spn, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  if (SUCCEEDED(CLIENT_ISC(cred, spn, &ctx, out, &attrs))) {
    if (attrs == 0)
      return -1;
    // CHECK: :[[@LINE-1]]:7: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
    // CHECK: :[[@LINE-4]]:17: note: context handle acquired here by 'InitializeSecurityContextW'
    DeleteSecurityContext(&ctx);
  }
  return 0;
}

// Correct: every success code deletes the context.
int switch_continue_fixed(PCredHandle cred, const wchar_t *spn, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  switch (CLIENT_ISC(cred, spn, &ctx, out, &attrs)) {
  case SEC_E_OK:
    DeleteSecurityContext(&ctx);
    return 0;
  case SEC_I_CONTINUE_NEEDED:
    DeleteSecurityContext(&ctx);
    return 1;
  default:
    return -1;
  }
}

// Correct: "FAILED" holds nothing, "< 0" holds nothing.
int failed_paths_hold_nothing(PCredHandle cred, const wchar_t *spn, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  SECURITY_STATUS ss = CLIENT_ISC(cred, spn, &ctx, out, &attrs);
  if (FAILED(ss))
    return -1;
  DeleteSecurityContext(&ctx);
  return ss == SEC_I_CONTINUE_NEEDED ? 1 : 0;
}

// Correct: a combined success test.
int ok_or_continue(PCredHandle cred, const wchar_t *spn, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  SECURITY_STATUS ss = CLIENT_ISC(cred, spn, &ctx, out, &attrs);
  if (ss == SEC_E_OK || ss == SEC_I_CONTINUE_NEEDED) {
    DeleteSecurityContext(&ctx);
    return 0;
  }
  return -1;
}

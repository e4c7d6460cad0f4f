// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// "Always release" on the failure branch of a status test.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern void report_error(const char *what, SECURITY_STATUS ss);

int lt_zero_releases(void) {
  CredHandle cred;
  SECURITY_STATUS ss = AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL,
                                                 NULL, NULL, NULL, &cred, NULL);
  if (ss < 0) {
    report_error("AcquireCredentialsHandleW", ss);
    FreeCredentialsHandle(&cred);
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is released but its acquisition failed [sspi-release-unacquired]
    // CHECK: :[[@LINE-6]]:24: note: acquisition failed on this path
    return -1;
  }
  FreeCredentialsHandle(&cred);
  return 0;
}

int switch_default_deletes(PCredHandle cred, const wchar_t *spn, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  SECURITY_STATUS ss = InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION,
                                                  0, SECURITY_NATIVE_DREP, NULL, 0, &ctx, out,
                                                  &attrs, NULL);
  switch (ss) {
  case SEC_E_OK:
  case SEC_I_CONTINUE_NEEDED:
    DeleteSecurityContext(&ctx);
    return 0;
  case SEC_E_TARGET_UNKNOWN:
  case SEC_E_LOGON_DENIED:
    DeleteSecurityContext(&ctx);
    // CHECK: :[[@LINE-1]]:5: warning: context handle 'ctx' is released but its acquisition failed [sspi-release-unacquired]
    // CHECK: :[[@LINE-12]]:24: note: acquisition failed on this path
    return -1;
  default:
    return -1;
  }
}

int failed_macro_releases(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  HRESULT hr = AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP,
                                     &ctx, out, &attrs, NULL);
  if (FAILED(hr)) {
    DeleteSecurityContext(&ctx);
    // CHECK: :[[@LINE-1]]:5: warning: context handle 'ctx' is released but its acquisition failed [sspi-release-unacquired]
    // CHECK: :[[@LINE-5]]:16: note: acquisition failed on this path
    return -1;
  }
  DeleteSecurityContext(&ctx);
  return 0;
}

// Correct: released on the success branch only.
int ge_zero_releases(void) {
  CredHandle cred;
  SECURITY_STATUS ss = AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL,
                                                 NULL, NULL, NULL, &cred, NULL);
  if (ss >= 0)
    FreeCredentialsHandle(&cred);
  return ss >= 0 ? 0 : -1;
}

// Correct: after an inconclusive test the context may exist; releasing is allowed.
int inconclusive_release(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  SECURITY_STATUS ss = AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION,
                                             SECURITY_NATIVE_DREP, &ctx, out, &attrs, NULL);
  if (ss != SEC_E_OK) {
    DeleteSecurityContext(&ctx);
    return -1;
  }
  DeleteSecurityContext(&ctx);
  return 0;
}

// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Both handles are SecHandle fields; the teardown mixes them up.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct auth {
  SecHandle h1;                 /* credential */
  SecHandle h2;                 /* context */
};

extern int exchange(PCtxtHandle ctx);

int auth_once(const wchar_t *spn, PSecBufferDesc out) {
  struct auth a;
  ULONG attrs;
  int rc;
  if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &a.h1, NULL) != SEC_E_OK)
    return -1;
  if (InitializeSecurityContextW(&a.h1, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &a.h2, out, &attrs, NULL) < 0) {
    FreeCredentialsHandle(&a.h1);
    return -1;
  }
  rc = 0;
  FreeCredentialsHandle(&a.h1);
  FreeCredentialsHandle(&a.h2);
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'a.h2' is released with 'FreeCredentialsHandle', which releases credential handles [sspi-mismatched-release]
  // CHECK: :[[@LINE-9]]:7: note: context handle acquired here by 'InitializeSecurityContextW'
  return rc;
}

// Correct.
int auth_once_fixed(const wchar_t *spn, PSecBufferDesc out) {
  struct auth a;
  ULONG attrs;
  if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &a.h1, NULL) != SEC_E_OK)
    return -1;
  if (InitializeSecurityContextW(&a.h1, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &a.h2, out, &attrs, NULL) < 0) {
    FreeCredentialsHandle(&a.h1);
    return -1;
  }
  DeleteSecurityContext(&a.h2);
  FreeCredentialsHandle(&a.h1);
  return 0;
}

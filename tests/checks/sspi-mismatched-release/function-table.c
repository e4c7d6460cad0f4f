// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Through the function table.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static PSecurityFunctionTableW g_sspi;

void table_mismatch(void) {
  CredHandle cred;
  if (g_sspi->AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                        NULL, &cred, NULL) != SEC_E_OK)
    return;
  g_sspi->DeleteSecurityContext(&cred);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is released with 'DeleteSecurityContext', which releases context handles [sspi-mismatched-release]
  // CHECK: :[[@LINE-5]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
}

// Correct.
void table_match(void) {
  CredHandle cred;
  if (g_sspi->AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                        NULL, &cred, NULL) != SEC_E_OK)
    return;
  g_sspi->FreeCredentialsHandle(&cred);
}

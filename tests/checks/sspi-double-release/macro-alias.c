// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// FreeCredentialHandle is the same function as FreeCredentialsHandle.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

void alias_then_real(void) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return;
  FreeCredentialHandle(&cred);
  FreeCredentialsHandle(&cred);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-6]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  // CHECK: :[[@LINE-4]]:3: note: first released here
}

// Correct: released once with the alias.
void alias_once(void) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return;
  FreeCredentialHandle(&cred);
}

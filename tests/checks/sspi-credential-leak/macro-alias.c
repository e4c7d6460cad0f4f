// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// FreeCredentialHandle (no "s") is the SDK's macro alias of FreeCredentialsHandle.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int authenticate_with(PCredHandle cred);

// Released with the alias on the success path only.
int alias_success_only(void) {
  CredHandle cred;
  SECURITY_STATUS ss;
  ss = AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                 &cred, NULL);
  if (ss != SEC_E_OK)
    return -1;
  if (GetTickCount() == 0)
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-7]]:8: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  FreeCredentialHandle(&cred);
  return 0;
}

// Correct: the alias releases.
int alias_releases(void) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return -1;
  FreeCredentialHandle(&cred);
  return 0;
}

// Correct: the alias on every path.
int alias_every_path(int quick) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return -1;
  if (quick) {
    FreeCredentialHandle(&cred);
    return 1;
  }
  FreeCredentialHandle(&cred);
  return 0;
}

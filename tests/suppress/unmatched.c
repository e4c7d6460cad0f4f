// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Unmatched begin / end suppression comments are reported (without any flag); an
// unmatched begin suppresses nothing, and the end must repeat the begin's list.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

// NOLINTEND(sspi-buffer-leak)
// CHECK: unmatched.c:[[@LINE-1]]:4: warning: unmatched 'NO{{LINT}}END' comment without a previous 'NO{{LINT}}BEGIN' comment [sspi-unmatched-suppression]

// NOLINTBEGIN(sspi-credential-leak)
// CHECK: unmatched.c:[[@LINE-1]]:4: warning: unmatched 'NO{{LINT}}BEGIN' comment without a subsequent 'NO{{LINT}}END' comment [sspi-unmatched-suppression]
int leaks(int early) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, NULL) != SEC_E_OK)
    return -1;
  if (early)
    return 1;
  // CHECK: unmatched.c:[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  FreeCredentialsHandle(&cred);
  return 0;
}
// NOLINTEND(sspi-*)
// CHECK: unmatched.c:[[@LINE-1]]:4: warning: unmatched 'NO{{LINT}}END' comment without a previous 'NO{{LINT}}BEGIN' comment [sspi-unmatched-suppression]

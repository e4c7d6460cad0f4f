// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Through GetProcAddress pointers.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static ACQUIRE_CREDENTIALS_HANDLE_FN_W p_AcquireCredentialsHandleW;
static FREE_CREDENTIALS_HANDLE_FN p_FreeCredentialsHandle;

int dyn_release_failed(void) {
  CredHandle cred;
  if (p_AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                  &cred, NULL) < 0) {
    p_FreeCredentialsHandle(&cred);
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is released but its acquisition failed [sspi-release-unacquired]
    // CHECK: :[[@LINE-4]]:7: note: acquisition failed on this path
    return -1;
  }
  p_FreeCredentialsHandle(&cred);
  return 0;
}

// Correct.
int dyn_release_ok(void) {
  CredHandle cred;
  if (p_AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                  &cred, NULL) < 0)
    return -1;
  p_FreeCredentialsHandle(&cred);
  return 0;
}

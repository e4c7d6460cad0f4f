// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// A __finally block that releases unconditionally.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int do_work(void);

int seh_unconditional(void) {
  CredHandle cred;
  int rc = -1;
  __try {
    if (FAILED(AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL,
                                         NULL, NULL, &cred, NULL)))
      __leave;
    rc = do_work();
  } __finally {
    FreeCredentialsHandle(&cred);
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is released but its acquisition failed [sspi-release-unacquired]
    // CHECK: :[[@LINE-7]]:16: note: acquisition failed on this path
  }
  return rc;
}

// Correct: the handle starts invalid and the __finally block tests it.
int seh_guarded(void) {
  CredHandle cred;
  int rc = -1;
  SecInvalidateHandle(&cred);
  __try {
    if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                  NULL, &cred, NULL) != SEC_E_OK)
      __leave;
    rc = do_work();
  } __finally {
    if (SecIsValidHandle(&cred))
      FreeCredentialsHandle(&cred);
  }
  return rc;
}

// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Structured exception handling: __try/__finally cleanup and __leave.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int do_work(void);
extern int prerequisites_met(void);

// __leave jumps past the release at the end of the __try block; the __finally block
// does not release.
int seh_leave_skips_release(void) {
  CredHandle cred;
  int rc = -1;
  __try {
    if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                  NULL, &cred, NULL) != SEC_E_OK)
      __leave;
    if (!prerequisites_met())
      __leave;
    rc = do_work();
    FreeCredentialsHandle(&cred);
  } __finally {
    OutputDebugStringA("seh_leave_skips_release done\n");
  }
  return rc;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-12]]:9: note: credential handle acquired here by 'AcquireCredentialsHandleW'
}

// A return inside __try runs a __finally block that does not release.
int seh_return_in_try(void) {
  CredHandle cred;
  __try {
    if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                  NULL, &cred, NULL) != SEC_E_OK)
      return -1;
    if (!prerequisites_met())
      return -2;
    // CHECK: :[[@LINE-1]]:7: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
    // CHECK: :[[@LINE-6]]:9: note: credential handle acquired here by 'AcquireCredentialsHandleW'
    FreeCredentialsHandle(&cred);
  } __finally {
    OutputDebugStringA("seh_return_in_try done\n");
  }
  return 0;
}

// Correct: the __finally block releases on every way out of the __try block.
int seh_finally_releases(void) {
  CredHandle cred;
  BOOL have_cred = FALSE;
  int rc = -1;
  __try {
    if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                  NULL, &cred, NULL) != SEC_E_OK)
      __leave;
    have_cred = TRUE;
    if (!prerequisites_met())
      __leave;
    rc = do_work();
  } __finally {
    if (have_cred)
      FreeCredentialsHandle(&cred);
  }
  return rc;
}

// Correct: a return inside __try still runs the releasing __finally block.
int seh_return_through_finally(void) {
  CredHandle cred;
  SecInvalidateHandle(&cred);
  __try {
    if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                  NULL, &cred, NULL) != SEC_E_OK)
      return -1;
    if (!prerequisites_met())
      return -2;
    return do_work();
  } __finally {
    if (SecIsValidHandle(&cred))
      FreeCredentialsHandle(&cred);
  }
}

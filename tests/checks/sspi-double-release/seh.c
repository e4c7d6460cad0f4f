// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Released in the __try block and again in __finally.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int do_work(void);

int seh_double(void) {
  CredHandle cred;
  BOOL have = FALSE;
  int rc = -1;
  __try {
    if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                  NULL, &cred, NULL) != SEC_E_OK)
      __leave;
    have = TRUE;
    rc = do_work();
    FreeCredentialsHandle(&cred);
  } __finally {
    if (have)
      FreeCredentialsHandle(&cred);
    // CHECK: :[[@LINE-1]]:7: warning: credential handle 'cred' is released twice [sspi-double-release]
    // CHECK: :[[@LINE-10]]:9: note: credential handle acquired here by 'AcquireCredentialsHandleW'
    // CHECK: :[[@LINE-6]]:5: note: first released here
  }
  return rc;
}

// Correct: only the __finally block releases.
int seh_single(void) {
  CredHandle cred;
  BOOL have = FALSE;
  int rc = -1;
  __try {
    if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                  NULL, &cred, NULL) != SEC_E_OK)
      __leave;
    have = TRUE;
    rc = do_work();
  } __finally {
    if (have)
      FreeCredentialsHandle(&cred);
  }
  return rc;
}

// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// switch with fall-through and default.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

enum pkg { PKG_KERBEROS = 1, PKG_NEGOTIATE = 2, PKG_NTLM = 3 };

extern int do_work(void);

// Kerberos falls through into the Negotiate case; the release afterwards only
// covers Negotiate.
int fallthrough_leaks(enum pkg p) {
  CredHandle cred;
  SEC_WCHAR *name = L"Negotiate";
  int rc;
  switch (p) {
  case PKG_KERBEROS:
    name = L"Kerberos";
    /* fall through */
  case PKG_NEGOTIATE:
    if (AcquireCredentialsHandleW(NULL, name, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                  &cred, NULL) != SEC_E_OK)
      return -1;
    break;
  default:
    return -1;
  }
  rc = do_work();
  if (p == PKG_NEGOTIATE)
    FreeCredentialsHandle(&cred);
  return rc;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-12]]:9: note: credential handle acquired here by 'AcquireCredentialsHandleW'
}

// Correct: released for every case that acquired.
int fallthrough_ok(enum pkg p) {
  CredHandle cred;
  SEC_WCHAR *name = L"Negotiate";
  int rc;
  switch (p) {
  case PKG_KERBEROS:
    name = L"Kerberos";
    /* fall through */
  case PKG_NEGOTIATE:
    if (AcquireCredentialsHandleW(NULL, name, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                  &cred, NULL) != SEC_E_OK)
      return -1;
    break;
  default:
    return -1;
  }
  rc = do_work();
  FreeCredentialsHandle(&cred);
  return rc;
}

// The default case releases nothing and returns.
int default_leaks(int action) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return -1;
  switch (action) {
  case 0:
    FreeCredentialsHandle(&cred);
    return 0;
  case 1:
    do_work();
    FreeCredentialsHandle(&cred);
    return 1;
  default:
    return -1;
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
    // CHECK: :[[@LINE-14]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  }
}

// Correct: the default case releases too.
int default_ok(int action) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return -1;
  switch (action) {
  case 0:
    break;
  case 1:
    do_work();
    break;
  default:
    action = -1;
    break;
  }
  FreeCredentialsHandle(&cred);
  return action;
}

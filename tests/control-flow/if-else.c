// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// if / else-if / else chains, nested and correlated conditions.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

enum auth_mode { AUTH_NONE, AUTH_NTLM, AUTH_KERBEROS, AUTH_NEGOTIATE };

extern int do_work(void);

// One arm of the chain returns without releasing.
int chain_leaks(enum auth_mode mode) {
  CredHandle cred;
  int rc;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return -1;
  if (mode == AUTH_NTLM) {
    rc = 1;
  } else if (mode == AUTH_KERBEROS) {
    rc = 2;
  } else if (mode == AUTH_NONE) {
    return 0;
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
    // CHECK: :[[@LINE-10]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  } else {
    rc = do_work();
  }
  FreeCredentialsHandle(&cred);
  return rc;
}

// Correct: every arm reaches the release.
int chain_ok(enum auth_mode mode) {
  CredHandle cred;
  int rc;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return -1;
  if (mode == AUTH_NTLM)
    rc = 1;
  else if (mode == AUTH_KERBEROS)
    rc = 2;
  else if (mode == AUTH_NONE)
    rc = 0;
  else
    rc = do_work();
  FreeCredentialsHandle(&cred);
  return rc;
}

// Acquired under one condition, released under a different one.
void mismatched_conditions(int use_sso, int verbose) {
  CredHandle cred;
  SECURITY_STATUS ss = SEC_E_NO_CREDENTIALS;
  if (use_sso)
    ss = AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                   NULL, &cred, NULL);
  if (ss != SEC_E_OK)
    return;
  if (verbose)
    FreeCredentialsHandle(&cred);
}
// CHECK: :[[@LINE-1]]:1: warning: credential handle 'cred' is not released when the function ends [sspi-credential-leak]
// CHECK: :[[@LINE-8]]:10: note: credential handle acquired here by 'AcquireCredentialsHandleW'

// Correct: acquired and released under the same (unchanged) condition.
void correlated_conditions(int use_sso) {
  CredHandle cred;
  if (use_sso) {
    if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                  &cred, NULL) != SEC_E_OK)
      return;
  }
  do_work();
  if (use_sso)
    FreeCredentialsHandle(&cred);
}

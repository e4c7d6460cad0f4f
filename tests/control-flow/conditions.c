// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// &&, ||, ?: and the comma operator in conditions.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int ready(void);
extern int do_work(void);

// &&: acquired, but the second operand is false.
void and_leaks(int want) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) == SEC_E_OK && want) {
    do_work();
    FreeCredentialsHandle(&cred);
  }
}
// CHECK: :[[@LINE-1]]:1: warning: credential handle 'cred' is not released when the function ends [sspi-credential-leak]
// CHECK: :[[@LINE-7]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'

// Correct: the && test comes first, so nothing is acquired when !want.
void and_ok(int want) {
  CredHandle cred;
  if (want && AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL,
                                        NULL, NULL, &cred, NULL) == SEC_E_OK) {
    do_work();
    FreeCredentialsHandle(&cred);
  }
}

// ||: the early exit covers "not ready" after a successful acquisition.
int or_leaks(void) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK || !ready())
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-4]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  do_work();
  FreeCredentialsHandle(&cred);
  return 0;
}

// Correct: || with the cheap test first.
int or_ok(void) {
  CredHandle cred;
  if (!ready() || AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL,
                                            NULL, NULL, &cred, NULL) != SEC_E_OK)
    return -1;
  do_work();
  FreeCredentialsHandle(&cred);
  return 0;
}

// ?: as the status test.
int ternary_leaks(void) {
  CredHandle cred;
  int rc = AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                     &cred, NULL) == SEC_E_OK ? do_work() : -1;
  return rc;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-4]]:12: note: credential handle acquired here by 'AcquireCredentialsHandleW'
}

// Correct: ?: picks the release.
int ternary_ok(void) {
  CredHandle cred;
  SECURITY_STATUS ss = AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL,
                                                 NULL, NULL, &cred, NULL);
  int rc = ss == SEC_E_OK ? do_work() : -1;
  ss == SEC_E_OK ? FreeCredentialsHandle(&cred) : SEC_E_OK;
  return rc;
}

// The comma operator: the status is assigned, then tested.
int comma_leaks(void) {
  CredHandle cred;
  SECURITY_STATUS ss;
  if ((ss = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                      NULL, &cred, NULL)),
      ss < 0)
    return -1;
  if (!ready())
    return -2;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-7]]:13: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  FreeCredentialsHandle(&cred);
  return 0;
}

// Correct: comma operator, released on both paths.
int comma_ok(void) {
  CredHandle cred;
  SECURITY_STATUS ss;
  int rc = 0;
  if ((ss = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                      NULL, &cred, NULL)),
      ss < 0)
    return -1;
  if (!ready())
    rc = -2;
  FreeCredentialsHandle(&cred);
  return rc;
}

// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// BOOL wrappers: TRUE when the credential was acquired, FALSE (nothing held) otherwise.
// Callers test them every way C allows.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int do_work(void);

static BOOL get_cred_bool(CredHandle *out) {
  SECURITY_STATUS ss = AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL,
                                                 NULL, NULL, NULL, out, NULL);
  if (ss != SEC_E_OK)
    return FALSE;
  return TRUE;
}

// The same, computed from the status.
static BOOL get_cred_succeeded(CredHandle *out) {
  SECURITY_STATUS ss = AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL,
                                                 NULL, NULL, out, NULL);
  return ss == SEC_E_OK ? TRUE : FALSE;
}

// The comparison itself as the value.
static BOOL get_cred_cmp(CredHandle *out) {
  SECURITY_STATUS ss = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_INBOUND, NULL,
                                                 NULL, NULL, NULL, out, NULL);
  return ss == SEC_E_OK;
}

// The same with the status macro as the value.
static BOOL get_cred_macro(CredHandle *out) {
  SECURITY_STATUS ss = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL,
                                                 NULL, NULL, NULL, out, NULL);
  return SUCCEEDED(ss);
}

// `!= TRUE`
int ne_true_ok(void) {
  CredHandle cred;
  if (get_cred_bool(&cred) != TRUE)
    return -1;
  FreeCredentialsHandle(&cred);
  return 0;
}

int ne_true_forgot(void) {
  CredHandle cred;
  if (get_cred_bool(&cred) != TRUE)
    return -1;
  return do_work();
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-4]]:7: note: credential handle acquired here by 'get_cred_bool'
}

// `!f()`: the usual way to test a BOOL.
int not_ok(void) {
  CredHandle cred;
  if (!get_cred_bool(&cred))
    return -1;
  do_work();
  FreeCredentialsHandle(&cred);
  return 0;
}

int not_forgot(void) {
  CredHandle cred;
  if (!get_cred_bool(&cred))
    return -1;
  if (do_work() != 0)
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-5]]:8: note: credential handle acquired here by 'get_cred_bool'
  FreeCredentialsHandle(&cred);
  return 0;
}

// `if (f()) { ... }`
int if_ok(void) {
  CredHandle cred;
  if (get_cred_bool(&cred)) {
    do_work();
    FreeCredentialsHandle(&cred);
    return 0;
  }
  return -1;
}

int if_forgot(void) {
  CredHandle cred;
  if (get_cred_bool(&cred)) {
    do_work();
    return 0;
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
    // CHECK: :[[@LINE-4]]:7: note: credential handle acquired here by 'get_cred_bool'
  }
  return -1;
}

// `== FALSE`
int eq_false_forgot(void) {
  CredHandle cred;
  if (get_cred_bool(&cred) == FALSE)
    return -1;
  return 0;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-4]]:7: note: credential handle acquired here by 'get_cred_bool'
}

// Releasing after FALSE: nothing was acquired.
void release_after_false(void) {
  CredHandle cred;
  if (!get_cred_bool(&cred)) {
    FreeCredentialsHandle(&cred);
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is released but its acquisition failed [sspi-release-unacquired]
    // CHECK: :[[@LINE-3]]:8: note: acquisition failed on this path
    return;
  }
  FreeCredentialsHandle(&cred);
}

// The computed BOOL.
int succeeded_ok(void) {
  CredHandle cred;
  if (!get_cred_succeeded(&cred))
    return -1;
  FreeCredentialsHandle(&cred);
  return 0;
}

int succeeded_forgot(void) {
  CredHandle cred;
  if (!get_cred_succeeded(&cred))
    return -1;
  return do_work();
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-4]]:8: note: credential handle acquired here by 'get_cred_succeeded'
}

// The comparison as the return value.
int cmp_forgot(void) {
  CredHandle cred;
  if (!get_cred_cmp(&cred))
    return -1;
  return do_work();
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-4]]:8: note: credential handle acquired here by 'get_cred_cmp'
}

// The status macro as the return value.
int macro_ok(void) {
  CredHandle cred;
  if (get_cred_macro(&cred) != TRUE)
    return -1;
  FreeCredentialsHandle(&cred);
  return 0;
}

int macro_forgot(void) {
  CredHandle cred;
  if (get_cred_macro(&cred) != TRUE)
    return -1;
  return do_work();
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-4]]:7: note: credential handle acquired here by 'get_cred_macro'
}

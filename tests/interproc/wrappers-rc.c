// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Wrappers in the errno style: 0 when the credential was acquired, -1 otherwise.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int do_work(void);

static int get_cred_rc(CredHandle *out) {
  if (FAILED(AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                       NULL, out, NULL)))
    return -1;
  return 0;
}

// `!= 0`
int ne_zero_ok(void) {
  CredHandle cred;
  if (get_cred_rc(&cred) != 0)
    return -1;
  do_work();
  FreeCredentialsHandle(&cred);
  return 0;
}

int ne_zero_forgot(void) {
  CredHandle cred;
  int rc = get_cred_rc(&cred);
  if (rc != 0)
    return rc;
  return do_work() == 0 ? 0 : -1;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-5]]:12: note: credential handle acquired here by 'get_cred_rc'
}

// `if (f())`
int truth_forgot(void) {
  CredHandle cred;
  if (get_cred_rc(&cred))
    return -1;
  return 0;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-4]]:7: note: credential handle acquired here by 'get_cred_rc'
}

// `< 0`: the usual test of such a wrapper.
int negative_ok(void) {
  CredHandle cred;
  if (get_cred_rc(&cred) < 0)
    return -1;
  do_work();
  FreeCredentialsHandle(&cred);
  return 0;
}

int negative_forgot(void) {
  CredHandle cred;
  if (get_cred_rc(&cred) < 0)
    return -1;
  if (do_work() != 0)
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-5]]:7: note: credential handle acquired here by 'get_cred_rc'
  FreeCredentialsHandle(&cred);
  return 0;
}

// `== -1`
int minus_one_forgot(void) {
  CredHandle cred;
  if (get_cred_rc(&cred) == -1)
    return -1;
  return 0;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-4]]:7: note: credential handle acquired here by 'get_cred_rc'
}

// Released on the failure path of the wrapper: nothing was acquired there.
void release_after_minus_one(void) {
  CredHandle cred;
  if (get_cred_rc(&cred) != 0) {
    FreeCredentialsHandle(&cred);
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is released but its acquisition failed [sspi-release-unacquired]
    // CHECK: :[[@LINE-3]]:7: note: acquisition failed on this path
    return;
  }
  FreeCredentialsHandle(&cred);
}

// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// AcquireCredentialsHandle never returns a SEC_I_* code (rules: returns "<= 0"), so
// `!= SEC_E_OK` is its failure test. A wrapper that passes its status through returns
// the same values, so the test means the same on the wrapper's status, at any depth.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int do_work(void);

static SECURITY_STATUS get_cred(CredHandle *out) {
  return AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                   NULL, out, NULL);
}

// Tests the wrapper's status with != SEC_E_OK: acquired iff it returns 0.
static int open_cred(CredHandle *out) {
  if (get_cred(out) != SEC_E_OK)
    return -1;
  return 0;
}

// One level more.
static SECURITY_STATUS get_cred2(CredHandle *out) { return get_cred(out); }

static BOOL open_cred2(CredHandle *out) {
  SECURITY_STATUS ss = get_cred2(out);
  if (ss != SEC_E_OK)
    return FALSE;
  return TRUE;
}

int open_ok(void) {
  CredHandle cred;
  if (open_cred(&cred) != 0)
    return -1;
  do_work();
  FreeCredentialsHandle(&cred);
  return 0;
}

int open_forgot(void) {
  CredHandle cred;
  if (open_cred(&cred) != 0)
    return -1;
  return do_work();
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-4]]:7: note: credential handle acquired here by 'open_cred'
}

int open2_ok(void) {
  CredHandle cred;
  if (open_cred2(&cred) != TRUE)
    return -1;
  FreeCredentialsHandle(&cred);
  return 0;
}

int open2_forgot(void) {
  CredHandle cred;
  if (open_cred2(&cred) != TRUE)
    return -1;
  return 0;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-4]]:7: note: credential handle acquired here by 'open_cred2'
}

// Released where the wrapper's status says it failed.
void release_on_error(void) {
  CredHandle cred;
  SECURITY_STATUS ss = get_cred(&cred);
  if (ss != SEC_E_OK) {
    FreeCredentialsHandle(&cred);
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is released but its acquisition failed [sspi-release-unacquired]
    // CHECK: :[[@LINE-4]]:24: note: acquisition failed on this path
    return;
  }
  FreeCredentialsHandle(&cred);
}

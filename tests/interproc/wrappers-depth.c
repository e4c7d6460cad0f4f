// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Wrappers of wrappers: acquire and release three calls deep.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int do_work(void);

// depth 1: the status of AcquireCredentialsHandleW
static SECURITY_STATUS sec_acquire(const wchar_t *package, CredHandle *out) {
  return AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL,
                                   NULL, NULL, out, NULL);
}

// depth 2: the same status, a fixed package
static SECURITY_STATUS sec_acquire_negotiate(CredHandle *out) {
  return sec_acquire(L"Negotiate", out);
}

// depth 3: 0 / -1, testing the status with FAILED()
static int auth_init(CredHandle *out) {
  if (FAILED(sec_acquire_negotiate(out)))
    return -1;
  return 0;
}

static void sec_release(CredHandle *h) { FreeCredentialsHandle(h); }
static void auth_release(CredHandle *h) { sec_release(h); }
static void auth_done(CredHandle *h) { auth_release(h); }

int deep_ok(void) {
  CredHandle cred;
  if (auth_init(&cred) != 0)
    return -1;
  do_work();
  auth_done(&cred);
  return 0;
}

int deep_forgot(void) {
  CredHandle cred;
  if (auth_init(&cred) != 0)
    return -1;
  return do_work();
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-4]]:7: note: credential handle acquired here by 'auth_init'
}

void deep_twice(void) {
  CredHandle cred;
  if (auth_init(&cred) != 0)
    return;
  auth_done(&cred);
  auth_release(&cred);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-3]]:3: note: first released here
}

// The depth-2 status wrapper, called directly.
int status_forgot(void) {
  CredHandle cred;
  if (sec_acquire_negotiate(&cred) != SEC_E_OK)
    return -1;
  return 0;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-4]]:7: note: credential handle acquired here by 'sec_acquire_negotiate'
}

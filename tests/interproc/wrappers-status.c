// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// A wrapper that returns the SECURITY_STATUS of AcquireCredentialsHandle and one that
// releases the caller's handle: their callers are checked as if they called the SSPI
// functions themselves.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

#ifndef SEC_SUCCESS /* the SDK defines it; mingw-w64 only for WIN32_CHICAGO */
#define SEC_SUCCESS(Status) ((Status) >= 0)
#endif

extern int do_work(void);

// Held iff the result is >= 0: the status of AcquireCredentialsHandleW passed through.
static SECURITY_STATUS get_cred(CredHandle *out) {
  return AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                   NULL, out, NULL);
}

// Releases the caller's handle on every path.
static void put_cred(CredHandle *h) { FreeCredentialsHandle(h); }

int status_ok(void) {
  CredHandle cred;
  if (get_cred(&cred) != SEC_E_OK)
    return -1;
  do_work();
  put_cred(&cred);
  return 0;
}

int status_forgot(int quick) {
  CredHandle cred;
  if (get_cred(&cred) != SEC_E_OK)
    return -1;
  if (quick)
    return 1;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-5]]:7: note: credential handle acquired here by 'get_cred'
  put_cred(&cred);
  return 0;
}

// The status is never tested: the call is assumed to have succeeded.
void status_untested(void) {
  CredHandle cred;
  get_cred(&cred);
  do_work();
}
// CHECK: :[[@LINE-1]]:1: warning: credential handle 'cred' is not released when the function ends [sspi-credential-leak]
// CHECK: :[[@LINE-4]]:3: note: credential handle acquired here by 'get_cred'
// CHECK: :[[@LINE-5]]:3: note: assuming 'get_cred' succeeded

// The failure branch of the wrapper's status holds nothing: releasing there is wrong.
void release_on_failure(void) {
  CredHandle cred;
  if (FAILED(get_cred(&cred))) {
    put_cred(&cred);
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is released but its acquisition failed [sspi-release-unacquired]
    // CHECK: :[[@LINE-3]]:14: note: acquisition failed on this path
    return;
  }
  put_cred(&cred);
}

void put_twice(void) {
  CredHandle cred;
  if (get_cred(&cred) != SEC_E_OK)
    return;
  put_cred(&cred);
  put_cred(&cred);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-3]]:3: note: first released here
}

void use_after_put(void) {
  CredHandle cred;
  if (get_cred(&cred) != SEC_E_OK)
    return;
  put_cred(&cred);
  QueryCredentialsAttributesW(&cred, SECPKG_CRED_ATTR_NAMES, NULL);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is used by 'QueryCredentialsAttributesW' after it was released [sspi-use-after-release]
  // CHECK: :[[@LINE-3]]:3: note: released here
}

// A context released with the credential wrapper.
void put_context(CredHandle *cred, SecBufferDesc *out) {
  CtxtHandle ctx;
  ULONG attrs;
  if (InitializeSecurityContextW(cred, NULL, L"HTTP/example", 0, 0, SECURITY_NATIVE_DREP, NULL, 0,
                                 &ctx, out, &attrs, NULL) < 0)
    return;
  put_cred((CredHandle *)&ctx);
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'ctx' is released with 'put_cred', which releases credential handles [sspi-mismatched-release]
  // CHECK: :[[@LINE-5]]:7: note: context handle acquired here by 'InitializeSecurityContextW'
}

// `< 0` and SEC_SUCCESS() on the wrapper's status.
int status_negative_forgot(void) {
  CredHandle cred;
  if (get_cred(&cred) < 0)
    return -1;
  return do_work();
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-4]]:7: note: credential handle acquired here by 'get_cred'
}

int status_sec_success_ok(void) {
  CredHandle cred;
  SECURITY_STATUS ss = get_cred(&cred);
  if (!SEC_SUCCESS(ss))
    return -1;
  do_work();
  put_cred(&cred);
  return 0;
}

int status_sec_success_forgot(void) {
  CredHandle cred;
  SECURITY_STATUS ss = get_cred(&cred);
  if (SEC_SUCCESS(ss))
    do_work();
  return 0;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-5]]:24: note: credential handle acquired here by 'get_cred'
}

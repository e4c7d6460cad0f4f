// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Wrappers that accept a NULL handle pointer. The NULL paths are possible (the analysis
// of the wrapper walks them) but say nothing about what a caller passing a real
// handle gets: drop_cred(&cred) releases cred.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int do_work(void);

static SECURITY_STATUS get_cred(CredHandle *out) {
  if (out == NULL)
    return SEC_E_INVALID_PARAMETER;
  return AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                   NULL, out, NULL);
}

static void drop_cred(CredHandle *h) {
  if (h)
    FreeCredentialsHandle(h);
}

static void drop_ctx(CtxtHandle *h) {
  if (!h)
    return;
  DeleteSecurityContext(h);
}

// The NULL path of the wrapper itself is walked: it must not crash or report.
void drop_nothing(void) {
  drop_cred(NULL);
  drop_ctx(NULL);
}

int get_ok(void) {
  CredHandle cred;
  if (get_cred(&cred) != SEC_E_OK)
    return -1;
  do_work();
  drop_cred(&cred);
  return 0;
}

int get_forgot(void) {
  CredHandle cred;
  if (get_cred(&cred) != SEC_E_OK)
    return -1;
  if (do_work() != 0)
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-5]]:7: note: credential handle acquired here by 'get_cred'
  drop_cred(&cred);
  return 0;
}

void drop_twice(void) {
  CredHandle cred;
  if (get_cred(&cred) != SEC_E_OK)
    return;
  drop_cred(&cred);
  drop_cred(&cred);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-3]]:3: note: first released here
}

void use_after_drop(void) {
  CredHandle cred;
  if (get_cred(&cred) != SEC_E_OK)
    return;
  drop_cred(&cred);
  QueryCredentialsAttributesW(&cred, SECPKG_CRED_ATTR_NAMES, NULL);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is used by 'QueryCredentialsAttributesW' after it was released [sspi-use-after-release]
  // CHECK: :[[@LINE-3]]:3: note: released here
}

// drop_ctx has the early-return shape.
void ctx_twice(CredHandle *cred, SecBufferDesc *out) {
  CtxtHandle ctx;
  ULONG attrs;
  if (InitializeSecurityContextW(cred, NULL, L"HTTP/example", 0, 0, SECURITY_NATIVE_DREP, NULL, 0,
                                 &ctx, out, &attrs, NULL) < 0)
    return;
  drop_ctx(&ctx);
  drop_ctx(&ctx);
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'ctx' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-3]]:3: note: first released here
}

// The credential wrapper on a context.
void ctx_with_cred_wrapper(CredHandle *cred, SecBufferDesc *out) {
  CtxtHandle ctx;
  ULONG attrs;
  if (InitializeSecurityContextW(cred, NULL, L"HTTP/example", 0, 0, SECURITY_NATIVE_DREP, NULL, 0,
                                 &ctx, out, &attrs, NULL) < 0)
    return;
  drop_cred((CredHandle *)&ctx);
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'ctx' is released with 'drop_cred', which releases credential handles [sspi-mismatched-release]
  // CHECK: :[[@LINE-5]]:7: note: context handle acquired here by 'InitializeSecurityContextW'
}

// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Handles used after the release that was meant to be the last step.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern void log_user(const wchar_t *user);
extern int serve(void);

// The peer name is logged after the context was deleted.
int server_done(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx;
  SecPkgContext_NamesW names;
  ULONG attrs;
  if (AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &ctx, out,
                            &attrs, NULL) != SEC_E_OK)
    return -1;
  DeleteSecurityContext(&ctx);
  if (QueryContextAttributesW(&ctx, SECPKG_ATTR_NAMES, &names) == SEC_E_OK) {
    // CHECK: :[[@LINE-1]]:7: warning: context handle 'ctx' is used by 'QueryContextAttributesW' after it was released [sspi-use-after-release]
    // CHECK: :[[@LINE-6]]:7: note: context handle acquired here by 'AcceptSecurityContext'
    // CHECK: :[[@LINE-4]]:3: note: released here
    log_user(names.sUserName);
    FreeContextBuffer(names.sUserName);
  }
  return 0;
}

// Cleanup in the wrong order: the context is deleted before reverting.
int serve_impersonated(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  int rc;
  if (AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &ctx, out,
                            &attrs, NULL) != SEC_E_OK)
    return -1;
  if (ImpersonateSecurityContext(&ctx) != SEC_E_OK) {
    DeleteSecurityContext(&ctx);
    return -1;
  }
  rc = serve();
  DeleteSecurityContext(&ctx);
  RevertSecurityContext(&ctx);
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'ctx' is used by 'RevertSecurityContext' after it was released [sspi-use-after-release]
  // CHECK: :[[@LINE-11]]:7: note: context handle acquired here by 'AcceptSecurityContext'
  // CHECK: :[[@LINE-4]]:3: note: released here
  return rc;
}

// A caller's context handle: deleted, then queried.
ULONG sizes_after_delete(PCtxtHandle ctx) {
  SecPkgContext_Sizes sizes;
  DeleteSecurityContext(ctx);
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_SIZES, &sizes) != SEC_E_OK)
    // CHECK: :[[@LINE-1]]:7: warning: context handle '{{\*?}}ctx' is used by 'QueryContextAttributesW' after it was released [sspi-use-after-release]
    // CHECK: :[[@LINE-3]]:3: note: released here
    return 0;
  return sizes.cbMaxToken;
}

// Correct: query first, delete last.
int server_done_fixed(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx;
  SecPkgContext_NamesW names;
  ULONG attrs;
  if (AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &ctx, out,
                            &attrs, NULL) != SEC_E_OK)
    return -1;
  if (QueryContextAttributesW(&ctx, SECPKG_ATTR_NAMES, &names) == SEC_E_OK) {
    log_user(names.sUserName);
    FreeContextBuffer(names.sUserName);
  }
  DeleteSecurityContext(&ctx);
  return 0;
}

// Correct: revert, then delete.
int serve_impersonated_fixed(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  int rc;
  if (AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &ctx, out,
                            &attrs, NULL) != SEC_E_OK)
    return -1;
  if (ImpersonateSecurityContext(&ctx) != SEC_E_OK) {
    DeleteSecurityContext(&ctx);
    return -1;
  }
  rc = serve();
  RevertSecurityContext(&ctx);
  DeleteSecurityContext(&ctx);
  return rc;
}

// Correct: a caller's handle queried, then deleted.
ULONG sizes_then_delete(PCtxtHandle ctx) {
  SecPkgContext_Sizes sizes;
  SECURITY_STATUS ss = QueryContextAttributesW(ctx, SECPKG_ATTR_SIZES, &sizes);
  DeleteSecurityContext(ctx);
  return ss == SEC_E_OK ? sizes.cbMaxToken : 0;
}

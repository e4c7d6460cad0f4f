// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Fatal errors that end the process with a context alive.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdlib.h>

extern void fatal_log(const char *msg);

void must_sign(PCredHandle cred, const wchar_t *spn, PSecBufferDesc out) {
  CtxtHandle ctx;
  SecPkgContext_Sizes sizes;
  ULONG attrs;
  if (InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_INTEGRITY, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &ctx, out, &attrs, NULL) < 0)
    abort();
  if (QueryContextAttributesW(&ctx, SECPKG_ATTR_SIZES, &sizes) != SEC_E_OK) {
    fatal_log("no sizes");
    abort();
    // CHECK: :[[@LINE-1]]:5: warning: context handle 'ctx' is not released before 'abort' ends the process [sspi-context-leak]
    // CHECK: :[[@LINE-7]]:7: note: context handle acquired here by 'InitializeSecurityContextW'
  }
  DeleteSecurityContext(&ctx);
}

// Correct: deleted before the process ends.
void must_sign_fixed(PCredHandle cred, const wchar_t *spn, PSecBufferDesc out) {
  CtxtHandle ctx;
  SecPkgContext_Sizes sizes;
  ULONG attrs;
  SECURITY_STATUS ss;
  if (InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_INTEGRITY, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &ctx, out, &attrs, NULL) < 0)
    abort();
  ss = QueryContextAttributesW(&ctx, SECPKG_ATTR_SIZES, &sizes);
  DeleteSecurityContext(&ctx);
  if (ss != SEC_E_OK)
    ExitProcess(3);
}

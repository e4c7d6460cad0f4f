// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// C++ code that throws while a context is alive.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct auth_failure {
  SECURITY_STATUS status;
};

void check_integrity(PCredHandle cred, SEC_WCHAR *spn, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs = 0;
  SECURITY_STATUS ss = InitializeSecurityContextW(cred, nullptr, spn, ISC_REQ_INTEGRITY, 0,
                                                  SECURITY_NATIVE_DREP, nullptr, 0, &ctx, out,
                                                  &attrs, nullptr);
  if (FAILED(ss))
    throw auth_failure{ss};
  if ((attrs & ISC_RET_INTEGRITY) == 0)
    throw auth_failure{SEC_E_UNSUPPORTED_FUNCTION};
  // CHECK: :[[@LINE-1]]:5: warning: context handle 'ctx' is not released when the exception leaves the function [sspi-context-leak]
  // CHECK: :[[@LINE-8]]:24: note: context handle acquired here by 'InitializeSecurityContextW'
  DeleteSecurityContext(&ctx);
}

// Correct: a catch-all deletes and rethrows.
void check_integrity_fixed(PCredHandle cred, SEC_WCHAR *spn, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs = 0;
  SECURITY_STATUS ss = InitializeSecurityContextW(cred, nullptr, spn, ISC_REQ_INTEGRITY, 0,
                                                  SECURITY_NATIVE_DREP, nullptr, 0, &ctx, out,
                                                  &attrs, nullptr);
  if (FAILED(ss))
    throw auth_failure{ss};
  try {
    if ((attrs & ISC_RET_INTEGRITY) == 0)
      throw auth_failure{SEC_E_UNSUPPORTED_FUNCTION};
  } catch (...) {
    DeleteSecurityContext(&ctx);
    throw;
  }
  DeleteSecurityContext(&ctx);
}

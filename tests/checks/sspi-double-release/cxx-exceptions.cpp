// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// A catch block that releases and does not leave.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct tls_error {
  SECURITY_STATUS status;
};

extern void renegotiate(PCtxtHandle ctx);

int refresh(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  SECURITY_STATUS ss = AcceptSecurityContext(cred, nullptr, in, ASC_REQ_CONNECTION,
                                             SECURITY_NATIVE_DREP, &ctx, out, &attrs, nullptr);
  if (ss != SEC_E_OK)
    return -1;
  try {
    if (attrs == 0)
      throw tls_error{SEC_E_UNSUPPORTED_FUNCTION};
  } catch (const tls_error &) {
    DeleteSecurityContext(&ctx);
  }
  DeleteSecurityContext(&ctx);
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'ctx' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-12]]:24: note: context handle acquired here by 'AcceptSecurityContext'
  // CHECK: :[[@LINE-5]]:5: note: first released here
  return 0;
}

// Correct: the catch block returns after releasing.
int refresh_fixed(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  SECURITY_STATUS ss = AcceptSecurityContext(cred, nullptr, in, ASC_REQ_CONNECTION,
                                             SECURITY_NATIVE_DREP, &ctx, out, &attrs, nullptr);
  if (ss != SEC_E_OK)
    return -1;
  try {
    if (attrs == 0)
      throw tls_error{SEC_E_UNSUPPORTED_FUNCTION};
  } catch (const tls_error &) {
    DeleteSecurityContext(&ctx);
    return -1;
  }
  DeleteSecurityContext(&ctx);
  return 0;
}

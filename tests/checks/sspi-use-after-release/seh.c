// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// The __finally block deletes the context; code after the __try still uses it.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int serve(void);

int seh_use_after_finally(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  HANDLE token = NULL;
  int rc = -1;
  if (AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &ctx, out,
                            &attrs, NULL) != SEC_E_OK)
    return -1;
  __try {
    rc = serve();
  } __finally {
    DeleteSecurityContext(&ctx);
  }
  if (rc == 0 && QuerySecurityContextToken(&ctx, &token) == SEC_E_OK)
    // CHECK: :[[@LINE-1]]:18: warning: context handle 'ctx' is used by 'QuerySecurityContextToken' after it was released [sspi-use-after-release]
    // CHECK: :[[@LINE-10]]:7: note: context handle acquired here by 'AcceptSecurityContext'
    // CHECK: :[[@LINE-5]]:5: note: released here
    CloseHandle(token);
  return rc;
}

// Correct: the token is taken inside the __try block.
int seh_use_in_try(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  HANDLE token = NULL;
  int rc = -1;
  if (AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &ctx, out,
                            &attrs, NULL) != SEC_E_OK)
    return -1;
  __try {
    rc = serve();
    if (rc == 0 && QuerySecurityContextToken(&ctx, &token) == SEC_E_OK)
      CloseHandle(token);
  } __finally {
    DeleteSecurityContext(&ctx);
  }
  return rc;
}

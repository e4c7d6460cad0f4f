// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// __try/__finally around a server context.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int serve_client(HANDLE token);

// __leave after the impersonation check skips DeleteSecurityContext.
int seh_server(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx;
  HANDLE token = NULL;
  ULONG attrs;
  int rc = -1;
  __try {
    if (AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &ctx,
                              out, &attrs, NULL) != SEC_E_OK)
      __leave;
    if (QuerySecurityContextToken(&ctx, &token) != SEC_E_OK)
      __leave;
    rc = serve_client(token);
    DeleteSecurityContext(&ctx);
  } __finally {
    if (token != NULL)
      CloseHandle(token);
  }
  return rc;
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
  // CHECK: :[[@LINE-13]]:9: note: context handle acquired here by 'AcceptSecurityContext'
}

// Correct: the __finally block deletes the context.
int seh_server_fixed(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx;
  BOOL have_ctx = FALSE;
  HANDLE token = NULL;
  ULONG attrs;
  int rc = -1;
  __try {
    if (AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &ctx,
                              out, &attrs, NULL) != SEC_E_OK)
      __leave;
    have_ctx = TRUE;
    if (QuerySecurityContextToken(&ctx, &token) != SEC_E_OK)
      __leave;
    rc = serve_client(token);
  } __finally {
    if (token != NULL)
      CloseHandle(token);
    if (have_ctx)
      DeleteSecurityContext(&ctx);
  }
  return rc;
}

// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// A server that impersonates its authenticated client through the context's access token.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

typedef struct client_session {
  CtxtHandle ctx;
  int authenticated;
} client_session;

int audit_user(HANDLE token);

int serve_as_client(client_session *cs) {
  HANDLE token;
  if (QuerySecurityContextToken(&cs->ctx, &token) != SEC_E_OK)
    return -1;
  if (!ImpersonateLoggedOnUser(token)) {
    CloseHandle(token);
    return -1;
  }
  RevertToSelf();
  CloseHandle(token);
  return 0;
}

int serve_as_client_leaky(client_session *cs) {
  HANDLE token;
  if (QuerySecurityContextToken(&cs->ctx, &token) != SEC_E_OK)
    return -1;
  if (!ImpersonateLoggedOnUser(token))
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: access token 'token' is not released when the function returns [sspi-token-leak]
  // CHECK-NEXT: :[[@LINE-5]]:7: note: access token acquired here by 'QuerySecurityContextToken'
  RevertToSelf();
  CloseHandle(token);
  return 0;
}

int check_user_wrong_release(client_session *cs) {
  HANDLE token;
  if (QuerySecurityContextToken(&cs->ctx, &token) != SEC_E_OK)
    return -1;
  int ok = audit_user(token);
  FreeContextBuffer(token);
  // CHECK: :[[@LINE-1]]:3: warning: access token 'token' is released with 'FreeContextBuffer', which releases SSPI-allocated buffers [sspi-mismatched-release]
  return ok;
}

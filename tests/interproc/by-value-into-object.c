// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// A constructor that takes the credential by value and keeps it in the object it returns
// (an RPC auth-info object): the caller's credential is handed over with the call. A
// function that only looks at its by-value copy hands nothing over.
#define SECURITY_WIN32
#include <stdlib.h>
#include <windows.h>
#include <sspi.h>

typedef struct auth_info {
  LONG refs;
  CredHandle cred;
  TimeStamp exp;
  ULONG max_token;
} auth_info;

static int auth_info_create(CredHandle cred, TimeStamp exp, ULONG max_token, auth_info **ret) {
  auth_info *ai = calloc(1, sizeof *ai);
  if (!ai)
    return -1;
  ai->refs = 1;
  ai->cred = cred;
  ai->exp = exp;
  ai->max_token = max_token;
  *ret = ai;
  return 0;
}

static int cred_expired(CredHandle cred, TimeStamp exp) {
  (void)cred;
  return exp.QuadPart == 0;
}

int binding_set_auth(const wchar_t *pkg, auth_info **slot) {
  CredHandle cred;
  TimeStamp exp;
  if (AcquireCredentialsHandleW(NULL, (wchar_t *)pkg, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, &exp) != SEC_E_OK)
    return -1;
  if (auth_info_create(cred, exp, 4096, slot) != 0) {
    FreeCredentialsHandle(&cred);
    return -1;
  }
  return 0;
}

int binding_check(const wchar_t *pkg) {
  CredHandle cred;
  TimeStamp exp;
  if (AcquireCredentialsHandleW(NULL, (wchar_t *)pkg, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, &exp) != SEC_E_OK)
    return -1;
  if (cred_expired(cred, exp))
    return -2;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  FreeCredentialsHandle(&cred);
  return 0;
}

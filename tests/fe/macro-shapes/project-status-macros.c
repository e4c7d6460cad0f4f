// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: not %sspi-check --stats %s 2>&1 >/dev/null | FileCheck %s --check-prefix=STATS
// Status tests written with the project's own function-like macros, also macros
// built on macros, as client libraries write them.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

#define SEC_ERROR(e) ((e) < 0)
#define SEC_DONE(e) ((e) == SEC_E_OK)
#define NOT_OK(e) (!SEC_DONE(e))
#define CR_ERROR 0
#define CR_OK 1

typedef struct auth_ctx {
  CredHandle cred;
  CtxtHandle ctx;
  int have_cred;
} auth_ctx;

int auth_start(auth_ctx *a, const wchar_t *pkg) {
  CredHandle cred;
  TimeStamp ts;
  SECURITY_STATUS ss = AcquireCredentialsHandleW(NULL, (wchar_t *)pkg, SECPKG_CRED_OUTBOUND,
                                                 NULL, NULL, NULL, NULL, &cred, &ts);
  if (SEC_ERROR(ss))
    return CR_ERROR;
  a->cred = cred;
  a->have_cred = 1;
  return CR_OK;
}

int auth_probe(const wchar_t *pkg) {
  CredHandle cred;
  TimeStamp ts;
  SECURITY_STATUS ss = AcquireCredentialsHandleW(NULL, (wchar_t *)pkg, SECPKG_CRED_OUTBOUND,
                                                 NULL, NULL, NULL, NULL, &cred, &ts);
  if (NOT_OK(ss))
    return CR_ERROR;
  FreeCredentialsHandle(&cred);
  return CR_OK;
}

int auth_probe_leaky(const wchar_t *pkg) {
  CredHandle cred;
  TimeStamp ts;
  SECURITY_STATUS ss = AcquireCredentialsHandleW(NULL, (wchar_t *)pkg, SECPKG_CRED_OUTBOUND,
                                                 NULL, NULL, NULL, NULL, &cred, &ts);
  if (NOT_OK(ss))
    return CR_ERROR;
  if (pkg[0] == L'N')
    return CR_ERROR;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK-NEXT: :[[@LINE-7]]:24: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  FreeCredentialsHandle(&cred);
  return CR_OK;
}

int auth_probe_assign(const wchar_t *pkg) {
  CredHandle cred;
  TimeStamp ts;
  SECURITY_STATUS ss;
  if (SEC_ERROR(ss = AcquireCredentialsHandleW(NULL, (wchar_t *)pkg, SECPKG_CRED_OUTBOUND, NULL,
                                               NULL, NULL, NULL, &cred, &ts)))
    return CR_ERROR;
  FreeCredentialsHandle(&cred);
  return ss == SEC_E_OK;
}
// STATS: unknown-branches=0

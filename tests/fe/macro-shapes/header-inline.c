// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// RUN: not %sspi-check --stats %s 2>&1 >/dev/null | FileCheck %s --check-prefix=STATS
// Helpers defined static inline in a project header get summaries like any other
// function: their comparisons are read, their acquisitions pass through.
#include "Inputs/sspi_util.h"

int login_probe(const wchar_t *pkg) {
  CredHandle cred;
  TimeStamp ts;
  SECURITY_STATUS ss = AcquireCredentialsHandleW(NULL, (wchar_t *)pkg, SECPKG_CRED_OUTBOUND,
                                                 NULL, NULL, NULL, NULL, &cred, &ts);
  if (!sspi_ok(ss))
    return -1;
  FreeCredentialsHandle(&cred);
  return 0;
}

int login_probe2(const wchar_t *pkg) {
  CredHandle cred;
  if (sspi_failed(sspi_client_cred(pkg, &cred)))
    return -1;
  sspi_drop_cred(&cred);
  return 0;
}

int login_probe_leaky(const wchar_t *pkg, int quick) {
  CredHandle cred;
  SECURITY_STATUS ss = sspi_client_cred(pkg, &cred);
  if (sspi_failed(ss))
    return -1;
  if (quick)
    return 1;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK-NEXT: :[[@LINE-6]]:24: note: credential handle acquired here by 'sspi_client_cred'
  sspi_drop_cred(&cred);
  return 0;
}
// The header's four functions are lowered too (system headers are not).
// STATS: sspi-check: stats: units=1 functions=7 blocks={{[0-9]+}} branches={{[0-9]+}} unknown-branches=0 capped-functions=0

// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// Code that its own compiler (gcc 13, MSVC) builds with warnings only: a call to an
// undeclared function, an implicit int. clang 16+ makes these errors by default; the
// unit must still be parsed and checked.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static counter;

int probe(const wchar_t *pkg) {
  CredHandle cred;
  TimeStamp ts;
  if (AcquireCredentialsHandleW(NULL, (wchar_t *)pkg, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, &ts) != SEC_E_OK)
    return -1;
  if (log_failure_count() > 3)
    return -2;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  counter++;
  FreeCredentialsHandle(&cred);
  return 0;
}

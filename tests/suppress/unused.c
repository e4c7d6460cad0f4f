// RUN: not %sspi-check --warn-unused-suppressions %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: %sspi-check %s 2>&1 | FileCheck %s --check-prefix=QUIET --allow-empty
// QUIET-NOT: warning:
// A suppression comment that suppresses nothing is reported with
// --warn-unused-suppressions, at its keyword; a used one is not, nor one that names
// only other tools' checks. (CHECK lines spell the keyword NO{{LINT}} so that they
// are not suppression comments themselves.)
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

int used(int early) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, NULL) != SEC_E_OK)
    return -1;
  if (early)
    return 1; // NOLINT(sspi-credential-leak)
  FreeCredentialsHandle(&cred);
  return 0;
}

int stale(void) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, NULL) != SEC_E_OK)
    return -1; // NOLINT(sspi-credential-leak)
  // CHECK: unused.c:[[@LINE-1]]:19: warning: NO{{LINT}} comment suppresses nothing [sspi-unused-suppression]
  FreeCredentialsHandle(&cred);
  return 0; /* NOLINT */
  // CHECK: unused.c:[[@LINE-1]]:16: warning: NO{{LINT}} comment suppresses nothing [sspi-unused-suppression]
}

int other_tools(int *p) {
  return *p; // NOLINT(clang-analyzer-core.NullDereference)
}

// NOLINTNEXTLINE(sspi-*)
int no_finding_below(void) { return 0; }
// CHECK: unused.c:[[@LINE-2]]:4: warning: NO{{LINT}} comment suppresses nothing [sspi-unused-suppression]

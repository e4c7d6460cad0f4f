// Correct code: exit 0, a valid log with every rule and an empty results array.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %sspi-check --format=sarif --srcroot=%S %s > %t/out.sarif
// RUN: python3 %S/../tools/validate_sarif.py %t/out.sarif
// RUN: FileCheck %s --input-file=%t/out.sarif
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

SECURITY_STATUS open_and_close(void) {
  CredHandle cred;
  SECURITY_STATUS ss = AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL,
                                                 NULL, NULL, NULL, &cred, NULL);
  if (FAILED(ss))
    return ss;
  FreeCredentialsHandle(&cred);
  return SEC_E_OK;
}

// CHECK: "id": "sspi-mismatched-release",
// CHECK: "executionSuccessful": true
// CHECK: "results": []

// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// A suppression comment on the line of the finding (the return, the closing brace):
// bare, with the check id, with a glob, with a comma list, in a block comment. Lists
// naming other checks or other tools suppress nothing.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

int bare(int early) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, NULL) != SEC_E_OK)
    return -1;
  if (early)
    return 1; // NOLINT
  FreeCredentialsHandle(&cred);
  return 0;
}

int by_id(int early) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, NULL) != SEC_E_OK)
    return -1;
  if (early)
    return 1; // NOLINT(sspi-credential-leak): ownership moves to the cache in 2.0
  FreeCredentialsHandle(&cred);
  return 0;
}

int by_glob(int early) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, NULL) != SEC_E_OK)
    return -1;
  if (early)
    return 1; /* NOLINT(sspi-*-leak) */
  FreeCredentialsHandle(&cred);
  return 0;
}

int by_list(int early) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, NULL) != SEC_E_OK)
    return -1;
  if (early)
    return 1; // NOLINT(bugprone-branch-clone, sspi-credential-leak)
  FreeCredentialsHandle(&cred);
  return 0;
}

int other_check(int early) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, NULL) != SEC_E_OK)
    return -1;
  if (early)
    return 1; // NOLINT(sspi-context-leak)
  // CHECK: nolint.c:[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  FreeCredentialsHandle(&cred);
  return 0;
}

int other_tool(int early) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, NULL) != SEC_E_OK)
    return -1;
  if (early)
    return 1; // NOLINT(clang-analyzer-unix.Malloc)
  // CHECK: nolint.c:[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  FreeCredentialsHandle(&cred);
  return 0;
}

int wrong_line(int early) {
  CredHandle cred; // NOLINT(sspi-credential-leak): not the finding's line
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, NULL) != SEC_E_OK)
    return -1;
  if (early) {
    return 1;
    // CHECK: nolint.c:[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  }
  FreeCredentialsHandle(&cred);
  return 0;
}

void in_string(void) {
  CredHandle cred;
  const char *why = "// NOLINT";
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, NULL) == SEC_E_OK)
    OutputDebugStringA(why);
}
// CHECK: nolint.c:[[@LINE-1]]:1: warning: credential handle 'cred' is not released when the function ends [sspi-credential-leak]

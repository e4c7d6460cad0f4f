// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// C++: exceptions thrown while a credential handle is live.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct sspi_error {
  SECURITY_STATUS status;
  const char *what;
};

static wchar_t kNegotiate[] = L"Negotiate";

extern bool policy_allows(const wchar_t *package);

// Throws with the handle live.
void acquire_or_throw(void) {
  CredHandle cred;
  SECURITY_STATUS ss = AcquireCredentialsHandleW(nullptr, kNegotiate, SECPKG_CRED_OUTBOUND,
                                                 nullptr, nullptr, nullptr, nullptr, &cred,
                                                 nullptr);
  if (ss != SEC_E_OK)
    throw sspi_error{ss, "AcquireCredentialsHandleW"};
  if (!policy_allows(kNegotiate))
    throw sspi_error{SEC_E_UNSUPPORTED_FUNCTION, "policy"};
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the exception leaves the function [sspi-credential-leak]
  // CHECK: :[[@LINE-8]]:24: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  FreeCredentialsHandle(&cred);
}

// The catch block swallows the error and returns without releasing.
int catch_and_return(void) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(nullptr, kNegotiate, SECPKG_CRED_OUTBOUND, nullptr, nullptr,
                                nullptr, nullptr, &cred, nullptr) != SEC_E_OK)
    return -1;
  try {
    if (!policy_allows(kNegotiate))
      throw sspi_error{SEC_E_UNSUPPORTED_FUNCTION, "policy"};
  } catch (const sspi_error &) {
    return -1;
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
    // CHECK: :[[@LINE-9]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  }
  FreeCredentialsHandle(&cred);
  return 0;
}

// Correct: released before throwing.
void acquire_or_throw_fixed(void) {
  CredHandle cred;
  SECURITY_STATUS ss = AcquireCredentialsHandleW(nullptr, kNegotiate, SECPKG_CRED_OUTBOUND,
                                                 nullptr, nullptr, nullptr, nullptr, &cred,
                                                 nullptr);
  if (ss != SEC_E_OK)
    throw sspi_error{ss, "AcquireCredentialsHandleW"};
  if (!policy_allows(kNegotiate)) {
    FreeCredentialsHandle(&cred);
    throw sspi_error{SEC_E_UNSUPPORTED_FUNCTION, "policy"};
  }
  FreeCredentialsHandle(&cred);
}

// Correct: the catch block releases and rethrows.
void catch_release_rethrow(void) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(nullptr, kNegotiate, SECPKG_CRED_OUTBOUND, nullptr, nullptr,
                                nullptr, nullptr, &cred, nullptr) != SEC_E_OK)
    return;
  try {
    if (!policy_allows(kNegotiate))
      throw sspi_error{SEC_E_UNSUPPORTED_FUNCTION, "policy"};
  } catch (...) {
    FreeCredentialsHandle(&cred);
    throw;
  }
  FreeCredentialsHandle(&cred);
}

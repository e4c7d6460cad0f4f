// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// C++ try / catch / throw.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct net_error {
  int code;
};

static wchar_t kNegotiate[] = L"Negotiate";

extern int connect_peer(void);

// An uncaught throw leaves the function with the handle.
void throw_leaks(void) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(nullptr, kNegotiate, SECPKG_CRED_OUTBOUND, nullptr, nullptr,
                                nullptr, nullptr, &cred, nullptr) != SEC_E_OK)
    return;
  int rc = connect_peer();
  if (rc != 0)
    throw net_error{rc};
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the exception leaves the function [sspi-credential-leak]
  // CHECK: :[[@LINE-7]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  FreeCredentialsHandle(&cred);
}

// Correct: a throw caught in the same function; the release follows the handler.
int throw_caught_ok(void) {
  CredHandle cred;
  int rc;
  if (AcquireCredentialsHandleW(nullptr, kNegotiate, SECPKG_CRED_OUTBOUND, nullptr, nullptr,
                                nullptr, nullptr, &cred, nullptr) != SEC_E_OK)
    return -1;
  try {
    rc = connect_peer();
    if (rc != 0)
      throw net_error{rc};
  } catch (const net_error &e) {
    rc = e.code;
  }
  FreeCredentialsHandle(&cred);
  return rc;
}

// The handler of a caught throw returns without releasing.
int catch_returns_leaks(void) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(nullptr, kNegotiate, SECPKG_CRED_OUTBOUND, nullptr, nullptr,
                                nullptr, nullptr, &cred, nullptr) != SEC_E_OK)
    return -1;
  try {
    int rc = connect_peer();
    if (rc != 0)
      throw net_error{rc};
  } catch (const net_error &e) {
    return e.code;
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
    // CHECK: :[[@LINE-10]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  }
  FreeCredentialsHandle(&cred);
  return 0;
}

// Correct: nested try; the inner handler rethrows, the outer one releases.
int nested_rethrow_ok(void) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(nullptr, kNegotiate, SECPKG_CRED_OUTBOUND, nullptr, nullptr,
                                nullptr, nullptr, &cred, nullptr) != SEC_E_OK)
    return -1;
  try {
    try {
      int rc = connect_peer();
      if (rc != 0)
        throw net_error{rc};
    } catch (const net_error &) {
      throw;
    }
  } catch (...) {
    FreeCredentialsHandle(&cred);
    return -1;
  }
  FreeCredentialsHandle(&cred);
  return 0;
}

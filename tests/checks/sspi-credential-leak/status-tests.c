// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// The ways code tests a SECURITY_STATUS. Each leaking function holds the handle on
// its success path only; its correct twin follows it.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

#ifndef SEC_SUCCESS /* the SDK defines it; mingw-w64 only for WIN32_CHICAGO */
#define SEC_SUCCESS(Status) ((Status) >= 0)
#endif

extern void use_credential_name(const wchar_t *name);

#define ACQUIRE(pcred)                                                                        \
  AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, \
                            (pcred), NULL)

int eq_ok(void) {
  CredHandle cred;
  SECURITY_STATUS ss = ACQUIRE(&cred);
  if (ss == SEC_E_OK) {
    use_credential_name(L"Negotiate");
    return 1;
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
    // CHECK: :[[@LINE-5]]:24: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  }
  return 0;
}

int eq_ok_fixed(void) {
  CredHandle cred;
  SECURITY_STATUS ss = ACQUIRE(&cred);
  if (ss == SEC_E_OK) {
    use_credential_name(L"Negotiate");
    FreeCredentialsHandle(&cred);
    return 1;
  }
  return 0;
}

int less_than_zero(void) {
  CredHandle cred;
  SECURITY_STATUS ss = ACQUIRE(&cred);
  if (ss < 0)
    return -1;
  return 0;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-5]]:24: note: credential handle acquired here by 'AcquireCredentialsHandleW'
}

int less_than_zero_fixed(void) {
  CredHandle cred;
  SECURITY_STATUS ss = ACQUIRE(&cred);
  if (ss < 0)
    return -1;
  FreeCredentialsHandle(&cred);
  return 0;
}

int greater_equal_zero(void) {
  CredHandle cred;
  SECURITY_STATUS ss = ACQUIRE(&cred);
  if (ss >= 0)
    use_credential_name(L"Negotiate");
  return ss;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-5]]:24: note: credential handle acquired here by 'AcquireCredentialsHandleW'
}

int greater_equal_zero_fixed(void) {
  CredHandle cred;
  SECURITY_STATUS ss = ACQUIRE(&cred);
  if (ss >= 0) {
    use_credential_name(L"Negotiate");
    FreeCredentialsHandle(&cred);
  }
  return ss;
}

HRESULT failed_macro(void) {
  CredHandle cred;
  HRESULT hr = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL,
                                         NULL, NULL, &cred, NULL);
  if (FAILED(hr))
    return hr;
  use_credential_name(L"Negotiate");
  return S_OK;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-7]]:16: note: credential handle acquired here by 'AcquireCredentialsHandleW'
}

HRESULT failed_macro_fixed(void) {
  CredHandle cred;
  HRESULT hr = ACQUIRE(&cred);
  if (FAILED(hr))
    return hr;
  use_credential_name(L"Negotiate");
  FreeCredentialsHandle(&cred);
  return S_OK;
}

int succeeded_macro(void) {
  CredHandle cred;
  if (SUCCEEDED(AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL,
                                          NULL, NULL, &cred, NULL))) {
    use_credential_name(L"Negotiate");
    return 1;
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
    // CHECK: :[[@LINE-5]]:17: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  }
  return 0;
}

int succeeded_macro_fixed(void) {
  CredHandle cred;
  if (SUCCEEDED(ACQUIRE(&cred))) {
    use_credential_name(L"Negotiate");
    FreeCredentialsHandle(&cred);
    return 1;
  }
  return 0;
}

void sec_success_macro(void) {
  CredHandle cred;
  SECURITY_STATUS ss = ACQUIRE(&cred);
  if (!SEC_SUCCESS(ss))
    return;
  use_credential_name(L"Negotiate");
}
// CHECK: :[[@LINE-1]]:1: warning: credential handle 'cred' is not released when the function ends [sspi-credential-leak]
// CHECK: :[[@LINE-6]]:24: note: credential handle acquired here by 'AcquireCredentialsHandleW'

int sec_success_macro_fixed(void) {
  CredHandle cred;
  SECURITY_STATUS ss = ACQUIRE(&cred);
  if (!SEC_SUCCESS(ss))
    return -1;
  FreeCredentialsHandle(&cred);
  return 0;
}

int switch_on_status(void) {
  CredHandle cred;
  TimeStamp expiry;
  switch (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                    NULL, &cred, &expiry)) {
  case SEC_E_OK:
    break;
  case SEC_E_NO_CREDENTIALS:
    return 1;
  default:
    return -1;
  }
  use_credential_name(L"Kerberos");
  return 0;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-12]]:11: note: credential handle acquired here by 'AcquireCredentialsHandleW'
}

int switch_on_status_fixed(void) {
  CredHandle cred;
  TimeStamp expiry;
  switch (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                    NULL, &cred, &expiry)) {
  case SEC_E_OK:
    break;
  case SEC_E_NO_CREDENTIALS:
    return 1;
  default:
    return -1;
  }
  use_credential_name(L"Kerberos");
  FreeCredentialsHandle(&cred);
  return 0;
}

// Silent by design: after "ss == SEC_E_INSUFFICIENT_MEMORY" is false the status may
// still be any other error, so the handle is only maybe held.
int inconclusive_test(void) {
  CredHandle cred;
  SECURITY_STATUS ss = ACQUIRE(&cred);
  if (ss == SEC_E_INSUFFICIENT_MEMORY)
    return -2;
  return 0;
}

// Correct: a status kept in a variable and tested later.
int late_test_fixed(void) {
  CredHandle cred;
  SECURITY_STATUS ss = ACQUIRE(&cred);
  int ok = (ss == SEC_E_OK);
  if (!ok)
    return -1;
  FreeCredentialsHandle(&cred);
  return 0;
}

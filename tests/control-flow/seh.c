// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// __try / __except / __finally / __leave.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int parse_untrusted(const void *data, unsigned long len);

// The __except handler returns while the credential is held (the exception is raised
// by a call made after the acquisition).
int except_leaks(const void *data, unsigned long len) {
  CredHandle cred;
  int rc;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_INBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return -1;
  __try {
    if (len == 0)
      RaiseException(0xE0000001, 0, 0, NULL);
    rc = parse_untrusted(data, len);
  } __except (EXCEPTION_EXECUTE_HANDLER) {
    return -1;
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
    // CHECK: :[[@LINE-10]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  }
  FreeCredentialsHandle(&cred);
  return rc;
}

// Correct: the handler only sets the result; the release comes after.
int except_ok(const void *data, unsigned long len) {
  CredHandle cred;
  int rc;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_INBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return -1;
  __try {
    if (len == 0)
      RaiseException(0xE0000001, 0, 0, NULL);
    rc = parse_untrusted(data, len);
  } __except (EXCEPTION_EXECUTE_HANDLER) {
    rc = -1;
  }
  FreeCredentialsHandle(&cred);
  return rc;
}

// __leave out of the __try block; the __finally block does not release.
int leave_leaks(const void *data, unsigned long len) {
  CredHandle cred;
  int rc = -1;
  __try {
    if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_INBOUND, NULL, NULL, NULL,
                                  NULL, &cred, NULL) != SEC_E_OK)
      __leave;
    if (len == 0)
      __leave;
    rc = parse_untrusted(data, len);
    FreeCredentialsHandle(&cred);
  } __finally {
    len = 0;
  }
  return rc;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-12]]:9: note: credential handle acquired here by 'AcquireCredentialsHandleW'
}

// Correct: __finally releases on every way out, __leave included.
int finally_ok(const void *data, unsigned long len) {
  CredHandle cred = { 0 };
  int rc = -1;
  __try {
    if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_INBOUND, NULL, NULL, NULL,
                                  NULL, &cred, NULL) != SEC_E_OK)
      __leave;
    if (len == 0)
      __leave;
    rc = parse_untrusted(data, len);
  } __finally {
    if (cred.dwLower != 0 || cred.dwUpper != 0)
      FreeCredentialsHandle(&cred);
  }
  return rc;
}

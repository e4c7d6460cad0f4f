// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Credential handles acquired at the top of a function and lost on an early return.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int validate_target(const wchar_t *spn);
extern void note_ready(void);
extern void log_status(const char *what, SECURITY_STATUS ss);

int connect_once(int give_up) {
  CredHandle cred;
  TimeStamp expiry;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, &expiry) != SEC_E_OK)
    return -1;                  // not acquired on this path: silent
  if (give_up)
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-6]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  FreeCredentialsHandle(&cred);
  return 0;
}

// The argument check was placed after the acquisition.
SECURITY_STATUS kerberos_prepare(const wchar_t *spn) {
  CredHandle cred;
  TimeStamp expiry;
  SECURITY_STATUS ss;

  ss = AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                 NULL, &cred, &expiry);
  if (ss != SEC_E_OK) {
    log_status("AcquireCredentialsHandleW", ss);
    return ss;
  }
  if (spn == NULL || !validate_target(spn))
    return SEC_E_TARGET_UNKNOWN;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-9]]:8: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  note_ready();
  FreeCredentialsHandle(&cred);
  return SEC_E_OK;
}

// The status is ignored: the checker assumes the call succeeded.
void warm_up_ntlm(void) {
  CredHandle cred;
  AcquireCredentialsHandleA(NULL, "NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, &cred,
                            NULL);
  note_ready();
}
// CHECK: :[[@LINE-1]]:1: warning: credential handle 'cred' is not released when the function ends [sspi-credential-leak]
// CHECK: :[[@LINE-5]]:3: note: credential handle acquired here by 'AcquireCredentialsHandleA'
// CHECK: :[[@LINE-6]]:3: note: assuming 'AcquireCredentialsHandleA' succeeded

// Inbound credentials for a server, lost when the listener cannot start.
int start_listener(int port) {
  CredHandle server_cred;
  TimeStamp expiry;
  SECURITY_STATUS ss = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_INBOUND,
                                                 NULL, NULL, NULL, NULL, &server_cred, &expiry);
  if (ss < 0)
    return -1;
  if (port <= 0 || port > 65535) {
    log_status("bad port", 0);
    return -2;
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'server_cred' is not released when the function returns [sspi-credential-leak]
    // CHECK: :[[@LINE-8]]:24: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  }
  FreeCredentialsHandle(&server_cred);
  return 0;
}

// Correct: released on every path that holds it.
int connect_once_fixed(int give_up) {
  CredHandle cred;
  TimeStamp expiry;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, &expiry) != SEC_E_OK)
    return -1;
  if (give_up) {
    FreeCredentialsHandle(&cred);
    return -1;
  }
  FreeCredentialsHandle(&cred);
  return 0;
}

// Correct: the argument check comes first; the failure path holds nothing.
SECURITY_STATUS kerberos_prepare_fixed(const wchar_t *spn) {
  CredHandle cred;
  TimeStamp expiry;
  SECURITY_STATUS ss;

  if (spn == NULL || !validate_target(spn))
    return SEC_E_TARGET_UNKNOWN;
  ss = AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                 NULL, &cred, &expiry);
  if (ss != SEC_E_OK)
    return ss;
  note_ready();
  FreeCredentialsHandle(&cred);
  return SEC_E_OK;
}

// Correct: the handle is handed to the caller through an out-parameter.
SECURITY_STATUS acquire_outbound(const wchar_t *package, PCredHandle out) {
  TimeStamp expiry;
  return AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL,
                                   NULL, NULL, out, &expiry);
}

// Correct: acquired locally, then copied to the caller's storage.
int acquire_copy_out(CredHandle *result) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return -1;
  *result = cred;
  return 0;
}

// Correct: the handle is the return value.
CredHandle acquire_or_invalid(void) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK) {
    SecInvalidateHandle(&cred);
  }
  return cred;
}

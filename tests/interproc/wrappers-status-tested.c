// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Wrappers that look at the status of AcquireCredentialsHandle (to log it, or to return
// early) before handing it to their caller: the caller still gets "held iff >= 0".
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int do_work(void);
extern void log_status(const char *what, SECURITY_STATUS ss);

// Logs failures, returns the status either way.
static SECURITY_STATUS get_server_cred(CredHandle *out) {
  SECURITY_STATUS ss = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_INBOUND, NULL,
                                                 NULL, NULL, NULL, out, NULL);
  if (ss != SEC_E_OK)
    log_status("AcquireCredentialsHandleW", ss);
  return ss;
}

// Returns the error status early, SEC_E_OK at the end.
static SECURITY_STATUS get_client_cred(CredHandle *out) {
  SECURITY_STATUS ss = AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL,
                                                 NULL, NULL, NULL, out, NULL);
  if (FAILED(ss)) {
    log_status("AcquireCredentialsHandleW", ss);
    return ss;
  }
  return SEC_E_OK;
}

int server_ok(void) {
  CredHandle cred;
  SECURITY_STATUS ss = get_server_cred(&cred);
  if (FAILED(ss))
    return -1;
  do_work();
  FreeCredentialsHandle(&cred);
  return 0;
}

int server_forgot(void) {
  CredHandle cred;
  SECURITY_STATUS ss = get_server_cred(&cred);
  if (FAILED(ss))
    return -1;
  if (do_work() != 0)
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-6]]:24: note: credential handle acquired here by 'get_server_cred'
  FreeCredentialsHandle(&cred);
  return 0;
}

int client_ok(void) {
  CredHandle cred;
  if (get_client_cred(&cred) != SEC_E_OK)
    return -1;
  do_work();
  FreeCredentialsHandle(&cred);
  return 0;
}

int client_forgot(void) {
  CredHandle cred;
  if (get_client_cred(&cred) != SEC_E_OK)
    return -1;
  return do_work();
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-4]]:7: note: credential handle acquired here by 'get_client_cred'
}

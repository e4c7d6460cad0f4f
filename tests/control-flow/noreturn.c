// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Calls that do not return.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdlib.h>

__attribute__((noreturn)) extern void fatal(const char *msg);
extern int do_work(void);

// ExitThread with a live handle.
DWORD WINAPI worker_thread(LPVOID arg) {
  CredHandle cred;
  (void)arg;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return 1;
  if (do_work() != 0)
    ExitThread(2);
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released before 'ExitThread' ends the process [sspi-credential-leak]
  // CHECK: :[[@LINE-6]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  FreeCredentialsHandle(&cred);
  return 0;
}

// Correct: released before abort().
void abort_ok(void) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    abort();
  if (do_work() != 0) {
    FreeCredentialsHandle(&cred);
    abort();
  }
  FreeCredentialsHandle(&cred);
}

// Correct: a user function declared noreturn ends the failure path, so the code after
// it only runs with an acquired handle.
void user_noreturn_ok(void) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    fatal("no credentials");
  do_work();
  FreeCredentialsHandle(&cred);
}

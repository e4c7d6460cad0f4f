// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Process exits while a credential handle is live.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdio.h>
#include <stdlib.h>

extern int run_service(void);

void service_main_exitprocess(void) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_INBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    ExitProcess(2);             // nothing held on this path
  if (run_service() != 0)
    ExitProcess(1);
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released before 'ExitProcess' ends the process [sspi-credential-leak]
  // CHECK: :[[@LINE-6]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  FreeCredentialsHandle(&cred);
}

int tool_main(int argc, char **argv) {
  CredHandle cred;
  SECURITY_STATUS ss;

  ss = AcquireCredentialsHandleA(NULL, "Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                 &cred, NULL);
  if (ss != SEC_E_OK) {
    fprintf(stderr, "AcquireCredentialsHandle: 0x%08lx\n", (unsigned long)ss);
    return 1;
  }
  if (argc < 2) {
    fprintf(stderr, "usage: %s host\n", argv[0]);
    exit(2);
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released before 'exit' ends the process [sspi-credential-leak]
    // CHECK: :[[@LINE-10]]:8: note: credential handle acquired here by 'AcquireCredentialsHandleA'
  }
  FreeCredentialsHandle(&cred);
  return 0;
}

// Correct: released before exiting.
void service_main_exitprocess_fixed(void) {
  CredHandle cred;
  int rc;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_INBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    ExitProcess(2);
  rc = run_service();
  FreeCredentialsHandle(&cred);
  if (rc != 0)
    ExitProcess(1);
}

// Correct: exit only on paths that hold nothing.
int tool_main_fixed(int argc, char **argv) {
  CredHandle cred;

  if (argc < 2) {
    fprintf(stderr, "usage: %s host\n", argv[0]);
    exit(2);
  }
  if (AcquireCredentialsHandleA(NULL, "Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    exit(1);
  FreeCredentialsHandle(&cred);
  return 0;
}

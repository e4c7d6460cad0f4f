// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Calls that do not return: declared so (any spelling), or a function of the program
// whose every path ends in one.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdio.h>
#include <stdlib.h>

__declspec(noreturn) void fatal(const char *msg);
_Noreturn void fatal_c11(const char *msg);

static void die(const char *msg) {
  fprintf(stderr, "%s\n", msg);
  exit(2);
}

static SECURITY_STATUS get_cred(CredHandle *out) {
  return AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                   out, NULL);
}

void declared_ok(void) {
  CredHandle cred;
  if (get_cred(&cred) != SEC_E_OK)
    fatal("no credentials");
  FreeCredentialsHandle(&cred);
}

void c11_ok(void) {
  CredHandle cred;
  if (get_cred(&cred) != SEC_E_OK)
    fatal_c11("no credentials");
  FreeCredentialsHandle(&cred);
}

void wrapper_ok(void) {
  CredHandle cred;
  if (get_cred(&cred) != SEC_E_OK)
    die("no credentials");
  FreeCredentialsHandle(&cred);
}

void wrapper_leak(int bad_config) {
  CredHandle cred;
  if (get_cred(&cred) != SEC_E_OK)
    die("no credentials");
  if (bad_config)
    die("bad configuration");
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released before 'die' ends the process [sspi-credential-leak]
  // CHECK: :[[@LINE-5]]:7: note: credential handle acquired here by 'get_cred'
  FreeCredentialsHandle(&cred);
}

// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// break and continue that jump past a release.
#define SECURITY_WIN32
#include <winsock2.h>
#include <windows.h>
#include <sspi.h>

extern int serve(SOCKET s);
extern int probe(int i);

static SEC_WCHAR *const kPackages[] = { L"Kerberos", L"Negotiate", L"NTLM" };

// continue in a do { } while (0) block leaves it with the context held.
int serve_one_continue(PCredHandle cred, SOCKET s, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  int rc = -1;
  do {
    if (AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &ctx,
                              out, &attrs, NULL) != SEC_E_OK)
      continue;
    if (ImpersonateSecurityContext(&ctx) != SEC_E_OK)
      continue;
    rc = serve(s);
    RevertSecurityContext(&ctx);
    DeleteSecurityContext(&ctx);
  } while (0);
  return rc;
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
  // CHECK: :[[@LINE-11]]:9: note: context handle acquired here by 'AcceptSecurityContext'
}

// Correct: the context is deleted before continue.
int serve_one_continue_ok(PCredHandle cred, SOCKET s, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  int rc = -1;
  do {
    if (AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &ctx,
                              out, &attrs, NULL) != SEC_E_OK)
      continue;
    if (ImpersonateSecurityContext(&ctx) != SEC_E_OK) {
      DeleteSecurityContext(&ctx);
      continue;
    }
    rc = serve(s);
    RevertSecurityContext(&ctx);
    DeleteSecurityContext(&ctx);
  } while (0);
  return rc;
}

// break leaves the loop holding the credential of the package that worked.
int first_working_package(void) {
  CredHandle cred;
  int i;
  for (i = 0; i < 3; i++) {
    if (AcquireCredentialsHandleW(NULL, kPackages[i], SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                  NULL, &cred, NULL) != SEC_E_OK)
      continue;
    if (probe(i) == 0)
      break;
    FreeCredentialsHandle(&cred);
  }
  return i < 3 ? i : -1;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-9]]:9: note: credential handle acquired here by 'AcquireCredentialsHandleW'
}

// Correct: released whether the loop breaks or goes on.
int first_working_package_ok(void) {
  CredHandle cred;
  int i;
  for (i = 0; i < 3; i++) {
    int ok;
    if (AcquireCredentialsHandleW(NULL, kPackages[i], SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                  NULL, &cred, NULL) != SEC_E_OK)
      continue;
    ok = probe(i) == 0;
    FreeCredentialsHandle(&cred);
    if (ok)
      break;
  }
  return i < 3 ? i : -1;
}

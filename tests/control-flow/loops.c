// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// for, while and do-while loops.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int usable(int i);
extern int do_work(void);

static SEC_WCHAR *const kPackages[] = { L"Kerberos", L"Negotiate", L"NTLM" };

// for: the first usable package's credential is returned as an index only.
int for_first_usable(void) {
  CredHandle cred;
  int i;
  for (i = 0; i < 3; i++) {
    if (AcquireCredentialsHandleW(NULL, kPackages[i], SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                  NULL, &cred, NULL) != SEC_E_OK)
      continue;
    if (usable(i))
      return i;
    // CHECK: :[[@LINE-1]]:7: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
    // CHECK: :[[@LINE-6]]:9: note: credential handle acquired here by 'AcquireCredentialsHandleW'
    FreeCredentialsHandle(&cred);
  }
  return -1;
}

// Correct: the handle goes to the caller.
int for_first_usable_ok(PCredHandle out) {
  CredHandle cred;
  int i;
  for (i = 0; i < 3; i++) {
    if (AcquireCredentialsHandleW(NULL, kPackages[i], SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                  NULL, &cred, NULL) != SEC_E_OK)
      continue;
    if (usable(i)) {
      *out = cred;
      return i;
    }
    FreeCredentialsHandle(&cred);
  }
  return -1;
}

// while: a retry loop; the success path forgets the release.
int while_retry(int tries) {
  CredHandle cred;
  SECURITY_STATUS ss = SEC_E_INTERNAL_ERROR;
  while (tries-- > 0) {
    ss = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                   NULL, &cred, NULL);
    if (ss == SEC_E_OK)
      break;
    Sleep(100);
  }
  if (ss != SEC_E_OK)
    return -1;
  return do_work();
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-10]]:10: note: credential handle acquired here by 'AcquireCredentialsHandleW'
}

// Correct.
int while_retry_ok(int tries) {
  CredHandle cred;
  SECURITY_STATUS ss = SEC_E_INTERNAL_ERROR;
  int rc;
  while (tries-- > 0) {
    ss = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                   NULL, &cred, NULL);
    if (ss == SEC_E_OK)
      break;
    Sleep(100);
  }
  if (ss != SEC_E_OK)
    return -1;
  rc = do_work();
  FreeCredentialsHandle(&cred);
  return rc;
}

// do-while: one acquisition per round; the last round's handle is not released.
void do_while_rounds(int rounds) {
  CredHandle cred;
  do {
    if (AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                  &cred, NULL) != SEC_E_OK)
      return;
    if (do_work() != 0)
      break;
    FreeCredentialsHandle(&cred);
  } while (--rounds > 0);
}
// CHECK: :[[@LINE-1]]:1: warning: credential handle 'cred' is not released when the function ends [sspi-credential-leak]
// CHECK: :[[@LINE-9]]:9: note: credential handle acquired here by 'AcquireCredentialsHandleW'

// Correct.
void do_while_rounds_ok(int rounds) {
  CredHandle cred;
  do {
    int rc;
    if (AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                  &cred, NULL) != SEC_E_OK)
      return;
    rc = do_work();
    FreeCredentialsHandle(&cred);
    if (rc != 0)
      break;
  } while (--rounds > 0);
}

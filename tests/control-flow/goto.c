// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// goto forward and backward.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int credentials_stale(PCredHandle cred);
extern int do_work(void);

// Backward goto: the retry acquires again while the first handle is held.
int retry_overwrites(void) {
  CredHandle cred;
  int attempts = 0;
retry:
  if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    // CHECK: :[[@LINE-2]]:7: warning: credential handle 'cred' is overwritten by a new acquisition while still held [sspi-credential-leak]
    // CHECK: :[[@LINE-3]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
    return -1;
  if (++attempts < 3 && do_work() != 0)
    goto retry;
  FreeCredentialsHandle(&cred);
  return 0;
}

// Correct: released before going back.
int retry_releases(void) {
  CredHandle cred;
  int attempts = 0;
retry:
  if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return -1;
  if (++attempts < 3 && do_work() != 0) {
    FreeCredentialsHandle(&cred);
    goto retry;
  }
  FreeCredentialsHandle(&cred);
  return 0;
}

// Forward goto over the release.
int forward_skips(int fast) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return -1;
  if (fast)
    goto done;
  do_work();
  FreeCredentialsHandle(&cred);
done:
  return 0;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-10]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
}

// Correct: the forward goto lands on the release.
int forward_ok(int fast) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return -1;
  if (fast)
    goto release;
  do_work();
release:
  FreeCredentialsHandle(&cred);
  return 0;
}

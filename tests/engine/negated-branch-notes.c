// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
// Path notes name the branch as written: at 'if (!x)' the note is at the '!' and says
// "true" when the body runs (not "false" at x).
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdbool.h>
#include <stdlib.h>

typedef struct session {
  CredHandle cred;
  bool have_cred;
  unsigned char *scratch;
} session;

extern bool policy_allows(const wchar_t *package);

int session_open(session *s, const wchar_t *package) {
  CredHandle cred;
  TimeStamp expiry;
  if (AcquireCredentialsHandleW(NULL, (LPWSTR)package, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, &expiry) != SEC_E_OK)
    return -1;
  unsigned char *scratch = malloc(4096);
  if (!scratch)
    return -2;
  // CHECK: negated-branch-notes.c:[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK-NEXT: negated-branch-notes.c:[[@LINE-7]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  // CHECK-NEXT: negated-branch-notes.c:[[@LINE-8]]:7: note: taking the false branch
  // CHECK-NEXT: negated-branch-notes.c:[[@LINE-5]]:7: note: taking the true branch
  if (!policy_allows(package)) {
    free(scratch);
    FreeCredentialsHandle(&cred);
    return -3;
  }
  s->cred = cred;
  s->have_cred = true;
  s->scratch = scratch;
  return 0;
}

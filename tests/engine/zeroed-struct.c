// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// A connection struct zeroed as a whole (memset, ZeroMemory, SecureZeroMemory, calloc)
// has empty handle members: a shared error exit that releases what SecIsValidHandle says
// is valid does not release a credential whose acquisition failed. Without the zeroing
// the member holds garbage, and releasing it is reported.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdlib.h>
#include <string.h>

struct conn {
  SOCKET sock;
  CredHandle cred;
  CtxtHandle ctx;
  unsigned long flags;
};

extern int send_all(SOCKET s, const void *buf, unsigned long len);

// Correct: memset, then one error exit for every step.
int conn_init(struct conn *c, const wchar_t *spn) {
  ULONG attrs;
  memset(c, 0, sizeof *c);
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &c->cred, NULL) != SEC_E_OK)
    goto fail;
  if (InitializeSecurityContextW(&c->cred, NULL, (SEC_WCHAR *)spn, 0, 0, SECURITY_NATIVE_DREP,
                                 NULL, 0, &c->ctx, NULL, &attrs, NULL) < 0)
    goto fail;
  return 0;
fail:
  if (SecIsValidHandle(&c->ctx))
    DeleteSecurityContext(&c->ctx);
  if (SecIsValidHandle(&c->cred))
    FreeCredentialsHandle(&c->cred);
  return -1;
}

// Correct: a local struct cleared with ZeroMemory, tested by its members.
int probe_local(void) {
  struct conn c;
  ZeroMemory(&c, sizeof c);
  if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &c.cred, NULL) != SEC_E_OK)
    goto out;
  if (send_all(c.sock, "x", 1) != 0)
    goto out;
out:
  if (c.cred.dwLower || c.cred.dwUpper)
    FreeCredentialsHandle(&c.cred);
  return 0;
}

// Correct: calloc'd storage, the same shared exit.
struct conn *conn_new(void) {
  struct conn *c = calloc(1, sizeof *c);
  if (!c)
    return NULL;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &c->cred, NULL) != SEC_E_OK)
    goto fail;
  if (send_all(c->sock, "hello", 5) != 0)
    goto fail;
  return c;
fail:
  if (SecIsValidHandle(&c->ctx))
    DeleteSecurityContext(&c->ctx);
  if (SecIsValidHandle(&c->cred))
    FreeCredentialsHandle(&c->cred);
  free(c);
  return NULL;
}

// Wrong: the struct is not zeroed, so the failed acquisition leaves garbage in the
// member, and the shared exit may release it.
int probe_local_garbage(void) {
  struct conn c;
  if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &c.cred, NULL) != SEC_E_OK)
    goto out;
  if (send_all(c.sock, "x", 1) != 0)
    goto out;
out:
  if (SecIsValidHandle(&c.cred))
    FreeCredentialsHandle(&c.cred);
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'c.cred' is released but its acquisition failed [sspi-release-unacquired]
  return 0;
}

// Correct: SecureZeroMemory of the caller's struct, then a member written by code
// sspi-check cannot see is no longer known to be empty (no finding either way).
extern void load_saved_context(CtxtHandle *ctx);
void conn_resume(struct conn *c) {
  SecureZeroMemory(c, sizeof *c);
  load_saved_context(&c->ctx);
  if (SecIsValidHandle(&c->ctx))
    DeleteSecurityContext(&c->ctx);
}

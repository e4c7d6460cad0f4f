// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// A peer struct zeroed as a whole, a setup helper that acquires into its member, and a
// cleanup that releases the member whatever happened: when the acquisition failed, the
// member is still the zero handle, and releasing it does nothing. Without the zeroing,
// the member is garbage on that path. Members set by hand to values no live handle has
// (0, or -1 as SecInvalidateHandle writes) are the same.
#define SECURITY_WIN32
#include <stdbool.h>
#include <windows.h>
#include <sspi.h>

typedef struct peer {
  CredHandle cred;
  CtxtHandle ctx;
  const wchar_t *package;
} peer;

static SECURITY_STATUS peer_setup(peer *p) {
  TimeStamp ts;
  return AcquireCredentialsHandleW(NULL, (wchar_t *)p->package, SECPKG_CRED_OUTBOUND, NULL, NULL,
                                   NULL, NULL, &p->cred, &ts);
}

int run_exchange(const wchar_t *pkg) {
  peer client = {{0}};
  client.package = pkg;
  if (peer_setup(&client) != SEC_E_OK) {
    FreeCredentialsHandle(&client.cred); /* the zero handle: harmless */
    return -1;
  }
  FreeCredentialsHandle(&client.cred);
  return 0;
}

int run_exchange_garbage(const wchar_t *pkg) {
  peer client;
  client.package = pkg;
  if (peer_setup(&client) != SEC_E_OK) {
    FreeCredentialsHandle(&client.cred);
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'client.cred' is released but its acquisition failed [sspi-release-unacquired]
    return -1;
  }
  FreeCredentialsHandle(&client.cred);
  return 0;
}

// Both members set to zero by hand before the acquisition (a handle nobody holds): on
// the failure branch it is still that handle, and releasing it does nothing.
int probe_members_zeroed(const wchar_t *pkg) {
  CredHandle cred;
  TimeStamp ts;
  cred.dwLower = 0;
  cred.dwUpper = 0;
  if (AcquireCredentialsHandleW(NULL, (wchar_t *)pkg, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, &ts) != SEC_E_OK) {
    FreeCredentialsHandle(&cred);
    return -1;
  }
  FreeCredentialsHandle(&cred);
  return 0;
}

// The same with the value SecInvalidateHandle writes, in one expression.
int probe_members_invalid(peer *p) {
  p->ctx.dwLower = p->ctx.dwUpper = (ULONG_PTR)(INT_PTR)-1;
  if (AcceptSecurityContext(&p->cred, NULL, NULL, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP,
                            &p->ctx, NULL, NULL, NULL) < 0) {
    DeleteSecurityContext(&p->ctx);
    return -1;
  }
  return 0;
}

// Zeroed only for a new peer: on the other path the handle is whatever the struct held.
int probe_members_some(peer *p, bool fresh) {
  if (fresh) {
    p->cred.dwLower = 0;
    p->cred.dwUpper = 0;
  }
  if (AcquireCredentialsHandleW(NULL, (wchar_t *)p->package, SECPKG_CRED_OUTBOUND, NULL, NULL,
                                NULL, NULL, &p->cred, NULL) != SEC_E_OK) {
    FreeCredentialsHandle(&p->cred);
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'p->cred' is released but its acquisition failed [sspi-release-unacquired]
    return -1;
  }
  return 0;
}

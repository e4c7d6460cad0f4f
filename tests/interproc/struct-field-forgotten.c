// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// conn_close forgets one member: no function of the program releases 'struct conn.ctx'.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct conn {
  CredHandle cred;
  CtxtHandle ctx;
};

int conn_open(struct conn *c, const wchar_t *spn, SecBufferDesc *out) {
  ULONG attrs;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &c->cred, NULL) != SEC_E_OK)
    return -1;
  if (InitializeSecurityContextW(&c->cred, NULL, (SEC_WCHAR *)spn, 0, 0, SECURITY_NATIVE_DREP,
                                 NULL, 0, &c->ctx, out, &attrs, NULL) < 0) {
    // CHECK: :[[@LINE-2]]:7: warning: context handle 'c->ctx' is stored in 'struct conn.ctx', which no function releases [sspi-context-leak]
    // CHECK: :[[@LINE-3]]:7: note: no function in the program releases 'struct conn.ctx'
    FreeCredentialsHandle(&c->cred);
    return -1;
  }
  return 0;
}

// Releases the credential only.
void conn_close(struct conn *c) { FreeCredentialsHandle(&c->cred); }

// The caller does everything right, and the context still leaks in conn_close.
int conn_roundtrip(const wchar_t *spn, SecBufferDesc *out) {
  struct conn c;
  if (conn_open(&c, spn, out) != 0)
    return -1;
  conn_close(&c);
  return 0;
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'c.ctx' is not released when the function returns [sspi-context-leak]
  // CHECK: :[[@LINE-5]]:7: note: context handle acquired here by 'conn_open'
}

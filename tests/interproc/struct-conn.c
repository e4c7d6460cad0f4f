// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// A connection object that owns a credential and a context: conn_open acquires both
// into the caller's struct, conn_close releases both.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <string.h>

extern int send_token(const void *p, unsigned long n);

struct conn {
  CredHandle cred;
  CtxtHandle ctx;
  SecBuffer token;
};

int conn_open(struct conn *c, const wchar_t *spn) {
  SecBufferDesc out = {SECBUFFER_VERSION, 1, &c->token};
  ULONG attrs;
  SECURITY_STATUS ss;

  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &c->cred, NULL) != SEC_E_OK)
    return -1;
  c->token.BufferType = SECBUFFER_TOKEN;
  c->token.cbBuffer = 0;
  c->token.pvBuffer = NULL;
  ss = InitializeSecurityContextW(&c->cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                  SECURITY_NATIVE_DREP, NULL, 0, &c->ctx, &out, &attrs, NULL);
  if (ss < 0) {
    FreeCredentialsHandle(&c->cred);
    return -1;
  }
  return 0;
}

void conn_close(struct conn *c) {
  DeleteSecurityContext(&c->ctx);
  FreeCredentialsHandle(&c->cred);
}

// Correct: every successful open is closed.
int conn_roundtrip(const wchar_t *spn) {
  struct conn c;
  if (conn_open(&c, spn) != 0)
    return -1;
  send_token(c.token.pvBuffer, c.token.cbBuffer);
  conn_close(&c);
  return 0;
}

// An early return skips conn_close: both members leak.
int conn_roundtrip_leaky(const wchar_t *spn, int dry_run) {
  struct conn c;
  if (conn_open(&c, spn) != 0)
    return -1;
  if (dry_run)
    return 0;
  // CHECK: :[[@LINE-1]]:5: warning: context handle 'c.ctx' is not released when the function returns [sspi-context-leak]
  // CHECK: :[[@LINE-5]]:7: note: context handle acquired here by 'conn_open'
  // CHECK: :[[@LINE-3]]:5: warning: credential handle 'c.cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-7]]:7: note: credential handle acquired here by 'conn_open'
  conn_close(&c);
  return 0;
}

// Closing a connection that failed to open.
int conn_close_on_failure(const wchar_t *spn) {
  struct conn c;
  if (conn_open(&c, spn) != 0) {
    conn_close(&c);
    // CHECK: :[[@LINE-1]]:5: warning: context handle 'c.ctx' is released but its acquisition failed [sspi-release-unacquired]
    // CHECK: :[[@LINE-3]]:7: note: acquisition failed on this path
    // CHECK: :[[@LINE-3]]:5: warning: credential handle 'c.cred' is released but its acquisition failed [sspi-release-unacquired]
    // CHECK: :[[@LINE-5]]:7: note: acquisition failed on this path
    return -1;
  }
  conn_close(&c);
  return 0;
}

void conn_close_twice(const wchar_t *spn) {
  struct conn c;
  if (conn_open(&c, spn) != 0)
    return;
  conn_close(&c);
  conn_close(&c);
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'c.ctx' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-3]]:3: note: first released here
  // CHECK: :[[@LINE-3]]:3: warning: credential handle 'c.cred' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-5]]:3: note: first released here
}

// The context is used after conn_close.
int conn_sign_after_close(const wchar_t *spn, SecBufferDesc *msg) {
  struct conn c;
  if (conn_open(&c, spn) != 0)
    return -1;
  conn_close(&c);
  return MakeSignature(&c.ctx, 0, msg, 0);
  // CHECK: :[[@LINE-1]]:10: warning: context handle 'c.ctx' is used by 'MakeSignature' after it was released [sspi-use-after-release]
  // CHECK: :[[@LINE-3]]:3: note: released here
}

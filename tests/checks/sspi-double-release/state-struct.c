// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Close functions on handles owned by the caller.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct conn {
  CredHandle cred;
  CtxtHandle ctx;
  BOOL have_cred, have_ctx;
};

// Released, then released again by the generic teardown below.
void conn_abort(struct conn *c) {
  DeleteSecurityContext(&c->ctx);
  FreeCredentialsHandle(&c->cred);
  /* generic teardown */
  DeleteSecurityContext(&c->ctx);
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'c->ctx' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-5]]:3: note: first released here
}

// A parameter handle released on an error path and again at the end.
SECURITY_STATUS drop_credential(PCredHandle cred, int reason) {
  SECURITY_STATUS ss = SEC_E_OK;
  if (reason != 0)
    ss = FreeCredentialsHandle(cred);
  return FreeCredentialsHandle(cred);
  // CHECK: :[[@LINE-1]]:10: warning: credential handle '{{\*?}}cred' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-3]]:10: note: first released here
}

// Correct: flags cleared after each release, so a second close is harmless.
void conn_close(struct conn *c) {
  if (c->have_ctx) {
    DeleteSecurityContext(&c->ctx);
    c->have_ctx = FALSE;
  }
  if (c->have_cred) {
    FreeCredentialsHandle(&c->cred);
    c->have_cred = FALSE;
  }
  if (c->have_ctx)
    DeleteSecurityContext(&c->ctx);
}

// Correct: SecInvalidateHandle after the release; the second test is false.
void conn_close_invalidate(struct conn *c) {
  if (SecIsValidHandle(&c->ctx)) {
    DeleteSecurityContext(&c->ctx);
    SecInvalidateHandle(&c->ctx);
  }
  if (SecIsValidHandle(&c->ctx))
    DeleteSecurityContext(&c->ctx);
}

// Correct: each parameter released once.
void release_pair(PCredHandle cred, PCtxtHandle ctx) {
  DeleteSecurityContext(ctx);
  FreeCredentialsHandle(cred);
}

// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// A connection object whose handles are acquired in another unit: the release functions
// only see members declared CredHandle / CtxtHandle (and pointers declared PCredHandle),
// and the declared type still tells which release is wrong.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

typedef struct session {
  CredHandle cred;
  CtxtHandle ctx;
  BOOL have_ctx;
} session;

void session_close(session *s) {
  if (s->have_ctx)
    DeleteSecurityContext(&s->ctx);
  FreeCredentialsHandle(&s->cred);
}

void session_close_swapped(session *s) {
  if (s->have_ctx)
    DeleteSecurityContext(&s->cred);
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 's->cred' is released with 'DeleteSecurityContext', which releases context handles [sspi-mismatched-release]
  FreeCredentialsHandle(&s->ctx);
  // CHECK: :[[@LINE-1]]:3: warning: context handle 's->ctx' is released with 'FreeCredentialsHandle', which releases credential handles [sspi-mismatched-release]
}

void cred_release(PCredHandle pc) { FreeCredentialsHandle(pc); }

void cred_release_wrong(PCredHandle pc) { DeleteSecurityContext(pc); }
// CHECK: :[[@LINE-1]]:43: warning: credential handle '*pc' is released with 'DeleteSecurityContext', which releases context handles [sspi-mismatched-release]

/* SecHandle names no kind: nothing to say without the acquisition. */
void generic_release(SecHandle *h, int is_ctx) {
  if (is_ctx)
    DeleteSecurityContext(h);
  else
    FreeCredentialsHandle(h);
}

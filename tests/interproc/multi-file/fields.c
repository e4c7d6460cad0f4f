// A member acquired in this unit must be released by some function of the program,
// which may live in another unit (Inputs/session-close.c releases 'struct session.cred'
// but not 'struct session.ctx').
// RUN: not %sspi-check %s %S/Inputs/session-close.c 2>&1 | FileCheck %s --check-prefix=LINKED --implicit-check-not=warning:
// RUN: not %sspi-check %S/Inputs/session-close.c %s 2>&1 | FileCheck %s --check-prefix=LINKED --implicit-check-not=warning:
// Alone, no function releases either member.
// RUN: not %sspi-check %s 2>&1 | FileCheck %s --check-prefix=ALONE --implicit-check-not=warning:
#include "Inputs/session.h"

int session_open(struct session *s) {
  s->have_ctx = FALSE;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_INBOUND, NULL, NULL, NULL, NULL,
                                &s->cred, NULL) != SEC_E_OK)
    // ALONE: fields.c:[[@LINE-2]]:7: warning: credential handle 's->cred' is stored in 'struct session.cred', which no function releases [sspi-credential-leak]
    // ALONE-NEXT: fields.c:[[@LINE-3]]:7: note: no function in the program releases 'struct session.cred'
    return -1;
  return 0;
}

int session_accept(struct session *s, SecBufferDesc *in, SecBufferDesc *out) {
  ULONG attrs;
  SECURITY_STATUS ss = AcceptSecurityContext(&s->cred, NULL, in, 0, SECURITY_NATIVE_DREP, &s->ctx,
                                             out, &attrs, NULL);
  // LINKED: fields.c:[[@LINE-2]]:24: warning: context handle 's->ctx' is stored in 'struct session.ctx', which no function releases [sspi-context-leak]
  // LINKED-NEXT: fields.c:[[@LINE-3]]:24: note: no function in the program releases 'struct session.ctx'
  // ALONE: fields.c:[[@LINE-4]]:24: warning: context handle 's->ctx' is stored in 'struct session.ctx', which no function releases [sspi-context-leak]
  // ALONE-NEXT: fields.c:[[@LINE-5]]:24: note: no function in the program releases 'struct session.ctx'
  if (FAILED(ss))
    return -1;
  s->have_ctx = TRUE;
  return 0;
}

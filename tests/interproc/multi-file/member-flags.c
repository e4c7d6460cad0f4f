// Request flags kept in a struct member and set in another unit: every assignment to
// `struct tls_session.req_flags` in the program has ISC_REQ_ALLOCATE_MEMORY, so the
// handshake's output token is the package's buffer, and a failed send that returns
// without FreeContextBuffer leaks it. `manual_flags` takes a caller's value somewhere:
// unknown, and silent.
// RUN: not %sspi-check %s %S/Inputs/tls-session-init.c 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not %sspi-check %S/Inputs/tls-session-init.c %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Alone, the unit cannot know the member's values: no buffer leak (the context member,
// released only in the other unit, is reported as never released).
// RUN: not %sspi-check %s 2>&1 | FileCheck %s --check-prefix=ALONE
// ALONE-NOT: sspi-buffer-leak
// ALONE: [sspi-context-leak]
// ALONE-NOT: sspi-buffer-leak
#include "Inputs/tls-session.h"

int tls_handshake_step(struct tls_session *s, SecBufferDesc *in) {
  SecBuffer outbuf = {0, SECBUFFER_TOKEN, NULL};
  SecBufferDesc out = {SECBUFFER_VERSION, 1, &outbuf};
  SECURITY_STATUS st =
      InitializeSecurityContextW(&s->cred, s->have_ctx ? &s->ctx : NULL, L"server.example",
                                 s->req_flags, 0, 0, in, 0, &s->ctx, &out, &s->ret_flags, NULL);
  if (st < 0)
    return -1;
  s->have_ctx = true;
  if (outbuf.cbBuffer != 0 && outbuf.pvBuffer != NULL) {
    if (tls_send_all(s->sock, outbuf.pvBuffer, outbuf.cbBuffer) < 0)
      return -1;
    // CHECK: member-flags.c:[[@LINE-1]]:7: warning: SSPI-allocated buffer 'outbuf.pvBuffer' is not released when the function returns [sspi-buffer-leak]
    // CHECK-NEXT: :[[@LINE-9]]:7: note: SSPI-allocated buffer acquired here by 'InitializeSecurityContextW'
    FreeContextBuffer(outbuf.pvBuffer);
  }
  return st == SEC_E_OK ? 0 : 1;
}

/* Correct: the buffer goes back on the failed send too. */
int tls_handshake_step_ok(struct tls_session *s, SecBufferDesc *in) {
  SecBuffer outbuf = {0, SECBUFFER_TOKEN, NULL};
  SecBufferDesc out = {SECBUFFER_VERSION, 1, &outbuf};
  SECURITY_STATUS st =
      InitializeSecurityContextW(&s->cred, s->have_ctx ? &s->ctx : NULL, L"server.example",
                                 s->req_flags, 0, 0, in, 0, &s->ctx, &out, &s->ret_flags, NULL);
  if (st < 0)
    return -1;
  s->have_ctx = true;
  if (outbuf.cbBuffer != 0 && outbuf.pvBuffer != NULL) {
    int rc = tls_send_all(s->sock, outbuf.pvBuffer, outbuf.cbBuffer);
    FreeContextBuffer(outbuf.pvBuffer);
    if (rc < 0)
      return -1;
  }
  return st == SEC_E_OK ? 0 : 1;
}

/* Flags that are not known in the program: no buffer is assumed. */
int tls_handshake_manual(struct tls_session *s, SecBufferDesc *in, SecBufferDesc *out) {
  SECURITY_STATUS st =
      InitializeSecurityContextW(&s->cred, s->have_ctx ? &s->ctx : NULL, L"server.example",
                                 s->manual_flags, 0, 0, in, 0, &s->ctx, out, &s->ret_flags, NULL);
  if (st < 0)
    return -1;
  s->have_ctx = true;
  if (tls_send_all(s->sock, out->pBuffers[0].pvBuffer, out->pBuffers[0].cbBuffer) < 0)
    return -1;
  return 0;
}

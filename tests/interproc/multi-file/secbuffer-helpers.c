// A handshake step that fills its buffers and descriptors through helpers of another
// unit (schan_desc_init stores the array's address in the descriptor's pBuffers): the
// output tokens the package allocates land in the caller's array, and a failed send that
// returns without FreeContextBuffer leaks one. The helpers' summaries store their
// argument (derived, not written in rules/).
// RUN: not %sspi-check %s %S/Inputs/schan-buf.c 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not %sspi-check %S/Inputs/schan-buf.c %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// The summaries themselves (the debugging aid prints them):
// RUN: env SSPI_CHECK_SHOW_SUMMARIES=1 not %sspi-check %s %S/Inputs/schan-buf.c 2>&1 | FileCheck %s --check-prefix=SUM
// SUM-LABEL: fn schan_buf_init
// SUM-NEXT: store any 0 .pvBuffer from 2
// SUM-LABEL: fn schan_desc_init
// SUM-NEXT: store any 0 .pBuffers from 1
// SUM-LABEL: fn schan_desc_init_some
// SUM-NOT: store
// SUM: fn
// Alone, the unit cannot see where the helpers point the descriptors: silent about
// the tokens (the context, released only in the other unit, is reported).
// RUN: not %sspi-check %s 2>&1 | FileCheck %s --check-prefix=ALONE
// ALONE-NOT: sspi-buffer-leak
// ALONE: [sspi-context-leak]
// ALONE-NOT: sspi-buffer-leak
#include "Inputs/schan-buf.h"

// The input token's copy is allocated, the second input buffer set empty, and the copy
// tested: the test reads the first element (the helpers' stores into array elements are
// not taken as the value of every element), so the rest of the step is analysed.
int schan_step(struct schan_conn *c) {
  SecBuffer inbuf[2], outbuf[3];
  SecBufferDesc indesc, outdesc;
  int i;
  schan_buf_init(&inbuf[0], SECBUFFER_TOKEN, malloc(c->enc_len), (unsigned long)c->enc_len);
  schan_buf_init(&inbuf[1], SECBUFFER_EMPTY, NULL, 0);
  schan_desc_init(&indesc, inbuf, 2);
  schan_buf_init(&outbuf[0], SECBUFFER_TOKEN, NULL, 0);
  schan_buf_init(&outbuf[1], SECBUFFER_ALERT, NULL, 0);
  schan_buf_init(&outbuf[2], SECBUFFER_EMPTY, NULL, 0);
  schan_desc_init(&outdesc, outbuf, 3);
  if (inbuf[0].pvBuffer == NULL)
    return -1;
  memcpy(inbuf[0].pvBuffer, c->enc, c->enc_len);
  SECURITY_STATUS st = InitializeSecurityContextW(&c->cred, c->have_ctx ? &c->ctx : NULL,
                                                  L"server.example", c->req_flags, 0, 0, &indesc,
                                                  0, &c->ctx, &outdesc, &c->ret_flags, NULL);
  free(inbuf[0].pvBuffer);
  if (st != SEC_E_OK && st != SEC_I_CONTINUE_NEEDED)
    return -1;
  c->have_ctx = true;
  for (i = 0; i < 3; i++) {
    if (outbuf[i].BufferType == SECBUFFER_TOKEN && outbuf[i].cbBuffer > 0) {
      if (schan_send_all(c->sock, outbuf[i].pvBuffer, outbuf[i].cbBuffer) < 0)
        return -1;
      // CHECK: secbuffer-helpers.c:[[@LINE-1]]:9: warning: SSPI-allocated buffer 'outbuf[].pvBuffer' is not released when the function returns [sspi-buffer-leak]
      // CHECK-NEXT: secbuffer-helpers.c:[[@LINE-12]]:24: note: SSPI-allocated buffer acquired here by 'InitializeSecurityContextW'
    }
    if (outbuf[i].pvBuffer != NULL)
      FreeContextBuffer(outbuf[i].pvBuffer);
  }
  return st == SEC_E_OK ? 1 : 0;
}

// Correct: every token is freed, whether its send worked or not.
int schan_step_frees(struct schan_conn *c, SecBufferDesc *in) {
  SecBuffer outbuf[2];
  SecBufferDesc outdesc;
  int i, rc = 0;
  schan_buf_init(&outbuf[0], SECBUFFER_TOKEN, NULL, 0);
  schan_buf_init(&outbuf[1], SECBUFFER_ALERT, NULL, 0);
  schan_desc_init(&outdesc, outbuf, 2);
  SECURITY_STATUS st = InitializeSecurityContextW(&c->cred, c->have_ctx ? &c->ctx : NULL,
                                                  L"server.example", c->req_flags, 0, 0, in, 0,
                                                  &c->ctx, &outdesc, &c->ret_flags, NULL);
  if (st != SEC_E_OK && st != SEC_I_CONTINUE_NEEDED)
    return -1;
  c->have_ctx = true;
  for (i = 0; i < 2; i++) {
    if (outbuf[i].BufferType == SECBUFFER_TOKEN && outbuf[i].cbBuffer > 0 &&
        schan_send_all(c->sock, outbuf[i].pvBuffer, outbuf[i].cbBuffer) < 0)
      rc = -1;
    if (outbuf[i].pvBuffer != NULL)
      FreeContextBuffer(outbuf[i].pvBuffer);
  }
  return rc;
}

// The descriptor's pBuffers is set only on some paths of the helper: where the tokens
// land is unknown, and nothing is said about them.
int schan_step_unknown_desc(struct schan_conn *c, SecBufferDesc *in, unsigned long n) {
  SecBuffer outbuf[1];
  SecBufferDesc outdesc;
  schan_buf_init(&outbuf[0], SECBUFFER_TOKEN, NULL, 0);
  schan_desc_init_some(&outdesc, outbuf, n);
  SECURITY_STATUS st = InitializeSecurityContextW(&c->cred, c->have_ctx ? &c->ctx : NULL,
                                                  L"server.example", c->req_flags, 0, 0, in, 0,
                                                  &c->ctx, &outdesc, &c->ret_flags, NULL);
  if (st < 0)
    return -1;
  c->have_ctx = true;
  if (outbuf[0].cbBuffer > 0 && schan_send_all(c->sock, outbuf[0].pvBuffer, outbuf[0].cbBuffer) < 0)
    return -1;
  return 0;
}

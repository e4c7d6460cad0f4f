// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// Allocator families: memory from the security package goes back through
// FreeContextBuffer, memory from the C heap through free. A client library that copies
// the server's token and frees the wrong one is the shape of a real fix.
#define SECURITY_WIN32
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <sspi.h>

typedef struct auth_state {
  CredHandle cred;
  CtxtHandle ctx;
  unsigned char *out_token; /* copy of the package's output token, from malloc */
  unsigned long out_len;
} auth_state;

static int keep_token(auth_state *st, SecBuffer *tok) {
  st->out_token = malloc(tok->cbBuffer);
  if (!st->out_token) {
    FreeContextBuffer(tok->pvBuffer);
    return -1;
  }
  memcpy(st->out_token, tok->pvBuffer, tok->cbBuffer);
  st->out_len = tok->cbBuffer;
  FreeContextBuffer(tok->pvBuffer);
  return 0;
}

int auth_first_step(auth_state *st, wchar_t *spn) {
  SecBuffer ob = {0, SECBUFFER_TOKEN, NULL};
  SecBufferDesc od = {SECBUFFER_VERSION, 1, &ob};
  ULONG attrs;
  SECURITY_STATUS ss = InitializeSecurityContextW(&st->cred, NULL, spn, ISC_REQ_ALLOCATE_MEMORY, 0,
                                                  SECURITY_NATIVE_DREP, NULL, 0, &st->ctx, &od,
                                                  &attrs, NULL);
  if (ss < 0)
    return -1;
  if (ob.cbBuffer == 0)
    return 0;
  return keep_token(st, &ob);
}

int auth_first_step_mixed_up(auth_state *st, wchar_t *spn) {
  SecBuffer ob = {0, SECBUFFER_TOKEN, NULL};
  SecBufferDesc od = {SECBUFFER_VERSION, 1, &ob};
  ULONG attrs;
  SECURITY_STATUS ss = InitializeSecurityContextW(&st->cred, NULL, spn, ISC_REQ_ALLOCATE_MEMORY, 0,
                                                  SECURITY_NATIVE_DREP, NULL, 0, &st->ctx, &od,
                                                  &attrs, NULL);
  if (ss < 0)
    return -1;
  if (ob.cbBuffer == 0)
    return 0;
  unsigned char *copy = malloc(ob.cbBuffer);
  if (!copy)
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: SSPI-allocated buffer 'ob.pvBuffer' is not released when the function returns [sspi-buffer-leak]
  memcpy(copy, ob.pvBuffer, ob.cbBuffer);
  free(ob.pvBuffer);
  // CHECK: :[[@LINE-1]]:3: warning: SSPI-allocated buffer 'ob.pvBuffer' is released with 'free', which frees heap memory; release it with FreeContextBuffer [sspi-mismatched-release]
  st->out_token = copy;
  st->out_len = ob.cbBuffer;
  return 0;
}

/* An array of buffers: the package allocates the token, the caller the alert buffer.
 * Which element holds which, the analysis does not tell apart: no finding either way. */
int auth_step_with_alert(auth_state *st, wchar_t *spn) {
  SecBuffer bufs[2];
  SecBufferDesc od = {SECBUFFER_VERSION, 2, bufs};
  ULONG attrs;
  bufs[0].BufferType = SECBUFFER_TOKEN;
  bufs[0].cbBuffer = 0;
  bufs[0].pvBuffer = NULL;
  bufs[1].BufferType = SECBUFFER_ALERT;
  bufs[1].cbBuffer = 64;
  bufs[1].pvBuffer = malloc(64);
  if (!bufs[1].pvBuffer)
    return -1;
  SECURITY_STATUS ss = InitializeSecurityContextW(&st->cred, NULL, spn, ISC_REQ_ALLOCATE_MEMORY, 0,
                                                  SECURITY_NATIVE_DREP, NULL, 0, &st->ctx, &od,
                                                  &attrs, NULL);
  if (ss >= 0)
    FreeContextBuffer(bufs[0].pvBuffer);
  free(bufs[1].pvBuffer);
  return ss >= 0 ? 0 : -1;
}

void auth_close(auth_state *st) {
  DeleteSecurityContext(&st->ctx);
  FreeCredentialsHandle(&st->cred);
  free(st->out_token);
  st->out_token = NULL;
}

void auth_reset_wrong(auth_state *st) {
  unsigned char *t = malloc(16);
  if (!t)
    return;
  memset(t, 0, 16);
  FreeContextBuffer(t);
  // CHECK: :[[@LINE-1]]:3: warning: memory from 'malloc' in 't' is released with 'FreeContextBuffer', which releases SSPI-allocated buffers [sspi-mismatched-release]
  // CHECK-NEXT: :[[@LINE-6]]:22: note: memory allocated here by 'malloc'
}

/* client.c - the client side of the handshake: InitializeSecurityContext in a loop. */
#include <stdio.h>
#include "authdemo.h"

/* Correct: every output token is freed, the credential handle is released on every
 * path, and the context goes to the caller only on success. */
int authdemo_client_handshake(SOCKET s, const wchar_t *spn, CtxtHandle *ctx_out) {
  CredHandle cred;
  CtxtHandle ctx;
  int have_ctx = 0;
  int rc = -1;
  unsigned char in_token[AUTHDEMO_MAX_TOKEN];
  unsigned long in_len = 0;
  SECURITY_STATUS ss;

  if (authdemo_acquire_client_creds(&cred, NULL) != SEC_E_OK)
    return -1;

  for (;;) {
    SecBuffer in_buf = {in_len, SECBUFFER_TOKEN, in_token};
    SecBufferDesc in_desc = {SECBUFFER_VERSION, 1, &in_buf};
    SecBuffer out_buf = {0, SECBUFFER_TOKEN, NULL};
    SecBufferDesc out_desc = {SECBUFFER_VERSION, 1, &out_buf};
    unsigned long attrs = 0;

    ss = InitializeSecurityContextW(&cred, have_ctx ? &ctx : NULL, (SEC_WCHAR *)spn,
                                    ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_MUTUAL_AUTH |
                                        ISC_REQ_CONFIDENTIALITY,
                                    0, SECURITY_NATIVE_DREP, have_ctx ? &in_desc : NULL, 0,
                                    &ctx, &out_desc, &attrs, NULL);
    if (FAILED(ss)) {
      fprintf(stderr, "InitializeSecurityContext failed: 0x%08lx\n", (unsigned long)ss);
      break;
    }
    have_ctx = 1;
    if (out_buf.cbBuffer != 0) {
      int sent = transport_send(s, out_buf.pvBuffer, out_buf.cbBuffer);
      FreeContextBuffer(out_buf.pvBuffer);
      if (sent != 0)
        break;
    }
    if (ss == SEC_E_OK) {
      *ctx_out = ctx;
      have_ctx = 0;
      rc = 0;
      break;
    }
    if (transport_recv(s, in_token, sizeof in_token, &in_len) != 0)
      break;
  }

  if (have_ctx)
    DeleteSecurityContext(&ctx);
  FreeCredentialsHandle(&cred);
  return rc;
}

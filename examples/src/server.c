/* server.c - the server side: AcceptSecurityContext in a loop, then who is it? */
#include <stdio.h>
#include <wchar.h>
#include "authdemo.h"

/* Leaky: when sending the last token fails, the freshly established context is
 * neither handed to the caller nor deleted; and the credential handle is kept on
 * that path too. */
int authdemo_server_handshake(SOCKET s, CtxtHandle *ctx_out) {
  CredHandle cred;
  CtxtHandle ctx;
  int have_ctx = 0;
  unsigned char in_token[AUTHDEMO_MAX_TOKEN];
  unsigned long in_len = 0;
  SECURITY_STATUS ss;

  if (authdemo_acquire_server_creds(&cred) != SEC_E_OK)
    return -1;

  for (;;) {
    SecBuffer in_buf = {0, SECBUFFER_TOKEN, in_token};
    SecBufferDesc in_desc = {SECBUFFER_VERSION, 1, &in_buf};
    SecBuffer out_buf = {0, SECBUFFER_TOKEN, NULL};
    SecBufferDesc out_desc = {SECBUFFER_VERSION, 1, &out_buf};
    unsigned long attrs = 0;

    if (transport_recv(s, in_token, sizeof in_token, &in_len) != 0)
      break;
    in_buf.cbBuffer = in_len;
    ss = AcceptSecurityContext(&cred, have_ctx ? &ctx : NULL, &in_desc,
                               ASC_REQ_ALLOCATE_MEMORY | ASC_REQ_MUTUAL_AUTH, SECURITY_NATIVE_DREP,
                               &ctx, &out_desc, &attrs, NULL);
    if (FAILED(ss))
      break;
    have_ctx = 1;
    if (out_buf.cbBuffer != 0) {
      int sent = transport_send(s, out_buf.pvBuffer, out_buf.cbBuffer);
      FreeContextBuffer(out_buf.pvBuffer);
      if (sent != 0)
        return -1;
    }
    if (ss == SEC_E_OK) {
      FreeCredentialsHandle(&cred);
      *ctx_out = ctx;
      return 0;
    }
  }
  if (have_ctx)
    DeleteSecurityContext(&ctx);
  FreeCredentialsHandle(&cred);
  return -1;
}

/* Leaky: the names buffer returned by QueryContextAttributes(SECPKG_ATTR_NAMES) is
 * owned by the caller; the early return for a too-small buffer forgets it. */
int authdemo_server_whoami(CtxtHandle *ctx, wchar_t *name, size_t cap) {
  SecPkgContext_NamesW names;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &names) != SEC_E_OK)
    return -1;
  if (wcslen(names.sUserName) >= cap)
    return -1;
  wcscpy(name, names.sUserName);
  FreeContextBuffer(names.sUserName);
  return 0;
}

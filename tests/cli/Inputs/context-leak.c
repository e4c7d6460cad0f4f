// A server that keeps the security context when the token cannot be sent.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

int send_token(const void *data, unsigned long len);

int accept_one(CredHandle *cred, SecBufferDesc *in, SecBufferDesc *out) {
  CtxtHandle ctx;
  unsigned long attrs;
  SECURITY_STATUS ss = AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONFIDENTIALITY,
                                             SECURITY_NATIVE_DREP, &ctx, out, &attrs, NULL);
  if (ss != SEC_E_OK)
    return -1;
  if (send_token(out->pBuffers[0].pvBuffer, out->pBuffers[0].cbBuffer) != 0)
    return -1;
  DeleteSecurityContext(&ctx);
  return 0;
}

// Leaks the credential handle when the first token cannot be produced.
#include "proj.h"

int client_start(const wchar_t *spn) {
  CredHandle cred;
  CtxtHandle ctx;
  SecBuffer out_buf = {0, SECBUFFER_TOKEN, NULL};
  SecBufferDesc out_desc = {SECBUFFER_VERSION, 1, &out_buf};
  unsigned long attrs;
  SECURITY_STATUS ss;

  ss = AcquireCredentialsHandleW(NULL, PROJ_PACKAGE, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                 NULL, &cred, NULL);
  if (ss != SEC_E_OK)
    return -1;
  ss = InitializeSecurityContextW(&cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_ALLOCATE_MEMORY, 0,
                                  SECURITY_NATIVE_DREP, NULL, 0, &ctx, &out_desc, &attrs, NULL);
  if (ss != SEC_I_CONTINUE_NEEDED)
    return -1;
  proj_send(out_buf.pvBuffer, out_buf.cbBuffer);
  FreeContextBuffer(out_buf.pvBuffer);
  DeleteSecurityContext(&ctx);
  FreeCredentialsHandle(&cred);
  return 0;
}

/* auth-lib.c - the library unit: acquires and releases for its callers. */
#include "auth.h"

SECURITY_STATUS auth_get_cred(CredHandle *out) {
  return AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                   NULL, out, NULL);
}

void auth_put_cred(CredHandle *h) { FreeCredentialsHandle(h); }

int conn_open(struct conn *c, const wchar_t *spn, SecBufferDesc *out) {
  ULONG attrs;
  if (FAILED(auth_get_cred(&c->cred)))
    return -1;
  if (InitializeSecurityContextW(&c->cred, NULL, (SEC_WCHAR *)spn, 0, 0, SECURITY_NATIVE_DREP,
                                 NULL, 0, &c->ctx, out, &attrs, NULL) < 0) {
    auth_put_cred(&c->cred);
    return -1;
  }
  return 0;
}

void conn_close(struct conn *c) {
  DeleteSecurityContext(&c->ctx);
  auth_put_cred(&c->cred);
}

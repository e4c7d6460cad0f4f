// Opening a connection: the credential goes into the connection through na_acquire
// (wrap.c); conn_close (conn.c) releases what conn_open acquired.
#include "netauth.h"

int conn_open(struct conn *c, const wchar_t *target) {
  SecBuffer out_buf = {0, SECBUFFER_TOKEN, NULL};
  SecBufferDesc out_desc = {SECBUFFER_VERSION, 1, &out_buf};
  ULONG attrs;
  TimeStamp expiry;
  if (na_acquire(&c->cred, L"Negotiate") != SEC_E_OK)
    return -1;
  SECURITY_STATUS ss = InitializeSecurityContextW(
      &c->cred, NULL, (SEC_WCHAR *)target, ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_CONFIDENTIALITY,
      0, SECURITY_NATIVE_DREP, NULL, 0, &c->ctx, &out_desc, &attrs, &expiry);
  if (FAILED(ss)) {
    na_release(&c->cred);
    return -1;
  }
  int rc = send_token(c->fd, out_buf.pvBuffer, out_buf.cbBuffer);
  FreeContextBuffer(out_buf.pvBuffer);
  if (rc != 0) {
    conn_close(c);
    return -1;
  }
  return 0; // the connection owns both handles now
}

// Checks that a package is usable; forgets the credential for Kerberos.
int probe_package(const wchar_t *package) {
  CredHandle cred;
  if (na_acquire(&cred, package) != SEC_E_OK)
    return 0;
  if (package[0] == L'K')
    return 1;
  na_release(&cred);
  return 1;
}

// conn_close already released the credential.
void conn_abort(struct conn *c) {
  conn_close(c);
  FreeCredentialsHandle(&c->cred);
}

// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// One variable passed as the request flags and as the returned attributes
// (ISC(..., flags, ..., &flags, ...)), as some TLS layers write it: the flags are read
// before the call writes the attributes, so the output token is still tracked.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

typedef struct tls_conn {
  CredHandle cred;
  CtxtHandle ctx;
  int sock;
} tls_conn;

int sock_send_all(int sock, const void *p, unsigned long n);

int tls_hello(tls_conn *c, wchar_t *host) {
  SecBuffer ob = {0, SECBUFFER_TOKEN, NULL};
  SecBufferDesc od = {SECBUFFER_VERSION, 1, &ob};
  ULONG flags = ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_CONFIDENTIALITY | ISC_REQ_STREAM;
  SECURITY_STATUS ss = InitializeSecurityContextW(&c->cred, NULL, host, flags, 0, 0, NULL, 0,
                                                  &c->ctx, &od, &flags, NULL);
  if (ss != SEC_I_CONTINUE_NEEDED)
    return -1;
  int rc = sock_send_all(c->sock, ob.pvBuffer, ob.cbBuffer);
  FreeContextBuffer(ob.pvBuffer);
  return rc;
}

int tls_hello_leaky(tls_conn *c, wchar_t *host) {
  SecBuffer ob = {0, SECBUFFER_TOKEN, NULL};
  SecBufferDesc od = {SECBUFFER_VERSION, 1, &ob};
  ULONG flags = ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_CONFIDENTIALITY | ISC_REQ_STREAM;
  SECURITY_STATUS ss = InitializeSecurityContextW(&c->cred, NULL, host, flags, 0, 0, NULL, 0,
                                                  &c->ctx, &od, &flags, NULL);
  if (ss != SEC_I_CONTINUE_NEEDED)
    return -1;
  if (sock_send_all(c->sock, ob.pvBuffer, ob.cbBuffer) != 0)
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: SSPI-allocated buffer 'ob.pvBuffer' is not released when the function returns [sspi-buffer-leak]
  FreeContextBuffer(ob.pvBuffer);
  return 0;
}

void tls_close(tls_conn *c) {
  DeleteSecurityContext(&c->ctx);
  FreeCredentialsHandle(&c->cred);
}

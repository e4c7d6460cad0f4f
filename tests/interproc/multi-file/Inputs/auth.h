/* auth.h - the small authentication library of the multi-file tests. */
#ifndef AUTH_H
#define AUTH_H
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct conn {
  CredHandle cred;
  CtxtHandle ctx;
};

/* The status of AcquireCredentialsHandleW: *out is held iff it is >= 0. */
SECURITY_STATUS auth_get_cred(CredHandle *out);
/* Releases *h. */
void auth_put_cred(CredHandle *h);
/* 0: c->cred and c->ctx are held; -1: nothing is. */
int conn_open(struct conn *c, const wchar_t *spn, SecBufferDesc *out);
/* Releases both members. */
void conn_close(struct conn *c);

#endif

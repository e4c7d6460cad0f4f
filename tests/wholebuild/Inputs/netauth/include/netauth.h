// netauth: a small client library that authenticates connections with SSPI.
#ifndef NETAUTH_H
#define NETAUTH_H
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct conn {
  int fd;
  CredHandle cred; // acquired by conn_open, released by conn_close
  CtxtHandle ctx;
};

// wrap.c: the library's own wrappers around the SSPI calls
SECURITY_STATUS na_acquire(CredHandle *out, const wchar_t *package);
void na_release(CredHandle *cred);

// auth.c
int conn_open(struct conn *c, const wchar_t *target);
int probe_package(const wchar_t *package);
void conn_abort(struct conn *c);

// conn.c
void conn_close(struct conn *c);
int send_token(int fd, const void *buf, unsigned long len);

#endif

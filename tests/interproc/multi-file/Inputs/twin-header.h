// A connection's release helper, inline in a header: each unit that includes it lowers
// its own copy, and the build walks one of them (static-twins-header.c).
#ifndef TWIN_HEADER_H
#define TWIN_HEADER_H
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct conn {
  CredHandle cred;
  int sock;
};

static inline void conn_drop(struct conn *c) {
  FreeCredentialsHandle(&c->cred);
  c->sock = -1;
}
#endif

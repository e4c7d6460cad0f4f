#ifndef CONN_H
#define CONN_H
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct conn {
  CredHandle cred;
  int fd;
};

struct peer {
  CredHandle cred;
  int id;
};

int conn_open(struct conn *c);
int peer_open(struct peer *p);
void ext_register(struct conn *c); /* a library the build does not have */
#endif

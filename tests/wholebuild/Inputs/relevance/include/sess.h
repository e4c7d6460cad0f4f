#ifndef SESS_H
#define SESS_H
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct sess {
  CredHandle cred;
  int n;
};

int sess_open(struct sess *s);
#endif

/* chain-1.c - 0 when logged in, -1 otherwise. */
#include "chain.h"

int net_login(CredHandle *out) {
  if (FAILED(net_acquire(out)))
    return -1;
  return 0;
}

void net_logout(CredHandle *h) { FreeCredentialsHandle(h); }

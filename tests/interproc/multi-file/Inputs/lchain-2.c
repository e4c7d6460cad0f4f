/* lchain-2.c - the transport: 0 when the credential was acquired. */
#include "lchain.h"

int tr_open(CredHandle *cred, const wchar_t *package) {
  if (auth_acquire(cred, package) != SEC_E_OK)
    return -1;
  return 0;
}

void tr_close(CredHandle *cred) { auth_release(cred); }

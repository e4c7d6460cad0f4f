/* lchain-4.c - the security layer. */
#include "lchain.h"

SECURITY_STATUS sec_get_cred(CredHandle *cred, const wchar_t *package) {
  SECURITY_STATUS ss = store_acquire(cred, package);
  return ss;
}

void sec_put_cred(CredHandle *cred) { store_release(cred); }

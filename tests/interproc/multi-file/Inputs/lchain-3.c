/* lchain-3.c - the authentication layer passes the status through. */
#include "lchain.h"

SECURITY_STATUS auth_acquire(CredHandle *cred, const wchar_t *package) { return sec_get_cred(cred, package); }

void auth_release(CredHandle *cred) { sec_put_cred(cred); }

/* lchain-5.c - the SSPI calls. */
#include "lchain.h"

SECURITY_STATUS store_acquire(CredHandle *cred, const wchar_t *package) {
  TimeStamp expiry;
  return AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                   NULL, cred, &expiry);
}

void store_release(CredHandle *cred) { FreeCredentialsHandle(cred); }

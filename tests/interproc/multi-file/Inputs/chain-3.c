/* chain-3.c - the SSPI call. */
#include "chain.h"

SECURITY_STATUS sec_acquire(const wchar_t *package, CredHandle *out) {
  return AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL,
                                   NULL, NULL, out, NULL);
}

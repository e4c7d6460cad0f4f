// The wrappers: na_acquire hands the credential to *out when it returns SEC_E_OK.
#include "netauth.h"

SECURITY_STATUS na_acquire(CredHandle *out, const wchar_t *package) {
  TimeStamp expiry;
  return AcquireCredentialsHandleW(NULL, (LPWSTR)package, SECPKG_CRED_OUTBOUND, NULL, NULL,
                                   NULL, NULL, out, &expiry);
}

void na_release(CredHandle *cred) {
  FreeCredentialsHandle(cred);
}

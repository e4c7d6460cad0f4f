// A wrapper in its own file: the handle goes to *out when the status is SEC_E_OK.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

SECURITY_STATUS open_creds(CredHandle *out) {
  TimeStamp expiry;
  return AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                   NULL, out, &expiry);
}

void close_creds(CredHandle *cred) {
  FreeCredentialsHandle(cred);
}

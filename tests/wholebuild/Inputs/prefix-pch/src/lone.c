#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#define SECURITY_WIN32
#include <sspi.h>

int lone_once(int fail) {
  CredHandle h;
  if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &h, NULL) != SEC_E_OK)
    return -1;
  if (fail)
    return -1;
  FreeCredentialsHandle(&h);
  return 0;
}

// A client that forgets its credential handle when it gives up early.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

int connect_once(int give_up) {
  CredHandle cred;
  TimeStamp expiry;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, &expiry) != SEC_E_OK)
    return -1;
  if (give_up)
    return -1;
  FreeCredentialsHandle(&cred);
  return 0;
}

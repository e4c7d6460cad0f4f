#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

int netauth_probe(int dry_run) {
  CredHandle cred;
  if (AcquireCredentialsHandleA(NULL, "Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, NULL) != SEC_E_OK)
    return -1;
  if (dry_run)
    return 0;
  FreeCredentialsHandle(&cred);
  return 1;
}

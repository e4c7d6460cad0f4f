// The first unit the scan finds by name: the workers start on it. Leaks its
// credential when the session cannot be set up.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int session_ready(void);

int first_connect(void) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"Negotiate", SECPKG_CRED_OUTBOUND, NULL,
                                NULL, NULL, NULL, &cred, NULL) != SEC_E_OK)
    return -1;
  if (!session_ready())
    return -1;
  FreeCredentialsHandle(&cred);
  return 0;
}

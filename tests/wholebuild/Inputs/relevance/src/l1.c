// The first of three units of a wrapper chain: the only one that names SSPI.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

int l1_open(void *h) {
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL,
                                NULL, NULL, (PCredHandle)h, NULL) != SEC_E_OK)
    return -1;
  return 0;
}

void l1_close(void *h) { FreeCredentialsHandle((PCredHandle)h); }

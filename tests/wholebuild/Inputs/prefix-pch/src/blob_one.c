#include "blob.h"
#include <windows.h>
#define SECURITY_WIN32
#include <sspi.h>

int blob_one(struct blob *b) {
  CredHandle h;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL,
                                NULL, NULL, &h, NULL) != SEC_E_OK)
    return -1;
  if (!b->len)
    return -1;
  FreeCredentialsHandle(&h);
  return 0;
}

// Hands its credential to cleanup_via_table (ops.c), then releases it again.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

void cleanup_via_table(void *p);

void conn_close(void *p) { FreeCredentialsHandle((PCredHandle)p); }

int conn_run(void) {
  CredHandle h;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL,
                                NULL, NULL, &h, NULL) != SEC_E_OK)
    return -1;
  cleanup_via_table(&h);
  FreeCredentialsHandle(&h);
  return 0;
}

// RUN: %sspi-check %s 2>&1 | count 0
// A limit of the whole-program check: it asks whether some function reachable from
// main releases the global, not whether every way out of the program does. Here the
// only release is on the error path of init_credentials, so the credential kept after
// a successful start is never released, and nothing is reported.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static CredHandle g_client_cred;
static CredHandle g_server_cred;

extern int serve(void);

static int init_credentials(void) {
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &g_client_cred, NULL) != SEC_E_OK)
    return -1;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_INBOUND, NULL, NULL, NULL, NULL,
                                &g_server_cred, NULL) != SEC_E_OK) {
    FreeCredentialsHandle(&g_client_cred);
    return -1;
  }
  return 0;
}

int main(void) {
  int rc;
  if (init_credentials() != 0)
    return 1;
  rc = serve();
  FreeCredentialsHandle(&g_server_cred);
  return rc;
}

// RUN: %sspi-check %s 2>&1 | count 0
// A program keeps its credential in a global and releases it in an atexit handler:
// the handler runs at exit even though main never calls it. Silent.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdio.h>
#include <stdlib.h>

static CredHandle g_cred;
static BOOL g_have_cred;

extern int serve(CredHandle *cred);

static void cleanup(void) {
  if (g_have_cred) {
    FreeCredentialsHandle(&g_cred);
    g_have_cred = FALSE;
  }
}

static int init_credentials(void) {
  SECURITY_STATUS ss = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_INBOUND, NULL,
                                                 NULL, NULL, NULL, &g_cred, NULL);
  if (ss != SEC_E_OK) {
    fprintf(stderr, "AcquireCredentialsHandle: 0x%08lx\n", (unsigned long)ss);
    return -1;
  }
  g_have_cred = TRUE;
  return 0;
}

int main(int argc, char **argv) {
  (void)argc;
  (void)argv;
  atexit(cleanup);
  if (init_credentials() != 0)
    return 1;
  if (serve(&g_cred) != 0)
    exit(2);
  return 0;
}

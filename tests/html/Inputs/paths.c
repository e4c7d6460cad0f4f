#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static CredHandle g_cred;

/* Acquired into a global that nothing releases: the finding is at the end of main,
 * its first step in another function. */
static int init(void) {
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &g_cred, NULL) != SEC_E_OK)
    return -1;
  return 0;
}

int server_step(CredHandle *cred, SecBufferDesc *in, SecBufferDesc *out) {
  CtxtHandle ctx;
  ULONG attrs;
  SECURITY_STATUS ss = AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION,
                                             SECURITY_NATIVE_DREP, &ctx, out, &attrs, NULL);
  if (ss == SEC_E_OK)
    return 0;
  if (ss >= 0)
    DeleteSecurityContext(&ctx);
  return -1;
}

int main(void) {
  if (init() != 0)
    return 1;
  return 0;
}

#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

/* A credential leak, a context leak and a buffer leak a NOLINT comment suppresses. */
int cred_leak(int early) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, NULL) != SEC_E_OK)
    return -1;
  if (early)
    return 1;
  FreeCredentialsHandle(&cred);
  return 0;
}

int ctx_leak(CredHandle *cred, SecBufferDesc *out, int early) {
  CtxtHandle ctx;
  ULONG attrs;
  if (InitializeSecurityContextW(cred, NULL, L"HTTP/example.com", ISC_REQ_CONNECTION, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &ctx, out, &attrs, NULL) < 0)
    return -1;
  if (early)
    return 1;
  DeleteSecurityContext(&ctx);
  return 0;
}

void list_packages(void) {
  ULONG n;
  PSecPkgInfoW pkgs;
  if (EnumerateSecurityPackagesW(&n, &pkgs) != SEC_E_OK)
    return;
} // NOLINT(sspi-buffer-leak)

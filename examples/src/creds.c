/* creds.c - credential acquisition helpers shared by the client and the server. */
#include <stdio.h>
#include <wchar.h>
#include "authdemo.h"

/* Correct: the credential handle goes to the caller only when the call succeeded. */
SECURITY_STATUS authdemo_acquire_client_creds(CredHandle *out, const wchar_t *user_hint) {
  TimeStamp expiry;
  SECURITY_STATUS ss;

  (void)user_hint;
  ss = AcquireCredentialsHandleW(NULL, AUTHDEMO_PACKAGE, SECPKG_CRED_OUTBOUND, NULL, NULL,
                                 NULL, NULL, out, &expiry);
  if (ss != SEC_E_OK)
    fprintf(stderr, "AcquireCredentialsHandle (client) failed: 0x%08lx\n", (unsigned long)ss);
  return ss;
}

/* Correct as well. */
SECURITY_STATUS authdemo_acquire_server_creds(CredHandle *out) {
  TimeStamp expiry;
  return AcquireCredentialsHandleW(NULL, AUTHDEMO_PACKAGE, SECPKG_CRED_INBOUND, NULL, NULL,
                                   NULL, NULL, out, &expiry);
}

/* Leaky: the package array from EnumerateSecurityPackages is never given back with
 * FreeContextBuffer when no package matched. */
void authdemo_log_packages(void) {
  unsigned long count = 0;
  PSecPkgInfoW pkgs = NULL;
  if (EnumerateSecurityPackagesW(&count, &pkgs) != SEC_E_OK)
    return;
  for (unsigned long i = 0; i < count; i++) {
    if (wcscmp(pkgs[i].Name, AUTHDEMO_PACKAGE) == 0) {
      fwprintf(stderr, L"using %ls (max token %lu)\n", pkgs[i].Name, pkgs[i].cbMaxToken);
      FreeContextBuffer(pkgs);
      return;
    }
  }
  fwprintf(stderr, L"package %ls not installed\n", AUTHDEMO_PACKAGE);
}

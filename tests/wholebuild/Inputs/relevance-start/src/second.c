// Found by name early in the scan, with other headers first than first.c: given to the
// second worker before the scan ends. Releases what it acquires.
#include <stdio.h>
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

int second_probe(void) {
  CredHandle cred;
  SECURITY_STATUS ss = AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"Kerberos",
                                                 SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                                 &cred, NULL);
  if (ss != SEC_E_OK) {
    fprintf(stderr, "no Kerberos credential: 0x%08lx\n", (unsigned long)ss);
    return -1;
  }
  FreeCredentialsHandle(&cred);
  return 0;
}

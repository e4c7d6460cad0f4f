// Names SSPI. auth_login calls log_fatal and bail_out (neither returns: fatal.c and
// gen.c); auth_banner calls banner_width, which has nothing to do with handles.
#include "app.h"

int auth_login(bool strict, int tries) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"Kerberos", SECPKG_CRED_OUTBOUND, NULL,
                                NULL, NULL, NULL, &cred, NULL) != SEC_E_OK)
    return -1;
  if (strict && tries > 3) {
    log_fatal("too many tries");
    return -2;
  }
  if (tries < 0) {
    bail_out();
    return -3;
  }
  if (tries == 0)
    return 0;
  FreeCredentialsHandle(&cred);
  return 1;
}

int auth_banner(void) { return banner_width() + 2; }

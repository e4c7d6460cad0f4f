// The second unit with the header's conn_drop: its caller also waits for sess_note
// (twin-header-c.c), so it is walked after that unit's own conn_drop.
#include "twin-header.h"

void sess_note(const char *what);

int proxy_run(void) {
  struct conn c = {0};
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"Kerberos", SECPKG_CRED_OUTBOUND, NULL,
                                NULL, NULL, NULL, &c.cred, NULL) != SEC_E_OK)
    return -1;
  sess_note("proxy connected");
  conn_drop(&c);
  return 0;
}

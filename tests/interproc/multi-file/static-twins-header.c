// A header's inline conn_drop (Inputs/twin-header.h) is lowered by this unit and by
// Inputs/twin-header-b.c and walked once; Inputs/twin-header-c.c has a static conn_drop
// of its own that releases nothing. Every caller of the header's conn_drop gets the
// header's summary, whichever copy was walked and whenever the other unit's conn_drop
// was summarised (before, in three of these file orders a copy's caller got the other
// unit's summary: a false leak here or in proxy_run). One leak, in sess_run.
// RUN: not %sspi-check %s %S/Inputs/twin-header-c.c %S/Inputs/twin-header-b.c 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not %sspi-check %S/Inputs/twin-header-b.c %S/Inputs/twin-header-c.c %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not %sspi-check %S/Inputs/twin-header-c.c %S/Inputs/twin-header-b.c %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not %sspi-check %s %S/Inputs/twin-header-b.c %S/Inputs/twin-header-c.c 2>&1 | FileCheck %s --implicit-check-not=warning:
#include "Inputs/twin-header.h"

int conn_run(void) {
  struct conn c = {0};
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"Negotiate", SECPKG_CRED_OUTBOUND, NULL,
                                NULL, NULL, NULL, &c.cred, NULL) != SEC_E_OK)
    return -1;
  conn_drop(&c);
  return 0;
}
// CHECK: twin-header-c.c:25:3: warning: credential handle 's.cred' is not released when the function returns [sspi-credential-leak]

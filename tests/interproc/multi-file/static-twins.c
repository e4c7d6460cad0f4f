// Two units each define a static helper named close_conn: this one releases the
// credential, the session's (Inputs/twin-sess.c) does not. Each call reaches its own
// unit's helper, whatever the order of the files: one leak, in sess_run.
// RUN: not %sspi-check %s %S/Inputs/twin-sess.c 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not %sspi-check %S/Inputs/twin-sess.c %s 2>&1 | FileCheck %s --implicit-check-not=warning:
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct conn {
  CredHandle cred;
  int sock;
};

static void close_conn(struct conn *c) {
  FreeCredentialsHandle(&c->cred);
  c->sock = -1;
}

int conn_run(void) {
  struct conn c = {0};
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"Negotiate", SECPKG_CRED_OUTBOUND, NULL,
                                NULL, NULL, NULL, &c.cred, NULL) != SEC_E_OK)
    return -1;
  close_conn(&c);
  return 0;
}
// CHECK: twin-sess.c:22:3: warning: credential handle 's.cred' is not released when the function returns [sspi-credential-leak]

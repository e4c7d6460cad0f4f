// Two units each define a static helper named close_conn, as static-twins.c, but the
// caller here also calls a function of the other unit (sess_note), so it is walked
// only after that unit's functions, its close_conn among them. It still reaches its
// own unit's close_conn, which releases the credential; the session's close_conn only
// marks the session closed: one leak, in sess_run, whatever the order of the files.
// RUN: not %sspi-check %s %S/Inputs/twin-late-sess.c 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not %sspi-check %S/Inputs/twin-late-sess.c %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not %sspi-check -j 2 %s %S/Inputs/twin-late-sess.c 2>&1 | FileCheck %s --implicit-check-not=warning:
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct conn {
  CredHandle cred;
  int sock;
};

void sess_note(const char *what);

static void close_conn(struct conn *c) {
  FreeCredentialsHandle(&c->cred);
  c->sock = -1;
}

int conn_run(void) {
  struct conn c = {0};
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"Negotiate", SECPKG_CRED_OUTBOUND, NULL,
                                NULL, NULL, NULL, &c.cred, NULL) != SEC_E_OK)
    return -1;
  sess_note("connected");
  close_conn(&c);
  return 0;
}
// CHECK: twin-late-sess.c:26:3: warning: credential handle 's.cred' is not released when the function returns [sspi-credential-leak]

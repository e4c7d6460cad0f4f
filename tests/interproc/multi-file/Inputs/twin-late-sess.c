// The session side of static-twins-late.c: its own static close_conn only marks the
// session closed, so the credential stays held; sess_note is what the connection's
// caller waits for.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdbool.h>
#include <stdio.h>

struct sess {
  CredHandle cred;
  bool open;
};

static void close_conn(struct sess *s) { s->open = false; }

void sess_note(const char *what) { fprintf(stderr, "session: %s\n", what); }

int sess_run(void) {
  struct sess s = {0};
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"Negotiate", SECPKG_CRED_OUTBOUND, NULL,
                                NULL, NULL, NULL, &s.cred, NULL) != SEC_E_OK)
    return -1;
  s.open = true;
  close_conn(&s);
  return 0;
}

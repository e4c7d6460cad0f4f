// A session unit with a static conn_drop of its own that only marks the session
// closed: its credential stays held.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdbool.h>
#include <stdio.h>

struct sess {
  CredHandle cred;
  bool open;
};

static void conn_drop(struct sess *s) { s->open = false; }

void sess_note(const char *what) { fprintf(stderr, "session: %s\n", what); }

int sess_run(void) {
  struct sess s = {0};
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"Negotiate", SECPKG_CRED_OUTBOUND, NULL,
                                NULL, NULL, NULL, &s.cred, NULL) != SEC_E_OK)
    return -1;
  s.open = true;
  conn_drop(&s);
  return 0;
}

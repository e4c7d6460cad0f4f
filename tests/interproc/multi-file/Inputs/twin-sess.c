// The session side of static-twins.c: its own static close_conn only marks the
// session closed; the credential stays held.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdbool.h>

struct sess {
  CredHandle cred;
  bool open;
};

static void close_conn(struct sess *s) { s->open = false; }

int sess_run(void) {
  struct sess s = {0};
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"Negotiate", SECPKG_CRED_OUTBOUND, NULL,
                                NULL, NULL, NULL, &s.cred, NULL) != SEC_E_OK)
    return -1;
  s.open = true;
  close_conn(&s);
  return 0;
}

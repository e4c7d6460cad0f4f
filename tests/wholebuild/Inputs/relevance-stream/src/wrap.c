// The only unit that names SSPI without an error: the session's credential.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdlib.h>
#include "sess.h"

struct sess {
  CredHandle cred;
  int refs;
};

struct sess *sess_open(const wchar_t *package) {
  struct sess *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)package, SECPKG_CRED_OUTBOUND, NULL, NULL,
                                NULL, NULL, &s->cred, NULL) != SEC_E_OK) {
    free(s);
    return NULL;
  }
  s->refs = 1;
  return s;
}

void sess_close(struct sess *s) {
  FreeCredentialsHandle(&s->cred);
  free(s);
}

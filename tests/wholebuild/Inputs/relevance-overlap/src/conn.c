// The one unit found by name: it calls SSPI. The workers start on it while the others
// are still being scanned.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdlib.h>
#include "conn.h"

struct conn {
  CredHandle cred;
  bool have_cred;
};

bool conn_open(struct conn **out) {
  struct conn *c = calloc(1, sizeof *c);
  if (!c)
    return false;
  if (AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"Negotiate", SECPKG_CRED_OUTBOUND, NULL,
                                NULL, NULL, NULL, &c->cred, NULL) != SEC_E_OK) {
    free(c);
    return false;
  }
  c->have_cred = true;
  *out = c;
  return true;
}

void conn_close(struct conn *c) {
  if (c->have_cred)
    FreeCredentialsHandle(&c->cred);
  free(c);
}

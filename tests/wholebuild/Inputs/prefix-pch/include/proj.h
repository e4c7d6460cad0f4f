#ifndef PROJ_H
#define PROJ_H
#include <windows.h>
#include <stdbool.h>
#define SECURITY_WIN32
#include <sspi.h>

typedef struct session {
  CredHandle cred;
  CtxtHandle ctx;
  bool have_cred;
} session;

#define PROJ_ACQUIRE(h) \
  AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, (h), NULL)

static inline void session_drop(session *s) {
  if (s->have_cred) {
    FreeCredentialsHandle(&s->cred);
    s->have_cred = false;
  }
}
/* a probe that leaks its handle when the package is there (found in the units that
 * include this header: through their shared PCH) */
static inline bool session_probe(void) {
  CredHandle h;
  return PROJ_ACQUIRE(&h) == SEC_E_OK;
}
#endif

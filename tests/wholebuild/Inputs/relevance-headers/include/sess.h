/* A project's session header: a struct that owns a credential, an alias of the
 * context handle, a macro and an inline function around SSPI calls. */
#ifndef SESS_H
#define SESS_H
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdbool.h>

typedef struct session {
  CredHandle cred;
  bool have_cred;
  int uses;
} session;

typedef CtxtHandle SESS_CTX;

#define SESS_DROP(s) FreeCredentialsHandle(&(s)->cred)

static inline SECURITY_STATUS sess_acquire(session *s) {
  return AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"Negotiate", SECPKG_CRED_OUTBOUND,
                                   NULL, NULL, NULL, NULL, &s->cred, NULL);
}

int sess_count(const session *s);
SECURITY_STATUS sess_query(session *s, ULONG attr, void *buf);

#endif

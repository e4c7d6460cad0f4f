// RUN: %sspi-check --stats=unknown %s 2>&1 | FileCheck %s
// RUN: not %sspi-check --stats=bogus %s 2>&1 | FileCheck %s --check-prefix=BAD
// Conditions that are calls, variables and bit tests are modelled; only what truly
// has no meaning in the IR is unknown, each with its reason.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

#define HAVE_CRED 0x1
#define HAVE_CTX 0x2

typedef struct session {
  CredHandle cred;
  CtxtHandle ctx;
  unsigned flags;
  double timeout;
} session;

int pending(session *s);

void session_close(session *s) {
  if (s->flags & HAVE_CTX)
    DeleteSecurityContext(&s->ctx);
  if ((s->flags & HAVE_CRED) != 0)
    FreeCredentialsHandle(&s->cred);
  if (pending(s))
    s->flags = 0;
  if (s->timeout > 1.5)
    s->timeout = 0;
  // CHECK: stats-unknown.c:[[@LINE-2]]:7: unknown branch (float) in 'session_close'
  if (s->flags >> 4)
    s->flags = 0;
  // CHECK: stats-unknown.c:[[@LINE-2]]:7: unknown branch (bits) in 'session_close'
}
// CHECK: sspi-check: stats: units=1 functions=1 blocks={{[0-9]+}} branches=5 unknown-branches=2 capped-functions=0
// BAD: invalid value 'bogus' for '--stats'

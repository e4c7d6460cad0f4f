/* session-close.c - releases the credential of a session; forgets the context. */
#include "session.h"

void session_close(struct session *s) {
  FreeCredentialsHandle(&s->cred);
  s->have_ctx = FALSE;
}

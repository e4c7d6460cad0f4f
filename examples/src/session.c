/* session.c - an authenticated session object that owns its security context. */
#include <stdlib.h>
#include "authdemo.h"

typedef struct session {
  SOCKET sock;
  CtxtHandle ctx;
  int authenticated;
} session;

/* Correct: the context belongs to the session from here on. */
session *session_open(SOCKET s) {
  session *sess = calloc(1, sizeof *sess);
  if (!sess)
    return NULL;
  sess->sock = s;
  if (authdemo_server_handshake(s, &sess->ctx) != 0) {
    free(sess);
    return NULL;
  }
  sess->authenticated = 1;
  return sess;
}

/* Buggy: the context is deleted twice when the session was revoked earlier. */
void session_close(session *sess, int revoked) {
  if (revoked)
    DeleteSecurityContext(&sess->ctx);
  if (sess->authenticated)
    DeleteSecurityContext(&sess->ctx);
  free(sess);
}

/* Buggy: a context handle released with the credential-handle function. */
void session_abort(session *sess) {
  FreeCredentialsHandle(&sess->ctx);
  free(sess);
}

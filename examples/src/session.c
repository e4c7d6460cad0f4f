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

/* Buggy: on the error path the new context is released with FreeCredentialsHandle,
 * which releases credential handles, not contexts. */
int session_refresh(session *sess, CredHandle *cred, SecBufferDesc *token) {
  CtxtHandle fresh;
  unsigned long attrs;
  SECURITY_STATUS ss = AcceptSecurityContext(cred, NULL, token, ASC_REQ_CONFIDENTIALITY,
                                             SECURITY_NATIVE_DREP, &fresh, NULL, &attrs, NULL);
  if (ss != SEC_E_OK)
    return -1;
  if (!sess->authenticated) {
    FreeCredentialsHandle(&fresh);
    return -1;
  }
  DeleteSecurityContext(&sess->ctx);
  sess->ctx = fresh;
  return 0;
}

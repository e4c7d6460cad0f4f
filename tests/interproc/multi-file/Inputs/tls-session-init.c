#include <stdlib.h>
#include "tls-session.h"

struct tls_session *tls_session_new(int sock, ULONG extra) {
  struct tls_session *s = calloc(1, sizeof *s);
  if (!s)
    return NULL;
  s->sock = sock;
  s->req_flags = TLS_REQ_CLIENT;
  s->manual_flags = TLS_REQ_MANUAL | extra;
  return s;
}

void tls_session_free(struct tls_session *s) {
  if (s->have_ctx)
    DeleteSecurityContext(&s->ctx);
  FreeCredentialsHandle(&s->cred);
  free(s);
}

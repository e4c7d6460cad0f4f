// Closing a connection releases both of its handles.
#include "netauth.h"

void conn_close(struct conn *c) {
  DeleteSecurityContext(&c->ctx);
  na_release(&c->cred);
}

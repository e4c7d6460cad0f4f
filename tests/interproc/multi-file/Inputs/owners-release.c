/* owners-release.c - releases struct cache_entry.cred, struct tls_conn.cred and
 * struct peer.cred; struct login_session.cred is released nowhere (logout forgets it). */
#include "owners.h"

void session_logout(struct login_session *s) { DeleteSecurityContext(&s->ctx); }

void cache_evict(struct cache_entry *e) {
  FreeCredentialsHandle(&e->cred);
  e->name[0] = 0;
}

void tls_close(struct tls_conn *c) {
  FreeCredentialsHandle(&c->cred);
  closesocket(c->sock);
}

void peer_close(struct peer *p) { FreeCredentialsHandle(&p->cred); }

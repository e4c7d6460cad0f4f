// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Handles kept in arrays and released element by element in a loop: each iteration
// releases another element, not the same one again (indices are not told apart, so
// element [0] released twice is not reported either). The object a pointer points to,
// released twice, still is.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdbool.h>
#include <stdlib.h>

struct peer {
  CtxtHandle ctx;
  bool have_ctx;
};

struct server {
  CredHandle creds[4];
  unsigned ncreds;
  struct peer **peers;
  size_t npeers;
};

static void peer_free(struct peer *p) {
  if (p->have_ctx)
    DeleteSecurityContext(&p->ctx);
  free(p);
}

// Every peer of the table, then every credential kept by pointer.
void server_shutdown(struct server *srv, CredHandle *extra, unsigned nextra) {
  for (size_t i = 0; i < srv->npeers; i++)
    peer_free(srv->peers[i]);
  free(srv->peers);
  for (unsigned i = 0; i < srv->ncreds; i++)
    FreeCredentialsHandle(&srv->creds[i]);
  for (unsigned i = 0; i < nextra; i++)
    FreeCredentialsHandle(&extra[i]);
}

void release_all(CredHandle *creds, int n) {
  for (int i = 0; i < n; i++)
    FreeCredentialsHandle(creds + i);
}

// The same credential twice.
void release_twice(CredHandle *cred) {
  FreeCredentialsHandle(cred);
  FreeCredentialsHandle(cred); // CHECK: :[[@LINE]]:3: warning: credential handle '*cred' is released twice [sspi-double-release]
}

// Registers the TLS transport: its shutdown is tls_shutdown (tls.c, later in the
// database). Names CredHandle, so it is parsed in the first wave, with tls.c.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include "transport.h"

void tls_shutdown(void *conn);
int tls_open(void *conn);

CredHandle transport_default_cred;

void transport_register(struct transport_ops *ops) {
  ops->open = tls_open;
  ops->shutdown = tls_shutdown;
}

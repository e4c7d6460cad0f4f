// The TLS transport: tls_shutdown releases the connection's credential.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct tls_conn {
  CredHandle cred;
  int open;
};

int tls_open(void *conn) {
  struct tls_conn *c = conn;
  c->open = 1;
  return 0;
}

void tls_shutdown(void *conn) {
  struct tls_conn *c = conn;
  if (c->open)
    FreeCredentialsHandle(&c->cred);
  c->open = 0;
}

// tlsw: a small blocking TLS-over-Schannel wrapper (the shape of the OpenSSL-free TLS
// layers of scripting-language runtimes and of libraries such as tls_sspi): one struct
// per connection, flags saying what it holds.
#ifndef TLSW_H
#define TLSW_H
#define SECURITY_WIN32
#include <winsock2.h>
#include <windows.h>
#include <schannel.h>
#include <sspi.h>
#include <stddef.h>

struct tlsw {
  SOCKET s;
  CredHandle cred;
  CtxtHandle ctx;
  BOOL have_cred;
  BOOL have_ctx;
  SecPkgContext_StreamSizes sizes;
  char host[256];
  unsigned char in[16384];
  size_t inlen;
};

int tlsw_init(struct tlsw *t, SOCKET s, const char *host);
int tlsw_handshake(struct tlsw *t);
int tlsw_write(struct tlsw *t, const void *buf, size_t len);
int tlsw_read(struct tlsw *t, void *buf, size_t len);
int tlsw_shutdown(struct tlsw *t);
void tlsw_free(struct tlsw *t);
wchar_t *tlsw_local_user(struct tlsw *t);
#endif

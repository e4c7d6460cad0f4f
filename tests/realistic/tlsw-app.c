// A program and the TLS wrapper library it uses, checked together (the library is
// Inputs/tlsw-core.c, whose expectations use the CORE prefix). Ground truth, 2 bugs here:
//   fetch: a failed handshake returns without tlsw_free, leaking the credential
//     (sspi-credential-leak).
//   fetch_and_quit: writes after tlsw_shutdown deleted the context
//     (sspi-use-after-release).
// RUN: not %sspi-check %s %S/Inputs/tlsw-core.c > %t.both 2>&1
// RUN: { grep 'tlsw-app.c:' %t.both || true; } | FileCheck %s --implicit-check-not=warning:
// RUN: { grep 'tlsw-core.c:' %t.both || true; } | FileCheck %S/Inputs/tlsw-core.c --check-prefix=CORE --implicit-check-not=warning:
// The other order of the units gives the same findings.
// RUN: not %sspi-check %S/Inputs/tlsw-core.c %s > %t.rev 2>&1
// RUN: diff <(sort %t.both) <(sort %t.rev)
// Alone, the library calls are unknown code: the handles escape into them.
// RUN: %sspi-check %s 2>&1 | count 0
#include "Inputs/tlsw.h"
#include <stdio.h>
#include <wchar.h>

extern SOCKET tcp_connect(const char *host, int port);

static const char request[] = "GET / HTTP/1.0\r\n\r\n";

int fetch(const char *host, char *out, size_t outlen) {
  struct tlsw t;
  SOCKET s = tcp_connect(host, 443);
  int n;
  if (s == INVALID_SOCKET)
    return -1;
  if (tlsw_init(&t, s, host) != 0) {
    closesocket(s);
    return -1;
  }
  if (tlsw_handshake(&t) != 0) {
    closesocket(s);
    return -1;
    // BUG: t.cred is still held.
    // CHECK: tlsw-app.c:[[@LINE-2]]:5: warning: credential handle 't.cred' is not released when the function returns [sspi-credential-leak]
  }
  n = tlsw_write(&t, request, sizeof request - 1);
  if (n > 0)
    n = tlsw_read(&t, out, outlen);
  tlsw_shutdown(&t);
  tlsw_free(&t);
  closesocket(s);
  return n;
}

int fetch_logged(const char *host, char *out, size_t outlen) {
  struct tlsw t;
  wchar_t *user;
  int n = -1;
  SOCKET s = tcp_connect(host, 443);
  if (s == INVALID_SOCKET)
    return -1;
  if (tlsw_init(&t, s, host) != 0)
    goto done;
  user = tlsw_local_user(&t);
  if (user != NULL) {
    fwprintf(stderr, L"connecting as %ls\n", user);
    free(user);
  }
  if (tlsw_handshake(&t) != 0)
    goto done;
  n = tlsw_write(&t, request, sizeof request - 1);
  if (n > 0)
    n = tlsw_read(&t, out, outlen);
  tlsw_shutdown(&t);
done:
  tlsw_free(&t);
  closesocket(s);
  return n;
}

int fetch_and_quit(const char *host) {
  struct tlsw t;
  SOCKET s = tcp_connect(host, 443);
  if (s == INVALID_SOCKET)
    return -1;
  if (tlsw_init(&t, s, host) != 0) {
    closesocket(s);
    return -1;
  }
  if (tlsw_handshake(&t) == 0) {
    tlsw_write(&t, request, sizeof request - 1);
    tlsw_shutdown(&t);
    tlsw_write(&t, "QUIT\r\n", 6);
    // BUG: the context was deleted by tlsw_shutdown.
    // CHECK: tlsw-app.c:[[@LINE-2]]:5: warning: context handle 't.ctx' is used by 'tlsw_write' after it was released [sspi-use-after-release]
  }
  tlsw_free(&t);
  closesocket(s);
  return 0;
}

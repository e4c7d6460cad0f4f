/* authdemo.h - a small Negotiate (Kerberos/NTLM) client and server over a socket-like
 * transport, the kind of code sspi-check is meant for. */
#ifndef AUTHDEMO_H
#define AUTHDEMO_H

#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

#define AUTHDEMO_PACKAGE L"Negotiate"
#define AUTHDEMO_MAX_TOKEN 12288

/* The transport: length-prefixed messages (transport.c is not part of the demo). */
int transport_send(SOCKET s, const void *data, unsigned long len);
int transport_recv(SOCKET s, void *data, unsigned long cap, unsigned long *len);

/* creds.c */
SECURITY_STATUS authdemo_acquire_client_creds(CredHandle *out, const wchar_t *user_hint);
SECURITY_STATUS authdemo_acquire_server_creds(CredHandle *out);
void authdemo_log_packages(void);

/* client.c */
int authdemo_client_handshake(SOCKET s, const wchar_t *spn, CtxtHandle *ctx_out);

/* server.c */
int authdemo_server_handshake(SOCKET s, CtxtHandle *ctx_out);
int authdemo_server_whoami(CtxtHandle *ctx, wchar_t *name, size_t cap);

#endif

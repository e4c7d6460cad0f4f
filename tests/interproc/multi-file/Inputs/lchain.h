/* lchain.h - acquisition and release wrapped five units deep, as layered network code
 * does: app (long-chain.c) -> svc (lchain-1.c) -> transport (lchain-2.c) -> auth
 * (lchain-3.c) -> sec (lchain-4.c) -> cred store (lchain-5.c) -> SSPI. */
#ifndef LCHAIN_H
#define LCHAIN_H
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdbool.h>

typedef struct svc_conn {
  CredHandle cred;
  bool have_cred;
  int sock;
} svc_conn;

bool svc_connect(svc_conn *c, const wchar_t *host);
void svc_close(svc_conn *c);
int tr_open(CredHandle *cred, const wchar_t *package);
void tr_close(CredHandle *cred);
SECURITY_STATUS auth_acquire(CredHandle *cred, const wchar_t *package);
void auth_release(CredHandle *cred);
SECURITY_STATUS sec_get_cred(CredHandle *cred, const wchar_t *package);
void sec_put_cred(CredHandle *cred);
SECURITY_STATUS store_acquire(CredHandle *cred, const wchar_t *package);
void store_release(CredHandle *cred);

#endif

/* chain.h - a wrapper chain spread over three units: net_login (chain-1.c) ->
 * net_acquire (chain-2.c) -> sec_acquire (chain-3.c) -> AcquireCredentialsHandleW. */
#ifndef CHAIN_H
#define CHAIN_H
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

int net_login(CredHandle *out);
SECURITY_STATUS net_acquire(CredHandle *out);
SECURITY_STATUS sec_acquire(const wchar_t *package, CredHandle *out);
void net_logout(CredHandle *h);

#endif

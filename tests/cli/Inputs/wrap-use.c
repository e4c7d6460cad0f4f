// Uses the wrappers of wrap-acquire.c; leaks when the peer is not ready.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

SECURITY_STATUS open_creds(CredHandle *out);
void close_creds(CredHandle *cred);
int peer_ready(void);

int start(void) {
  CredHandle cred;
  if (open_creds(&cred) != SEC_E_OK)
    return -1;
  if (!peer_ready())
    return -1;
  close_creds(&cred);
  return 0;
}

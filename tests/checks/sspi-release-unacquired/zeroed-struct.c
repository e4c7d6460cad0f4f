// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// A peer struct zeroed as a whole, a setup helper that acquires into its member, and a
// cleanup that releases the member whatever happened: when the acquisition failed, the
// member is still the zero handle, and releasing it does nothing. Without the zeroing,
// the member is garbage on that path.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

typedef struct peer {
  CredHandle cred;
  CtxtHandle ctx;
  const wchar_t *package;
} peer;

static SECURITY_STATUS peer_setup(peer *p) {
  TimeStamp ts;
  return AcquireCredentialsHandleW(NULL, (wchar_t *)p->package, SECPKG_CRED_OUTBOUND, NULL, NULL,
                                   NULL, NULL, &p->cred, &ts);
}

int run_exchange(const wchar_t *pkg) {
  peer client = {{0}};
  client.package = pkg;
  if (peer_setup(&client) != SEC_E_OK) {
    FreeCredentialsHandle(&client.cred); /* the zero handle: harmless */
    return -1;
  }
  FreeCredentialsHandle(&client.cred);
  return 0;
}

int run_exchange_garbage(const wchar_t *pkg) {
  peer client;
  client.package = pkg;
  if (peer_setup(&client) != SEC_E_OK) {
    FreeCredentialsHandle(&client.cred);
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'client.cred' is released but its acquisition failed [sspi-release-unacquired]
    return -1;
  }
  FreeCredentialsHandle(&client.cred);
  return 0;
}

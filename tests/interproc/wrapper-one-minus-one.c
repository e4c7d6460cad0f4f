// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// A wrapper that returns 1 on success and -1 on failure, tested by its callers with
// != -1 (or == 1, or > 0): the wrapper's summary keeps the values it returns (-1..1
// without 0), so every one of these tests tells success from failure.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

typedef struct client {
  CredHandle cred;
  int verbose;
} client;

static int client_cred(client *c, const wchar_t *pkg) {
  TimeStamp ts;
  if (AcquireCredentialsHandleW(NULL, (wchar_t *)pkg, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &c->cred, &ts) != SEC_E_OK)
    return -1;
  return 1;
}

int client_probe(const wchar_t *pkg) {
  client c = {0};
  if (client_cred(&c, pkg) != -1)
    FreeCredentialsHandle(&c.cred);
  return 0;
}

int client_probe_positive(const wchar_t *pkg) {
  client c = {0};
  if (client_cred(&c, pkg) > 0)
    FreeCredentialsHandle(&c.cred);
  return 0;
}

int client_probe_leaky(const wchar_t *pkg, int dry_run) {
  client c = {0};
  if (client_cred(&c, pkg) != -1) {
    if (dry_run)
      return 1;
    // CHECK: :[[@LINE-1]]:7: warning: credential handle 'c.cred' is not released when the function returns [sspi-credential-leak]
    // CHECK-NEXT: :[[@LINE-4]]:7: note: credential handle acquired here by 'client_cred'
    FreeCredentialsHandle(&c.cred);
  }
  return 0;
}

// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// A stale "valid" flag lets a released credential be used again.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct client {
  CredHandle cred;
  BOOL cred_valid;
};

void client_reset(struct client *c) {
  if (c->cred_valid)
    FreeCredentialsHandle(&c->cred);
  /* missing: c->cred_valid = FALSE; */
  if (c->cred_valid) {
    SecPkgCredentials_NamesW names;
    if (QueryCredentialsAttributesW(&c->cred, SECPKG_CRED_ATTR_NAMES, &names) == SEC_E_OK)
      // CHECK: :[[@LINE-1]]:9: warning: credential handle 'c->cred' is used by 'QueryCredentialsAttributesW' after it was released [sspi-use-after-release]
      // CHECK: :[[@LINE-6]]:5: note: released here
      FreeContextBuffer(names.sUserName);
  }
}

// Correct: the flag is cleared with the release.
void client_reset_fixed(struct client *c) {
  if (c->cred_valid) {
    FreeCredentialsHandle(&c->cred);
    c->cred_valid = FALSE;
  }
  if (c->cred_valid) {
    SecPkgCredentials_NamesW names;
    if (QueryCredentialsAttributesW(&c->cred, SECPKG_CRED_ATTR_NAMES, &names) == SEC_E_OK)
      FreeContextBuffer(names.sUserName);
  }
}

// Correct: released, re-acquired, then used: a new handle.
int client_renew(struct client *c) {
  SecPkgCredentials_NamesW names;
  FreeCredentialsHandle(&c->cred);
  c->cred_valid = FALSE;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &c->cred, NULL) != SEC_E_OK)
    return -1;
  c->cred_valid = TRUE;
  if (QueryCredentialsAttributesW(&c->cred, SECPKG_CRED_ATTR_NAMES, &names) == SEC_E_OK)
    FreeContextBuffer(names.sUserName);
  return 0;
}

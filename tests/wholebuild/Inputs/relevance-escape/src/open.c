// Acquires credentials into members of a caller's struct; no unit releases them.
#include "conn.h"

int conn_open(struct conn *c) {
  return AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"NTLM", SECPKG_CRED_OUTBOUND, NULL,
                                   NULL, NULL, NULL, &c->cred, NULL) == SEC_E_OK ? 0 : -1;
}

int peer_open(struct peer *p) {
  return AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"NTLM", SECPKG_CRED_OUTBOUND, NULL,
                                   NULL, NULL, NULL, &p->cred, NULL) == SEC_E_OK ? 0 : -1;
}

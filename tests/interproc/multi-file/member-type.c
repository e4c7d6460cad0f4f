// Member ownership is per struct type and member: a release of `struct cache_entry.cred`
// in another unit does not release `struct login_session.cred`. The release of
// `struct tls_conn.cred` does release it; a typedef spelling (PPEER) is not told apart
// from the struct it names, so it matches by member name (silent).
// RUN: not %sspi-check %s %S/Inputs/owners-release.c 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not %sspi-check %S/Inputs/owners-release.c %s 2>&1 | FileCheck %s --implicit-check-not=warning:
#include "Inputs/owners.h"

int session_login(struct login_session *s) {
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &s->cred, NULL) != SEC_E_OK)
    // CHECK: member-type.c:[[@LINE-2]]:7: warning: credential handle 's->cred' is stored in 'struct login_session.cred', which no function releases [sspi-credential-leak]
    // CHECK-NEXT: member-type.c:[[@LINE-3]]:7: note: no function in the program releases 'struct login_session.cred'
    return -1;
  return 0;
}

int cache_fill(struct cache_entry *e) {
  if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &e->cred, NULL) != SEC_E_OK)
    return -1;
  return 0;
}

int tls_open(struct tls_conn *c) {
  if (AcquireCredentialsHandleW(NULL, L"Microsoft Unified Security Protocol Provider",
                                SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, &c->cred,
                                NULL) != SEC_E_OK)
    return -1;
  return 0;
}

int peer_open(PPEER p) {
  if (AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_INBOUND, NULL, NULL, NULL, NULL,
                                &p->cred, NULL) != SEC_E_OK)
    return -1;
  return 0;
}

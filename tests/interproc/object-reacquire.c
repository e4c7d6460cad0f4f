// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// A negotiation object set up by an init function that fails half way: it queries the
// package (its SecPkgInfo goes into the object), then acquires credentials, and returns
// -1 both before and after the query. Where it returns 1 the caller knows both are held
// (its summary: "acquire ... else-unknown"); where it returns -1 nothing is said. A
// fallback that queries another package into the same member loses the first buffer,
// even though the member is the caller's: it was acquired here and never handed on.
#define SECURITY_WIN32
#include <stdbool.h>
#include <windows.h>
#include <sspi.h>

struct nego {
  PSecPkgInfoW pkg;
  ULONG max_token;
  CredHandle cred;
  CtxtHandle ctx;
  SecBufferDesc out_desc;
  SecBuffer out_buf;
  ULONG attrs;
  SECURITY_STATUS status;
  int state;
};

extern bool nego_prepare(int *state);
extern void nego_log(const char *what, SECURITY_STATUS st);
extern void nego_register_package(PSecPkgInfoW pkg);
extern void nego_keep_credentials(PCredHandle cred);

static int nego_init(struct nego *n) {
  if (!nego_prepare(&n->state))
    return -1;
  n->status = QuerySecurityPackageInfoW(L"Negotiate", &n->pkg);
  if (n->status != SEC_E_OK)
    return -1;
  n->max_token = n->pkg->cbMaxToken;
  n->status = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL,
                                        NULL, NULL, &n->cred, NULL);
  if (n->status != SEC_E_OK)
    return -1; // n->pkg stays for nego_free
  return 1;
}

void nego_free(struct nego *n) {
  if (n->pkg)
    FreeContextBuffer(n->pkg);
  n->pkg = NULL;
  if (SecIsValidHandle(&n->ctx))
    DeleteSecurityContext(&n->ctx);
  if (SecIsValidHandle(&n->cred))
    FreeCredentialsHandle(&n->cred);
}

// The fallback to NTLM queries its package into n->pkg over the first one.
int nego_begin(struct nego *n) {
  if (nego_init(n) < 1)
    return -1;
  if (n->state != 0)
    return -1;
  n->out_desc.ulVersion = SECBUFFER_VERSION;
  n->out_desc.cBuffers = 1;
  n->out_desc.pBuffers = &n->out_buf; // points into the object itself: nothing leaves it
  n->status = InitializeSecurityContextW(&n->cred, NULL, L"host/server", 0, 0,
                                         SECURITY_NATIVE_DREP, NULL, 0, &n->ctx, &n->out_desc,
                                         &n->attrs, NULL);
  nego_log("InitializeSecurityContext", n->status);
  if (n->status == SEC_E_NO_CREDENTIALS) {
    if (QuerySecurityPackageInfoW(L"NTLM", &n->pkg) != SEC_E_OK)
      // CHECK: object-reacquire.c:[[@LINE-1]]:9: warning: SSPI-allocated buffer 'n->pkg' is overwritten by a new acquisition while still held [sspi-buffer-leak]
      // CHECK-NEXT: object-reacquire.c:[[@LINE-14]]:7: note: SSPI-allocated buffer acquired here by 'nego_init'
      return -1;
    n->max_token = n->pkg->cbMaxToken;
  }
  return 1;
}

// Correct: the first package's buffer is freed before the second query.
int nego_begin_frees(struct nego *n) {
  if (nego_init(n) < 1)
    return -1;
  n->status = InitializeSecurityContextW(&n->cred, NULL, L"host/server", 0, 0,
                                         SECURITY_NATIVE_DREP, NULL, 0, &n->ctx, NULL,
                                         &n->attrs, NULL);
  if (n->status == SEC_E_NO_CREDENTIALS) {
    FreeContextBuffer(n->pkg);
    if (QuerySecurityPackageInfoW(L"NTLM", &n->pkg) != SEC_E_OK)
      return -1;
    n->max_token = n->pkg->cbMaxToken;
  }
  return 1;
}

// Passed to code sspi-check cannot see, a buffer is only borrowed (rules: on-unknown-call:
// borrow): the overwrite still loses it.
int nego_begin_logged(struct nego *n) {
  if (nego_init(n) < 1)
    return -1;
  nego_register_package(n->pkg);
  if (QuerySecurityPackageInfoW(L"NTLM", &n->pkg) != SEC_E_OK)
    // CHECK: object-reacquire.c:[[@LINE-1]]:7: warning: SSPI-allocated buffer 'n->pkg' is overwritten by a new acquisition while still held [sspi-buffer-leak]
    return -1;
  return 1;
}

// Not reported: a credential handed to code sspi-check cannot see may be kept there
// (rules: on-unknown-call: escape), so acquiring over it loses nothing of ours.
int nego_begin_handed_on(struct nego *n) {
  if (nego_init(n) < 1)
    return -1;
  nego_keep_credentials(&n->cred);
  if (AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &n->cred, NULL) != SEC_E_OK)
    return -1;
  return 1;
}

// Not reported: where nego_init failed, whether it queried the package is not known.
int nego_retry(struct nego *n) {
  if (nego_init(n) >= 1)
    return 1;
  if (QuerySecurityPackageInfoW(L"Kerberos", &n->pkg) != SEC_E_OK)
    return -1;
  return 0;
}

// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Cleanup of handles that were explicitly set empty is fine (the providers reject the
// empty handle); cleanup of garbage or of a failed handle is not.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <string.h>

extern int do_work(void);

// The flag is set before the acquisition result is known.
int flag_set_before_test(void) {
  CredHandle cred;
  BOOL have_cred = TRUE;
  int rc = -1;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) < 0)
    goto out;
  rc = do_work();
out:
  if (have_cred)
    FreeCredentialsHandle(&cred);
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is released but its acquisition failed [sspi-release-unacquired]
  // CHECK: :[[@LINE-8]]:7: note: acquisition failed on this path
  return rc;
}

// Correct by convention: zero-initialised, released unconditionally. On the paths
// that skipped or failed the acquisition the handle is still all zero.
int zeroed_release_always(int skip) {
  CredHandle cred = { 0 };
  int rc = 0;
  if (!skip && AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL,
                                         NULL, NULL, &cred, NULL) == SEC_E_OK)
    rc = do_work();
  FreeCredentialsHandle(&cred);
  return rc;
}

// Correct by convention: SecInvalidateHandle, then an unconditional release on a path
// that never acquired.
void invalidated_release(int skip) {
  CtxtHandle ctx;
  SecInvalidateHandle(&ctx);
  if (skip) {
    DeleteSecurityContext(&ctx);
    return;
  }
}

// Correct by convention: memset.
void memset_release(void) {
  CredHandle cred;
  memset(&cred, 0, sizeof cred);
  FreeCredentialsHandle(&cred);
}

// Correct: SecIsValidHandle guard.
int valid_guard(void) {
  CredHandle cred;
  int rc = -1;
  SecInvalidateHandle(&cred);
  if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) == SEC_E_OK)
    rc = do_work();
  if (SecIsValidHandle(&cred))
    FreeCredentialsHandle(&cred);
  return rc;
}

// Correct: a NULL-initialised output token checked before FreeContextBuffer on the
// failure path (Schannel may return an alert token with ISC_REQ_EXTENDED_ERROR).
int alert_token_cleanup(PCredHandle cred, PCtxtHandle ctx, const wchar_t *host) {
  SecBuffer out[1];
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, out };
  ULONG attrs;
  SECURITY_STATUS ss;
  out[0].BufferType = SECBUFFER_TOKEN;
  out[0].pvBuffer = NULL;
  out[0].cbBuffer = 0;
  ss = InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)host,
                                  ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_EXTENDED_ERROR |
                                      ISC_REQ_STREAM | ISC_REQ_CONFIDENTIALITY,
                                  0, 0, NULL, 0, ctx, &outDesc, &attrs, NULL);
  if (out[0].pvBuffer != NULL) {
    FreeContextBuffer(out[0].pvBuffer);
    out[0].pvBuffer = NULL;
  }
  return FAILED(ss) ? -1 : 0;
}

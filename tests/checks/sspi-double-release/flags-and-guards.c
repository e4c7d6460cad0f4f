// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Guards that do not change after the release.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int do_work(PCredHandle cred);

// The flag is not cleared after the early release.
int flag_not_cleared(int retire_early) {
  CredHandle cred;
  BOOL have_cred = FALSE;
  int rc = -1;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    goto out;
  have_cred = TRUE;
  if (retire_early)
    FreeCredentialsHandle(&cred);
  rc = 0;
out:
  if (have_cred)
    FreeCredentialsHandle(&cred);
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-11]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  // CHECK: :[[@LINE-7]]:5: note: first released here
  return rc;
}

// SecIsValidHandle after the release: DeleteSecurityContext does not invalidate the
// caller's copy of the handle.
void valid_test_after_release(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  SecInvalidateHandle(&ctx);
  if (AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &ctx, out,
                            &attrs, NULL) != SEC_E_OK)
    return;
  DeleteSecurityContext(&ctx);
  if (SecIsValidHandle(&ctx))
    DeleteSecurityContext(&ctx);
  // CHECK: :[[@LINE-1]]:5: warning: context handle 'ctx' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-7]]:7: note: context handle acquired here by 'AcceptSecurityContext'
  // CHECK: :[[@LINE-5]]:3: note: first released here
}

// Correct: the flag is cleared.
int flag_cleared(int retire_early) {
  CredHandle cred;
  BOOL have_cred = FALSE;
  int rc = -1;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    goto out;
  have_cred = TRUE;
  if (retire_early) {
    FreeCredentialsHandle(&cred);
    have_cred = FALSE;
  }
  rc = 0;
out:
  if (have_cred)
    FreeCredentialsHandle(&cred);
  return rc;
}

// Correct: invalidated after the release.
void invalidate_after_release(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  SecInvalidateHandle(&ctx);
  if (AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &ctx, out,
                            &attrs, NULL) != SEC_E_OK)
    return;
  DeleteSecurityContext(&ctx);
  SecInvalidateHandle(&ctx);
  if (SecIsValidHandle(&ctx))
    DeleteSecurityContext(&ctx);
}

// Correct: the pointer is cleared after FreeContextBuffer.
void null_after_free(void) {
  ULONG count;
  PSecPkgInfoW pkgs = NULL;
  if (EnumerateSecurityPackagesW(&count, &pkgs) != SEC_E_OK)
    return;
  if (count == 0) {
    FreeContextBuffer(pkgs);
    pkgs = NULL;
  }
  if (pkgs != NULL)
    FreeContextBuffer(pkgs);
}

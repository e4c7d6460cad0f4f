// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Error paths that jump one rung too high and release what they do not hold.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int send_token(const void *data, unsigned long len);

// A failed AcquireCredentialsHandleW jumps to the rung that frees the credential.
int ladder_failed_cred(const wchar_t *spn) {
  CredHandle cred;
  CtxtHandle ctx;
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  int rc = -1;

  if (FAILED(AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL,
                                       NULL, NULL, &cred, NULL)))
    goto free_cred;             /* should be "out" */
  if (InitializeSecurityContextW(&cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &ctx, &outDesc, &attrs,
                                 NULL) < 0)
    goto free_cred;
  rc = send_token(out.pvBuffer, out.cbBuffer);
  DeleteSecurityContext(&ctx);
free_cred:
  FreeCredentialsHandle(&cred);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is released but its acquisition failed [sspi-release-unacquired]
  // CHECK: :[[@LINE-12]]:14: note: acquisition failed on this path
  return rc;
}

// A failed InitializeSecurityContextW jumps to the rung that deletes the context.
int ladder_failed_ctx(PCredHandle cred, const wchar_t *spn) {
  CtxtHandle ctx;
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  int rc = -1;

  if (InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &ctx, &outDesc, &attrs,
                                 NULL) < 0)
    goto delete_ctx;            /* should be "out" */
  rc = send_token(out.pvBuffer, out.cbBuffer);
delete_ctx:
  DeleteSecurityContext(&ctx);
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'ctx' is released but its acquisition failed [sspi-release-unacquired]
  // CHECK: :[[@LINE-8]]:7: note: acquisition failed on this path
  return rc;
}

// The first failure skips the context creation: the cleanup deletes an
// uninitialised handle.
int ladder_uninitialised(const wchar_t *spn, PSecBufferDesc out) {
  CredHandle cred;
  CtxtHandle ctx;
  ULONG attrs;
  int rc = -1;

  if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return -1;
  if (spn == NULL)
    goto cleanup;
  if (InitializeSecurityContextW(&cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &ctx, out, &attrs, NULL) >= 0)
    rc = 0;
  else
    goto cleanup_cred;
cleanup:
  DeleteSecurityContext(&ctx);
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'ctx' is released but was never acquired [sspi-release-unacquired]
cleanup_cred:
  FreeCredentialsHandle(&cred);
  return rc;
}

// Correct: each failure jumps below the rung of what it failed to acquire.
int ladder_fixed(const wchar_t *spn) {
  CredHandle cred;
  CtxtHandle ctx;
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  int rc = -1;

  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    goto out;
  if (InitializeSecurityContextW(&cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &ctx, &outDesc, &attrs,
                                 NULL) < 0)
    goto free_cred;
  rc = send_token(out.pvBuffer, out.cbBuffer);
  DeleteSecurityContext(&ctx);
free_cred:
  FreeCredentialsHandle(&cred);
out:
  return rc;
}

// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Cleanup ladders around a credential and a context.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int send_token(const void *data, unsigned long len);

// The size query failure jumps past delete_ctx.
int sign_hello(const wchar_t *spn) {
  CredHandle cred;
  CtxtHandle ctx;
  SecPkgContext_Sizes sizes;
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  int rc = -1;

  if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    goto out;
  if (InitializeSecurityContextW(&cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_INTEGRITY, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &ctx, &outDesc, &attrs,
                                 NULL) < 0)
    goto free_cred;
  if (QueryContextAttributesW(&ctx, SECPKG_ATTR_SIZES, &sizes) != SEC_E_OK)
    goto free_cred;             /* should be delete_ctx */
  rc = send_token(out.pvBuffer, out.cbBuffer);
delete_ctx:
  DeleteSecurityContext(&ctx);
free_cred:
  FreeCredentialsHandle(&cred);
out:
  return rc;
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
  // CHECK: :[[@LINE-14]]:7: note: context handle acquired here by 'InitializeSecurityContextW'
}

// Correct ladder.
int sign_hello_fixed(const wchar_t *spn) {
  CredHandle cred;
  CtxtHandle ctx;
  SecPkgContext_Sizes sizes;
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  int rc = -1;

  if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    goto out;
  if (InitializeSecurityContextW(&cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_INTEGRITY, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &ctx, &outDesc, &attrs,
                                 NULL) < 0)
    goto free_cred;
  if (QueryContextAttributesW(&ctx, SECPKG_ATTR_SIZES, &sizes) != SEC_E_OK)
    goto delete_ctx;
  rc = send_token(out.pvBuffer, out.cbBuffer);
delete_ctx:
  DeleteSecurityContext(&ctx);
free_cred:
  FreeCredentialsHandle(&cred);
out:
  return rc;
}

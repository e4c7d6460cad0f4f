// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Cleanup rungs with the release functions swapped.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int send_token(const void *data, unsigned long len);

int swapped_rungs(const wchar_t *spn) {
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
  FreeCredentialsHandle(&ctx);
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'ctx' is released with 'FreeCredentialsHandle', which releases credential handles [sspi-mismatched-release]
  // CHECK: :[[@LINE-7]]:7: note: context handle acquired here by 'InitializeSecurityContextW'
free_cred:
  DeleteSecurityContext(&cred);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is released with 'DeleteSecurityContext', which releases context handles [sspi-mismatched-release]
  // CHECK: :[[@LINE-14]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
out:
  return rc;
}

// Correct.
int matching_rungs(const wchar_t *spn) {
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

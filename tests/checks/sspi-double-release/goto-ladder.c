// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// An error branch releases, then falls into the common cleanup that releases again.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int send_token(const void *data, unsigned long len);

int first_leg(const wchar_t *spn) {
  CredHandle cred;
  CtxtHandle ctx;
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  int rc = -1;

  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return -1;
  if (InitializeSecurityContextW(&cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &ctx, &outDesc, &attrs,
                                 NULL) < 0)
    goto free_cred;
  if (send_token(out.pvBuffer, out.cbBuffer) != 0) {
    DeleteSecurityContext(&ctx);
    goto delete_ctx;            /* falls into a second DeleteSecurityContext */
  }
  rc = 0;
delete_ctx:
  DeleteSecurityContext(&ctx);
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'ctx' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-12]]:7: note: context handle acquired here by 'InitializeSecurityContextW'
  // CHECK: :[[@LINE-8]]:5: note: first released here
free_cred:
  FreeCredentialsHandle(&cred);
  return rc;
}

int audit_names(PCtxtHandle ctx, int (*audit)(const wchar_t *)) {
  SecPkgContext_NamesW names;
  int rc = -1;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &names) != SEC_E_OK)
    goto out;
  if (audit(names.sUserName) != 0) {
    FreeContextBuffer(names.sUserName);
    goto free_names;
  }
  rc = 0;
free_names:
  FreeContextBuffer(names.sUserName);
  // CHECK: :[[@LINE-1]]:3: warning: SSPI-allocated buffer 'names.sUserName' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-10]]:7: note: SSPI-allocated buffer acquired here by 'QueryContextAttributesW'
  // CHECK: :[[@LINE-8]]:5: note: first released here
out:
  return rc;
}

// Correct: each rung releases one thing once.
int first_leg_fixed(const wchar_t *spn) {
  CredHandle cred;
  CtxtHandle ctx;
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  int rc = -1;

  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return -1;
  if (InitializeSecurityContextW(&cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &ctx, &outDesc, &attrs,
                                 NULL) < 0)
    goto free_cred;
  if (send_token(out.pvBuffer, out.cbBuffer) != 0)
    goto delete_ctx;
  rc = 0;
delete_ctx:
  DeleteSecurityContext(&ctx);
free_cred:
  FreeCredentialsHandle(&cred);
  return rc;
}

// Correct: the error branch frees and leaves.
int audit_names_fixed(PCtxtHandle ctx, int (*audit)(const wchar_t *)) {
  SecPkgContext_NamesW names;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &names) != SEC_E_OK)
    return -1;
  if (audit(names.sUserName) != 0) {
    FreeContextBuffer(names.sUserName);
    return -1;
  }
  FreeContextBuffer(names.sUserName);
  return 0;
}

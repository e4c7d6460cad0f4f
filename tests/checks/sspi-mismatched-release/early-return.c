// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// The wrong release function for the handle's origin.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

extern int send_token(const void *data, unsigned long len);

// A context released with FreeCredentialsHandle.
int context_freed_as_credential(PCredHandle cred, const wchar_t *spn) {
  CtxtHandle ctx;
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  int rc;
  if (InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &ctx, &outDesc, &attrs,
                                 NULL) < 0)
    return -1;
  rc = send_token(out.pvBuffer, out.cbBuffer);
  FreeCredentialsHandle(&ctx);
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'ctx' is released with 'FreeCredentialsHandle', which releases credential handles [sspi-mismatched-release]
  // CHECK: :[[@LINE-7]]:7: note: context handle acquired here by 'InitializeSecurityContextW'
  return rc;
}

// A credential released with DeleteSecurityContext.
void credential_deleted_as_context(void) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return;
  DeleteSecurityContext(&cred);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is released with 'DeleteSecurityContext', which releases context handles [sspi-mismatched-release]
  // CHECK: :[[@LINE-5]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
}

// FreeContextBuffer on the address of a credential handle.
void credential_freed_as_buffer(void) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return;
  FreeContextBuffer(&cred);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is released with 'FreeContextBuffer', which releases SSPI-allocated buffers [sspi-mismatched-release]
  // CHECK: :[[@LINE-5]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
}

// A names buffer passed to FreeCredentialsHandle.
void buffer_freed_as_credential(PCtxtHandle ctx) {
  SecPkgContext_NamesW names;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &names) != SEC_E_OK)
    return;
  FreeCredentialsHandle((PCredHandle)names.sUserName);
  // CHECK: :[[@LINE-1]]:3: warning: SSPI-allocated buffer 'names.sUserName' is released with 'FreeCredentialsHandle', which releases credential handles [sspi-mismatched-release]
  // CHECK: :[[@LINE-4]]:7: note: SSPI-allocated buffer acquired here by 'QueryContextAttributesW'
}

// The origin decides, not the C type: a context kept in a CredHandle variable.
void context_in_credhandle_variable(PCredHandle cred, PSecBufferDesc in, PSecBufferDesc out) {
  CredHandle h;                 /* same struct as CtxtHandle */
  ULONG attrs;
  if (AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &h, out,
                            &attrs, NULL) < 0)
    return;
  FreeCredentialsHandle(&h);
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'h' is released with 'FreeCredentialsHandle', which releases credential handles [sspi-mismatched-release]
  // CHECK: :[[@LINE-5]]:7: note: context handle acquired here by 'AcceptSecurityContext'
}

// Correct: a context kept in a CredHandle variable, deleted as a context.
void context_in_credhandle_variable_fixed(PCredHandle cred, PSecBufferDesc in,
                                          PSecBufferDesc out) {
  CredHandle h;
  ULONG attrs;
  if (AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP, &h, out,
                            &attrs, NULL) < 0)
    return;
  DeleteSecurityContext(&h);
}

// Correct: generic SecHandle variables released by origin.
void sechandle_pair(const wchar_t *spn, PSecBufferDesc out) {
  SecHandle cred, ctx;
  ULONG attrs;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return;
  if (InitializeSecurityContextW(&cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &ctx, out, &attrs, NULL) >= 0)
    DeleteSecurityContext(&ctx);
  FreeCredentialsHandle(&cred);
}

// Correct: buffers with FreeContextBuffer.
void buffers_freed_correctly(PCtxtHandle ctx) {
  SecPkgContext_NamesW names;
  PSecPkgInfoW info;
  if (QueryContextAttributesW(ctx, SECPKG_ATTR_NAMES, &names) == SEC_E_OK)
    FreeContextBuffer(names.sUserName);
  if (QuerySecurityPackageInfoW(L"Negotiate", &info) == SEC_E_OK)
    FreeContextBuffer(info);
}

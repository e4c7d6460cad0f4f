// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// The FreeCredentialHandle alias used on a context.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

void alias_on_context(PCredHandle cred, const wchar_t *spn, PSecBufferDesc out) {
  CtxtHandle ctx;
  ULONG attrs;
  if (InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                 SECURITY_NATIVE_DREP, NULL, 0, &ctx, out, &attrs, NULL) < 0)
    return;
  FreeCredentialHandle(&ctx);
  // CHECK: :[[@LINE-1]]:3: warning: context handle 'ctx' is released with 'FreeCredential{{s?}}Handle', which releases credential handles [sspi-mismatched-release]
  // CHECK: :[[@LINE-5]]:7: note: context handle acquired here by 'InitializeSecurityContextW'
}

// Correct: the alias on a credential.
void alias_on_credential(void) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, &cred,
                                NULL) != SEC_E_OK)
    return;
  FreeCredentialHandle(&cred);
}

// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Cleanup guarded by "have_" flags, SecIsValidHandle or a zeroed handle.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <string.h>

extern int do_work(void);

// The flag that guards the release is never set after the acquisition.
int flagged_setup(void) {
  CredHandle cred;
  BOOL have_cred = FALSE;
  SECURITY_STATUS ss;
  int rc = -1;

  ss = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                 NULL, &cred, NULL);
  if (ss != SEC_E_OK)
    goto cleanup;
  /* missing: have_cred = TRUE; */
  rc = do_work();
cleanup:
  if (have_cred)
    FreeCredentialsHandle(&cred);
  return rc;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-11]]:8: note: credential handle acquired here by 'AcquireCredentialsHandleW'
}

// The release of the credential is nested under the context's validity test, so it
// is skipped when the context could not be created.
int nested_guard(const wchar_t *spn) {
  CredHandle cred;
  CtxtHandle ctx;
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  SECURITY_STATUS ss;

  SecInvalidateHandle(&cred);
  SecInvalidateHandle(&ctx);
  ss = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                 NULL, &cred, NULL);
  if (ss != SEC_E_OK)
    return -1;
  ss = InitializeSecurityContextW(&cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                  SECURITY_NATIVE_DREP, NULL, 0, &ctx, &outDesc, &attrs, NULL);
  if (SecIsValidHandle(&ctx)) {
    DeleteSecurityContext(&ctx);
    FreeCredentialsHandle(&cred);
  }
  return FAILED(ss) ? -1 : 0;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-12]]:8: note: credential handle acquired here by 'AcquireCredentialsHandleW'
}

// Zero-initialised, acquired, then an early return skips the guarded cleanup.
int zeroed_early_exit(int quick) {
  CredHandle cred = { 0 };
  int rc = 0;

  if (AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    rc = -1;
  if (quick)
    return rc;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-6]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
  if (cred.dwLower || cred.dwUpper)
    FreeCredentialsHandle(&cred);
  return rc;
}

// Correct: the flag is set right after the successful acquisition.
int flagged_setup_fixed(void) {
  CredHandle cred;
  BOOL have_cred = FALSE;
  int rc = -1;

  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    goto cleanup;
  have_cred = TRUE;
  rc = do_work();
cleanup:
  if (have_cred)
    FreeCredentialsHandle(&cred);
  return rc;
}

// Correct: invalidated first, released when valid.
int invalidate_and_test(void) {
  CredHandle cred;
  int rc = -1;

  SecInvalidateHandle(&cred);
  if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    goto out;
  rc = do_work();
out:
  if (SecIsValidHandle(&cred))
    FreeCredentialsHandle(&cred);
  return rc;
}

// Correct: "= {0}" and a test of the handle's fields.
int zeroed_and_tested(void) {
  CredHandle cred = { 0 };
  int rc = -1;

  if (AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) == SEC_E_OK)
    rc = do_work();
  if (cred.dwLower || cred.dwUpper)
    FreeCredentialsHandle(&cred);
  return rc;
}

// Correct: memset and the same test.
int memset_and_tested(void) {
  CredHandle cred;
  int rc = -1;

  memset(&cred, 0, sizeof cred);
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    goto out;
  rc = do_work();
out:
  if (cred.dwLower != 0 || cred.dwUpper != 0)
    FreeCredentialsHandle(&cred);
  return rc;
}

// Correct: both handles guarded separately.
int nested_guard_fixed(const wchar_t *spn) {
  CredHandle cred;
  CtxtHandle ctx;
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  SECURITY_STATUS ss;

  SecInvalidateHandle(&cred);
  SecInvalidateHandle(&ctx);
  ss = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                 NULL, &cred, NULL);
  if (ss != SEC_E_OK)
    return -1;
  ss = InitializeSecurityContextW(&cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                  SECURITY_NATIVE_DREP, NULL, 0, &ctx, &outDesc, &attrs, NULL);
  if (SecIsValidHandle(&ctx))
    DeleteSecurityContext(&ctx);
  if (SecIsValidHandle(&cred))
    FreeCredentialsHandle(&cred);
  return FAILED(ss) ? -1 : 0;
}

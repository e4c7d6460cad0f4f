// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Cleanup ladders (one label per resource, released in reverse order).
#define SECURITY_WIN32
#include <winsock2.h>
#include <windows.h>
#include <sspi.h>

extern int send_token(SOCKET s, const void *data, unsigned long len);

// An error path jumps to the wrong rung and skips FreeCredentialsHandle.
int negotiate_first_leg(SOCKET s, const wchar_t *spn) {
  CredHandle cred;
  CtxtHandle ctx;
  TimeStamp expiry;
  SECURITY_STATUS ss;
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs = 0;
  int rc = -1;

  ss = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                 NULL, &cred, &expiry);
  if (ss != SEC_E_OK)
    goto out;
  ss = InitializeSecurityContextW(&cred, NULL, (SEC_WCHAR *)spn,
                                  ISC_REQ_CONNECTION | ISC_REQ_MUTUAL_AUTH, 0,
                                  SECURITY_NATIVE_DREP, NULL, 0, &ctx, &outDesc, &attrs, &expiry);
  if (FAILED(ss))
    goto out;                   /* should be free_cred */
  if (send_token(s, out.pvBuffer, out.cbBuffer) != 0)
    goto delete_ctx;
  rc = 0;
delete_ctx:
  DeleteSecurityContext(&ctx);
free_cred:
  FreeCredentialsHandle(&cred);
out:
  return rc;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-19]]:8: note: credential handle acquired here by 'AcquireCredentialsHandleW'
}

// The success path jumps over the cleanup rungs.
int probe_kerberos(const wchar_t *principal) {
  CredHandle cred;
  TimeStamp expiry;
  SECURITY_STATUS ss;
  int rc = -1;

  ss = AcquireCredentialsHandleW((SEC_WCHAR *)principal, L"Kerberos", SECPKG_CRED_OUTBOUND,
                                 NULL, NULL, NULL, NULL, &cred, &expiry);
  if (ss != SEC_E_OK)
    goto done;
  if (expiry.QuadPart == 0)
    goto release;
  rc = 0;
  goto done;
release:
  FreeCredentialsHandle(&cred);
done:
  return rc;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-13]]:8: note: credential handle acquired here by 'AcquireCredentialsHandleW'
}

// Two credentials: when the second acquisition fails, the first one is skipped.
int dual_package_setup(void) {
  CredHandle ntlm, kerb;
  int rc = -1;

  if (AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &ntlm, NULL) != SEC_E_OK)
    goto out;
  if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &kerb, NULL) != SEC_E_OK)
    goto out;                   /* should be free_ntlm */
  rc = 0;
  FreeCredentialsHandle(&kerb);
free_ntlm:
  FreeCredentialsHandle(&ntlm);
out:
  return rc;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'ntlm' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-13]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
}

// Correct: every failure after the acquisition goes through free_cred.
int negotiate_first_leg_fixed(SOCKET s, const wchar_t *spn) {
  CredHandle cred;
  CtxtHandle ctx;
  TimeStamp expiry;
  SECURITY_STATUS ss;
  unsigned char token[12288];
  SecBuffer out = { sizeof token, SECBUFFER_TOKEN, token };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs = 0;
  int rc = -1;

  ss = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                 NULL, &cred, &expiry);
  if (ss != SEC_E_OK)
    goto out;
  ss = InitializeSecurityContextW(&cred, NULL, (SEC_WCHAR *)spn,
                                  ISC_REQ_CONNECTION | ISC_REQ_MUTUAL_AUTH, 0,
                                  SECURITY_NATIVE_DREP, NULL, 0, &ctx, &outDesc, &attrs, &expiry);
  if (FAILED(ss))
    goto free_cred;
  if (send_token(s, out.pvBuffer, out.cbBuffer) != 0)
    goto delete_ctx;
  rc = 0;
delete_ctx:
  DeleteSecurityContext(&ctx);
free_cred:
  FreeCredentialsHandle(&cred);
out:
  return rc;
}

// Correct: two credentials, released in reverse order.
int dual_package_setup_fixed(void) {
  CredHandle ntlm, kerb;
  int rc = -1;

  if (AcquireCredentialsHandleW(NULL, L"NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &ntlm, NULL) != SEC_E_OK)
    goto out;
  if (AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &kerb, NULL) != SEC_E_OK)
    goto free_ntlm;
  rc = 0;
  FreeCredentialsHandle(&kerb);
free_ntlm:
  FreeCredentialsHandle(&ntlm);
out:
  return rc;
}

// Correct: a single exit label that knows what it holds.
int probe_kerberos_fixed(const wchar_t *principal) {
  CredHandle cred;
  BOOL have_cred = FALSE;
  SECURITY_STATUS ss;
  int rc = -1;

  ss = AcquireCredentialsHandleW((SEC_WCHAR *)principal, L"Kerberos", SECPKG_CRED_OUTBOUND,
                                 NULL, NULL, NULL, NULL, &cred, NULL);
  if (ss != SEC_E_OK)
    goto done;
  have_cred = TRUE;
  rc = 0;
done:
  if (have_cred)
    FreeCredentialsHandle(&cred);
  return rc;
}

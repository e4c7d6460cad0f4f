// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// The credential is released too early: later legs of the handshake still need it.
#define SECURITY_WIN32
#include <winsock2.h>
#include <windows.h>
#include <sspi.h>

extern int send_all(SOCKET s, const void *data, unsigned long len);
extern int recv_token(SOCKET s, void *buf, unsigned long cap, unsigned long *len);

int client_frees_cred_early(SOCKET s, const wchar_t *spn) {
  CredHandle cred;
  CtxtHandle ctx;
  unsigned char inbuf[12288], outbuf[12288];
  SecBuffer in = { 0, SECBUFFER_TOKEN, inbuf };
  SecBuffer out = { sizeof outbuf, SECBUFFER_TOKEN, outbuf };
  SecBufferDesc inDesc = { SECBUFFER_VERSION, 1, &in };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  SECURITY_STATUS ss;

  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return -1;
  ss = InitializeSecurityContextW(&cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                  SECURITY_NATIVE_DREP, NULL, 0, &ctx, &outDesc, &attrs, NULL);
  FreeCredentialsHandle(&cred);
  if (FAILED(ss))
    return -1;
  while (ss == SEC_I_CONTINUE_NEEDED) {
    if (send_all(s, out.pvBuffer, out.cbBuffer) != 0 ||
        recv_token(s, inbuf, sizeof inbuf, &in.cbBuffer) != 0) {
      DeleteSecurityContext(&ctx);
      return -1;
    }
    out.cbBuffer = sizeof outbuf;
    ss = InitializeSecurityContextW(&cred, &ctx, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                    SECURITY_NATIVE_DREP, &inDesc, 0, NULL, &outDesc, &attrs,
                                    NULL);
    // CHECK: :[[@LINE-3]]:10: warning: credential handle 'cred' is used by 'InitializeSecurityContextW' after it was released [sspi-use-after-release]
    // CHECK: :[[@LINE-19]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleW'
    // CHECK: :[[@LINE-15]]:3: note: released here
  }
  DeleteSecurityContext(&ctx);
  return FAILED(ss) ? -1 : 0;
}

// Correct: the credential is released after the last leg.
int client_frees_cred_late(SOCKET s, const wchar_t *spn) {
  CredHandle cred;
  CtxtHandle ctx;
  unsigned char inbuf[12288], outbuf[12288];
  SecBuffer in = { 0, SECBUFFER_TOKEN, inbuf };
  SecBuffer out = { sizeof outbuf, SECBUFFER_TOKEN, outbuf };
  SecBufferDesc inDesc = { SECBUFFER_VERSION, 1, &in };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  SECURITY_STATUS ss;

  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return -1;
  ss = InitializeSecurityContextW(&cred, NULL, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                  SECURITY_NATIVE_DREP, NULL, 0, &ctx, &outDesc, &attrs, NULL);
  if (FAILED(ss)) {
    FreeCredentialsHandle(&cred);
    return -1;
  }
  while (ss == SEC_I_CONTINUE_NEEDED) {
    if (send_all(s, out.pvBuffer, out.cbBuffer) != 0 ||
        recv_token(s, inbuf, sizeof inbuf, &in.cbBuffer) != 0) {
      ss = SEC_E_INTERNAL_ERROR;
      break;
    }
    out.cbBuffer = sizeof outbuf;
    ss = InitializeSecurityContextW(&cred, &ctx, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                    SECURITY_NATIVE_DREP, &inDesc, 0, NULL, &outDesc, &attrs,
                                    NULL);
  }
  FreeCredentialsHandle(&cred);
  DeleteSecurityContext(&ctx);
  return FAILED(ss) ? -1 : 0;
}

// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Client (InitializeSecurityContextW) and server (AcceptSecurityContext) token loops.
#define SECURITY_WIN32
#include <winsock2.h>
#include <windows.h>
#include <sspi.h>

extern int send_token(SOCKET s, const void *data, unsigned long len);
extern int recv_token(SOCKET s, void *buf, unsigned long cap, unsigned long *len);

// Client: a receive error in the middle of the exchange deletes the context but not
// the credential.
int kerberos_client_auth(SOCKET s, const wchar_t *spn) {
  CredHandle cred;
  CtxtHandle ctx;
  TimeStamp expiry;
  SECURITY_STATUS ss;
  unsigned char inbuf[12288], outbuf[12288];
  SecBuffer in = { 0, SECBUFFER_TOKEN, inbuf };
  SecBuffer out;
  SecBufferDesc inDesc = { SECBUFFER_VERSION, 1, &in };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  BOOL first = TRUE;

  ss = AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                 NULL, &cred, &expiry);
  if (ss != SEC_E_OK)
    return -1;
  for (;;) {
    out.cbBuffer = sizeof outbuf;
    out.BufferType = SECBUFFER_TOKEN;
    out.pvBuffer = outbuf;
    ss = InitializeSecurityContextW(&cred, first ? NULL : &ctx, (SEC_WCHAR *)spn,
                                    ISC_REQ_MUTUAL_AUTH | ISC_REQ_CONNECTION, 0,
                                    SECURITY_NATIVE_DREP, first ? NULL : &inDesc, 0, &ctx,
                                    &outDesc, &attrs, &expiry);
    if (ss < 0) {
      if (!first)
        DeleteSecurityContext(&ctx);
      FreeCredentialsHandle(&cred);
      return -1;
    }
    first = FALSE;
    if (out.cbBuffer != 0 && send_token(s, out.pvBuffer, out.cbBuffer) != 0)
      break;
    if (ss == SEC_E_OK) {
      DeleteSecurityContext(&ctx);
      FreeCredentialsHandle(&cred);
      return 0;
    }
    if (recv_token(s, inbuf, sizeof inbuf, &in.cbBuffer) != 0) {
      DeleteSecurityContext(&ctx);
      return -1;
      // CHECK: :[[@LINE-1]]:7: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
      // CHECK: :[[@LINE-30]]:8: note: credential handle acquired here by 'AcquireCredentialsHandleW'
    }
    in.BufferType = SECBUFFER_TOKEN;
  }
  DeleteSecurityContext(&ctx);
  FreeCredentialsHandle(&cred);
  return -1;
}

// Server: the established context goes to the caller; the inbound credential is
// forgotten on the success path.
SECURITY_STATUS negotiate_server_accept(SOCKET s, CtxtHandle *out_ctx) {
  CredHandle cred;
  CtxtHandle ctx;
  PCtxtHandle pctx = NULL;
  TimeStamp expiry;
  SECURITY_STATUS ss;
  unsigned char inbuf[12288], outbuf[12288];
  SecBuffer in, out;
  SecBufferDesc inDesc = { SECBUFFER_VERSION, 1, &in };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  unsigned long n;

  ss = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_INBOUND, NULL, NULL, NULL,
                                 NULL, &cred, &expiry);
  if (ss != SEC_E_OK)
    return ss;
  do {
    if (recv_token(s, inbuf, sizeof inbuf, &n) != 0) {
      if (pctx != NULL)
        DeleteSecurityContext(pctx);
      FreeCredentialsHandle(&cred);
      return SEC_E_INTERNAL_ERROR;
    }
    in.cbBuffer = n;
    in.BufferType = SECBUFFER_TOKEN;
    in.pvBuffer = inbuf;
    out.cbBuffer = sizeof outbuf;
    out.BufferType = SECBUFFER_TOKEN;
    out.pvBuffer = outbuf;
    ss = AcceptSecurityContext(&cred, pctx, &inDesc, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP,
                               &ctx, &outDesc, &attrs, &expiry);
    if (FAILED(ss)) {
      if (pctx != NULL)
        DeleteSecurityContext(pctx);
      FreeCredentialsHandle(&cred);
      return ss;
    }
    pctx = &ctx;
    if (out.cbBuffer != 0 && send_token(s, out.pvBuffer, out.cbBuffer) != 0) {
      DeleteSecurityContext(&ctx);
      FreeCredentialsHandle(&cred);
      return SEC_E_INTERNAL_ERROR;
    }
  } while (ss == SEC_I_CONTINUE_NEEDED);
  *out_ctx = ctx;
  return SEC_E_OK;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-35]]:8: note: credential handle acquired here by 'AcquireCredentialsHandleW'
}

// Correct client: every exit releases what it holds.
int kerberos_client_auth_fixed(SOCKET s, const wchar_t *spn) {
  CredHandle cred;
  CtxtHandle ctx;
  PCtxtHandle pctx = NULL;
  TimeStamp expiry;
  SECURITY_STATUS ss;
  unsigned char inbuf[12288], outbuf[12288];
  SecBuffer in = { 0, SECBUFFER_TOKEN, inbuf };
  SecBuffer out;
  SecBufferDesc inDesc = { SECBUFFER_VERSION, 1, &in };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  int rc = -1;

  ss = AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                 NULL, &cred, &expiry);
  if (ss != SEC_E_OK)
    return -1;
  for (;;) {
    out.cbBuffer = sizeof outbuf;
    out.BufferType = SECBUFFER_TOKEN;
    out.pvBuffer = outbuf;
    ss = InitializeSecurityContextW(&cred, pctx, (SEC_WCHAR *)spn,
                                    ISC_REQ_MUTUAL_AUTH | ISC_REQ_CONNECTION, 0,
                                    SECURITY_NATIVE_DREP, pctx ? &inDesc : NULL, 0, &ctx,
                                    &outDesc, &attrs, &expiry);
    if (ss < 0)
      break;
    pctx = &ctx;
    if (out.cbBuffer != 0 && send_token(s, out.pvBuffer, out.cbBuffer) != 0)
      break;
    if (ss == SEC_E_OK) {
      rc = 0;
      break;
    }
    if (recv_token(s, inbuf, sizeof inbuf, &in.cbBuffer) != 0)
      break;
    in.BufferType = SECBUFFER_TOKEN;
  }
  if (pctx != NULL)
    DeleteSecurityContext(pctx);
  FreeCredentialsHandle(&cred);
  return rc;
}

// Correct server: the credential is released once the context is established
// (the context keeps its own reference).
SECURITY_STATUS negotiate_server_accept_fixed(SOCKET s, CtxtHandle *out_ctx) {
  CredHandle cred;
  CtxtHandle ctx;
  BOOL have_ctx = FALSE;
  SECURITY_STATUS ss;
  unsigned char inbuf[12288], outbuf[12288];
  SecBuffer in, out;
  SecBufferDesc inDesc = { SECBUFFER_VERSION, 1, &in };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  unsigned long n;

  ss = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_INBOUND, NULL, NULL, NULL,
                                 NULL, &cred, NULL);
  if (ss != SEC_E_OK)
    return ss;
  do {
    if (recv_token(s, inbuf, sizeof inbuf, &n) != 0) {
      ss = SEC_E_INTERNAL_ERROR;
      break;
    }
    in.cbBuffer = n;
    in.BufferType = SECBUFFER_TOKEN;
    in.pvBuffer = inbuf;
    out.cbBuffer = sizeof outbuf;
    out.BufferType = SECBUFFER_TOKEN;
    out.pvBuffer = outbuf;
    ss = AcceptSecurityContext(&cred, have_ctx ? &ctx : NULL, &inDesc, ASC_REQ_CONNECTION,
                               SECURITY_NATIVE_DREP, &ctx, &outDesc, &attrs, NULL);
    if (FAILED(ss))
      break;
    have_ctx = TRUE;
    if (out.cbBuffer != 0 && send_token(s, out.pvBuffer, out.cbBuffer) != 0) {
      ss = SEC_E_INTERNAL_ERROR;
      break;
    }
  } while (ss == SEC_I_CONTINUE_NEEDED);
  FreeCredentialsHandle(&cred);
  if (ss != SEC_E_OK) {
    if (have_ctx)
      DeleteSecurityContext(&ctx);
    return ss;
  }
  *out_ctx = ctx;
  return SEC_E_OK;
}

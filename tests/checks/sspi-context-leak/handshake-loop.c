// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Token loops: Negotiate client and server, Schannel TLS client.
#define SECURITY_WIN32
#include <winsock2.h>
#include <windows.h>
#include <sspi.h>
#include <schannel.h>
#include <string.h>

extern int send_all(SOCKET s, const void *data, unsigned long len);
extern int recv_some(SOCKET s, void *buf, unsigned long cap, unsigned long *got);

// Negotiate client: mutual authentication was requested but not granted; the
// established context is dropped.
int negotiate_client(SOCKET s, PCredHandle cred, const wchar_t *spn) {
  CtxtHandle ctx;
  SECURITY_STATUS ss;
  unsigned char inbuf[12288], outbuf[12288];
  SecBuffer in, out;
  SecBufferDesc inDesc = { SECBUFFER_VERSION, 1, &in };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs = 0;
  unsigned long n = 0;
  BOOL first = TRUE;

  do {
    in.BufferType = SECBUFFER_TOKEN;
    in.pvBuffer = inbuf;
    in.cbBuffer = n;
    out.BufferType = SECBUFFER_TOKEN;
    out.pvBuffer = outbuf;
    out.cbBuffer = sizeof outbuf;
    ss = InitializeSecurityContextW(cred, first ? NULL : &ctx, (SEC_WCHAR *)spn,
                                    ISC_REQ_MUTUAL_AUTH | ISC_REQ_CONNECTION, 0,
                                    SECURITY_NATIVE_DREP, first ? NULL : &inDesc, 0, &ctx,
                                    &outDesc, &attrs, NULL);
    if (ss < 0) {
      if (!first)
        DeleteSecurityContext(&ctx);
      return -1;
    }
    first = FALSE;
    if (out.cbBuffer != 0 && send_all(s, out.pvBuffer, out.cbBuffer) != 0) {
      DeleteSecurityContext(&ctx);
      return -1;
    }
    if (ss == SEC_I_CONTINUE_NEEDED && recv_some(s, inbuf, sizeof inbuf, &n) != 0) {
      DeleteSecurityContext(&ctx);
      return -1;
    }
  } while (ss == SEC_I_CONTINUE_NEEDED);
  if (!(attrs & ISC_RET_MUTUAL_AUTH))
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
  // CHECK: :[[@LINE-22]]:10: note: context handle acquired here by 'InitializeSecurityContextW'
  DeleteSecurityContext(&ctx);
  return 0;
}

// Negotiate client with a PCtxtHandle that becomes &ctx after the first call:
// a receive error after the first leg loses the context.
int negotiate_client_pctx(SOCKET s, PCredHandle cred, const wchar_t *spn) {
  CtxtHandle ctx;
  PCtxtHandle pctx = NULL;
  SECURITY_STATUS ss;
  unsigned char inbuf[12288], outbuf[12288];
  SecBuffer in, out;
  SecBufferDesc inDesc = { SECBUFFER_VERSION, 1, &in };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  unsigned long n = 0;

  for (;;) {
    in.BufferType = SECBUFFER_TOKEN;
    in.pvBuffer = inbuf;
    in.cbBuffer = n;
    out.BufferType = SECBUFFER_TOKEN;
    out.pvBuffer = outbuf;
    out.cbBuffer = sizeof outbuf;
    ss = InitializeSecurityContextW(cred, pctx, (SEC_WCHAR *)spn, ISC_REQ_CONNECTION, 0,
                                    SECURITY_NATIVE_DREP, pctx ? &inDesc : NULL, 0, &ctx,
                                    &outDesc, &attrs, NULL);
    if (FAILED(ss))
      break;
    pctx = &ctx;
    if (out.cbBuffer != 0 && send_all(s, out.pvBuffer, out.cbBuffer) != 0)
      break;
    if (ss != SEC_I_CONTINUE_NEEDED)
      break;
    if (recv_some(s, inbuf, sizeof inbuf, &n) != 0)
      return -1;
    // CHECK: :[[@LINE-1]]:7: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
    // CHECK: :[[@LINE-13]]:10: note: context handle acquired here by 'InitializeSecurityContextW'
  }
  if (pctx != NULL)
    DeleteSecurityContext(pctx);
  return ss == SEC_E_OK ? 0 : -1;
}

// Server: CompleteAuthToken fails and the partial context is abandoned.
SECURITY_STATUS negotiate_server(SOCKET s, PCredHandle cred, PCtxtHandle result) {
  CtxtHandle ctx;
  BOOL have_ctx = FALSE;
  SECURITY_STATUS ss;
  unsigned char inbuf[12288], outbuf[12288];
  SecBuffer in, out;
  SecBufferDesc inDesc = { SECBUFFER_VERSION, 1, &in };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  unsigned long n;

  do {
    if (recv_some(s, inbuf, sizeof inbuf, &n) != 0) {
      if (have_ctx)
        DeleteSecurityContext(&ctx);
      return SEC_E_INTERNAL_ERROR;
    }
    in.BufferType = SECBUFFER_TOKEN;
    in.pvBuffer = inbuf;
    in.cbBuffer = n;
    out.BufferType = SECBUFFER_TOKEN;
    out.pvBuffer = outbuf;
    out.cbBuffer = sizeof outbuf;
    ss = AcceptSecurityContext(cred, have_ctx ? &ctx : NULL, &inDesc, ASC_REQ_CONNECTION,
                               SECURITY_NATIVE_DREP, &ctx, &outDesc, &attrs, NULL);
    if (ss < 0) {
      if (have_ctx)
        DeleteSecurityContext(&ctx);
      return ss;
    }
    have_ctx = TRUE;
    if (ss == SEC_I_COMPLETE_NEEDED || ss == SEC_I_COMPLETE_AND_CONTINUE) {
      SECURITY_STATUS cs = CompleteAuthToken(&ctx, &outDesc);
      if (cs != SEC_E_OK)
        return cs;
      // CHECK: :[[@LINE-1]]:9: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
      // CHECK: :[[@LINE-13]]:10: note: context handle acquired here by 'AcceptSecurityContext'
      ss = ss == SEC_I_COMPLETE_NEEDED ? SEC_E_OK : SEC_I_CONTINUE_NEEDED;
    }
    if (out.cbBuffer != 0 && send_all(s, out.pvBuffer, out.cbBuffer) != 0) {
      DeleteSecurityContext(&ctx);
      return SEC_E_INTERNAL_ERROR;
    }
  } while (ss == SEC_I_CONTINUE_NEEDED);
  *result = ctx;
  return SEC_E_OK;
}

#define TLS_ISC_FLAGS                                                                 \
  (ISC_REQ_SEQUENCE_DETECT | ISC_REQ_REPLAY_DETECT | ISC_REQ_CONFIDENTIALITY |       \
   ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_STREAM)

// Schannel TLS client: the server closes the connection in the middle of the
// handshake (after SEC_E_INCOMPLETE_MESSAGE) and the context is not deleted.
int tls_handshake(SOCKET s, PCredHandle cred, const wchar_t *host, PCtxtHandle result) {
  CtxtHandle ctx;
  SECURITY_STATUS ss;
  ULONG attrs;
  SecBuffer out[1], in[2];
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, out };
  SecBufferDesc inDesc = { SECBUFFER_VERSION, 2, in };
  char data[16384];
  unsigned long have = 0, got;

  out[0].BufferType = SECBUFFER_TOKEN;
  out[0].pvBuffer = NULL;
  out[0].cbBuffer = 0;
  ss = InitializeSecurityContextW(cred, NULL, (SEC_WCHAR *)host, TLS_ISC_FLAGS, 0, 0, NULL, 0,
                                  &ctx, &outDesc, &attrs, NULL);
  if (FAILED(ss))
    return -1;
  if (out[0].cbBuffer != 0 && out[0].pvBuffer != NULL) {
    int rc = send_all(s, out[0].pvBuffer, out[0].cbBuffer);
    FreeContextBuffer(out[0].pvBuffer);
    out[0].pvBuffer = NULL;
    if (rc != 0) {
      DeleteSecurityContext(&ctx);
      return -1;
    }
  }
  while (ss == SEC_I_CONTINUE_NEEDED || ss == SEC_E_INCOMPLETE_MESSAGE) {
    if (have == 0 || ss == SEC_E_INCOMPLETE_MESSAGE) {
      if (recv_some(s, data + have, sizeof data - have, &got) != 0 || got == 0)
        return -1;
      // CHECK: :[[@LINE-1]]:9: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
      // CHECK: :[[@LINE-18]]:8: note: context handle acquired here by 'InitializeSecurityContextW'
      have += got;
    }
    in[0].BufferType = SECBUFFER_TOKEN;
    in[0].pvBuffer = data;
    in[0].cbBuffer = have;
    in[1].BufferType = SECBUFFER_EMPTY;
    in[1].pvBuffer = NULL;
    in[1].cbBuffer = 0;
    out[0].BufferType = SECBUFFER_TOKEN;
    out[0].pvBuffer = NULL;
    out[0].cbBuffer = 0;
    ss = InitializeSecurityContextW(cred, &ctx, (SEC_WCHAR *)host, TLS_ISC_FLAGS, 0, 0, &inDesc,
                                    0, NULL, &outDesc, &attrs, NULL);
    if (ss == SEC_E_INCOMPLETE_MESSAGE)
      continue;
    if (FAILED(ss)) {
      DeleteSecurityContext(&ctx);
      return -1;
    }
    if (out[0].cbBuffer != 0 && out[0].pvBuffer != NULL) {
      int rc = send_all(s, out[0].pvBuffer, out[0].cbBuffer);
      FreeContextBuffer(out[0].pvBuffer);
      out[0].pvBuffer = NULL;
      if (rc != 0) {
        DeleteSecurityContext(&ctx);
        return -1;
      }
    }
    if (in[1].BufferType == SECBUFFER_EXTRA) {
      memmove(data, data + (have - in[1].cbBuffer), in[1].cbBuffer);
      have = in[1].cbBuffer;
    } else {
      have = 0;
    }
  }
  *result = ctx;
  return 0;
}

// Correct: the Negotiate client deletes the context when mutual auth is missing.
int negotiate_client_fixed(SOCKET s, PCredHandle cred, const wchar_t *spn) {
  CtxtHandle ctx;
  PCtxtHandle pctx = NULL;
  SECURITY_STATUS ss;
  unsigned char inbuf[12288], outbuf[12288];
  SecBuffer in, out;
  SecBufferDesc inDesc = { SECBUFFER_VERSION, 1, &in };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs = 0;
  unsigned long n = 0;
  int rc = -1;

  for (;;) {
    in.BufferType = SECBUFFER_TOKEN;
    in.pvBuffer = inbuf;
    in.cbBuffer = n;
    out.BufferType = SECBUFFER_TOKEN;
    out.pvBuffer = outbuf;
    out.cbBuffer = sizeof outbuf;
    ss = InitializeSecurityContextW(cred, pctx, (SEC_WCHAR *)spn,
                                    ISC_REQ_MUTUAL_AUTH | ISC_REQ_CONNECTION, 0,
                                    SECURITY_NATIVE_DREP, pctx ? &inDesc : NULL, 0, &ctx,
                                    &outDesc, &attrs, NULL);
    if (FAILED(ss))
      break;
    pctx = &ctx;
    if (out.cbBuffer != 0 && send_all(s, out.pvBuffer, out.cbBuffer) != 0)
      break;
    if (ss == SEC_E_OK) {
      rc = (attrs & ISC_RET_MUTUAL_AUTH) ? 0 : -1;
      break;
    }
    if (recv_some(s, inbuf, sizeof inbuf, &n) != 0)
      break;
  }
  if (pctx != NULL)
    DeleteSecurityContext(pctx);
  return rc;
}

// Correct: the server deletes the context when CompleteAuthToken fails.
SECURITY_STATUS negotiate_server_fixed(SOCKET s, PCredHandle cred, PCtxtHandle result) {
  CtxtHandle ctx;
  BOOL have_ctx = FALSE;
  SECURITY_STATUS ss;
  unsigned char inbuf[12288], outbuf[12288];
  SecBuffer in, out;
  SecBufferDesc inDesc = { SECBUFFER_VERSION, 1, &in };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  ULONG attrs;
  unsigned long n;

  do {
    if (recv_some(s, inbuf, sizeof inbuf, &n) != 0) {
      ss = SEC_E_INTERNAL_ERROR;
      break;
    }
    in.BufferType = SECBUFFER_TOKEN;
    in.pvBuffer = inbuf;
    in.cbBuffer = n;
    out.BufferType = SECBUFFER_TOKEN;
    out.pvBuffer = outbuf;
    out.cbBuffer = sizeof outbuf;
    ss = AcceptSecurityContext(cred, have_ctx ? &ctx : NULL, &inDesc, ASC_REQ_CONNECTION,
                               SECURITY_NATIVE_DREP, &ctx, &outDesc, &attrs, NULL);
    if (ss < 0)
      break;
    have_ctx = TRUE;
    if (ss == SEC_I_COMPLETE_NEEDED || ss == SEC_I_COMPLETE_AND_CONTINUE) {
      SECURITY_STATUS cs = CompleteAuthToken(&ctx, &outDesc);
      if (cs != SEC_E_OK) {
        ss = cs;
        break;
      }
      ss = ss == SEC_I_COMPLETE_NEEDED ? SEC_E_OK : SEC_I_CONTINUE_NEEDED;
    }
    if (out.cbBuffer != 0 && send_all(s, out.pvBuffer, out.cbBuffer) != 0) {
      ss = SEC_E_INTERNAL_ERROR;
      break;
    }
  } while (ss == SEC_I_CONTINUE_NEEDED);
  if (ss != SEC_E_OK) {
    if (have_ctx)
      DeleteSecurityContext(&ctx);
    return ss;
  }
  *result = ctx;
  return SEC_E_OK;
}

// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Output tokens allocated on every round of the handshake.
#define SECURITY_WIN32
#include <winsock2.h>
#include <windows.h>
#include <sspi.h>

extern int send_all(SOCKET s, const void *data, unsigned long len);
extern int recv_token(SOCKET s, void *buf, unsigned long cap, unsigned long *len);

#define REQ (ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_CONNECTION | ISC_REQ_MUTUAL_AUTH)

// The token of the previous round is never freed: the next call overwrites it.
int client_loop_overwrites(SOCKET s, PCredHandle cred, PCtxtHandle ctx, const wchar_t *spn) {
  SecBuffer in = { 0, SECBUFFER_TOKEN, NULL };
  SecBuffer out[1];
  SecBufferDesc inDesc = { SECBUFFER_VERSION, 1, &in };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, out };
  unsigned char inbuf[12288];
  ULONG attrs;
  SECURITY_STATUS ss;
  BOOL first = TRUE;

  do {
    out[0].BufferType = SECBUFFER_TOKEN;
    out[0].cbBuffer = 0;
    ss = InitializeSecurityContextW(cred, first ? NULL : ctx, (SEC_WCHAR *)spn, REQ, 0,
                                    SECURITY_NATIVE_DREP, first ? NULL : &inDesc, 0, ctx,
                                    &outDesc, &attrs, NULL);
    // CHECK: :[[@LINE-3]]:10: warning: SSPI-allocated buffer 'out[].pvBuffer' is overwritten by a new acquisition while still held [sspi-buffer-leak]
    // CHECK: :[[@LINE-4]]:10: note: SSPI-allocated buffer acquired here by 'InitializeSecurityContextW'
    if (ss < 0)
      return -1;
    first = FALSE;
    if (out[0].cbBuffer != 0 && send_all(s, out[0].pvBuffer, out[0].cbBuffer) != 0) {
      FreeContextBuffer(out[0].pvBuffer);
      return -1;
    }
    if (ss == SEC_I_CONTINUE_NEEDED) {
      if (recv_token(s, inbuf, sizeof inbuf, &in.cbBuffer) != 0)
        return -1;
      // One finding per acquisition: the returns that leave it held are notes of the first.
      // CHECK: :[[@LINE-2]]:9: note: 'out[].pvBuffer' is also left held here
      in.pvBuffer = inbuf;
    }
  } while (ss == SEC_I_CONTINUE_NEEDED);
  return 0;
  // CHECK: :[[@LINE-1]]:3: note: 'out[].pvBuffer' is also left held here
}

// Correct: freed after every send, and on the error path.
int client_loop_frees(SOCKET s, PCredHandle cred, PCtxtHandle ctx, const wchar_t *spn) {
  SecBuffer in = { 0, SECBUFFER_TOKEN, NULL };
  SecBuffer out[1];
  SecBufferDesc inDesc = { SECBUFFER_VERSION, 1, &in };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, out };
  unsigned char inbuf[12288];
  ULONG attrs;
  SECURITY_STATUS ss;
  PCtxtHandle pctx = NULL;

  do {
    int rc = 0;
    out[0].BufferType = SECBUFFER_TOKEN;
    out[0].cbBuffer = 0;
    out[0].pvBuffer = NULL;
    ss = InitializeSecurityContextW(cred, pctx, (SEC_WCHAR *)spn, REQ, 0, SECURITY_NATIVE_DREP,
                                    pctx ? &inDesc : NULL, 0, ctx, &outDesc, &attrs, NULL);
    if (ss < 0)
      return -1;
    pctx = ctx;
    if (out[0].cbBuffer != 0 && out[0].pvBuffer != NULL) {
      rc = send_all(s, out[0].pvBuffer, out[0].cbBuffer);
      FreeContextBuffer(out[0].pvBuffer);
      out[0].pvBuffer = NULL;
    }
    if (rc != 0)
      return -1;
    if (ss == SEC_I_CONTINUE_NEEDED) {
      if (recv_token(s, inbuf, sizeof inbuf, &in.cbBuffer) != 0)
        return -1;
      in.pvBuffer = inbuf;
    }
  } while (ss == SEC_I_CONTINUE_NEEDED);
  return 0;
}

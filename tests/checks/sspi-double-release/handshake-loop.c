// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// A token freed inside the loop and again after it.
#define SECURITY_WIN32
#include <winsock2.h>
#include <windows.h>
#include <sspi.h>

extern int send_all(SOCKET s, const void *data, unsigned long len);
extern int recv_token(SOCKET s, void *buf, unsigned long cap, unsigned long *len);

int server_loop(SOCKET s, PCredHandle cred, PCtxtHandle ctx) {
  SecBuffer in, out;
  SecBufferDesc inDesc = { SECBUFFER_VERSION, 1, &in };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  unsigned char inbuf[12288];
  unsigned long n;
  ULONG attrs;
  SECURITY_STATUS ss;
  BOOL first = TRUE;

  do {
    if (recv_token(s, inbuf, sizeof inbuf, &n) != 0)
      return -1;
    in.BufferType = SECBUFFER_TOKEN;
    in.cbBuffer = n;
    in.pvBuffer = inbuf;
    out.BufferType = SECBUFFER_TOKEN;
    out.cbBuffer = 0;
    out.pvBuffer = NULL;
    ss = AcceptSecurityContext(cred, first ? NULL : ctx, &inDesc,
                               ASC_REQ_ALLOCATE_MEMORY | ASC_REQ_CONNECTION,
                               SECURITY_NATIVE_DREP, ctx, &outDesc, &attrs, NULL);
    if (ss < 0)
      return -1;
    first = FALSE;
    if (out.cbBuffer != 0) {
      int rc = send_all(s, out.pvBuffer, out.cbBuffer);
      FreeContextBuffer(out.pvBuffer);
      if (rc != 0)
        break;
    }
  } while (ss == SEC_I_CONTINUE_NEEDED);
  if (out.cbBuffer != 0)
    FreeContextBuffer(out.pvBuffer);
  // CHECK: :[[@LINE-1]]:5: warning: SSPI-allocated buffer 'out.pvBuffer' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-16]]:10: note: SSPI-allocated buffer acquired here by 'AcceptSecurityContext'
  // CHECK: :[[@LINE-9]]:7: note: first released here
  return ss == SEC_E_OK ? 0 : -1;
}

// Correct: freed once per round, pointer cleared.
int server_loop_fixed(SOCKET s, PCredHandle cred, PCtxtHandle ctx) {
  SecBuffer in, out;
  SecBufferDesc inDesc = { SECBUFFER_VERSION, 1, &in };
  SecBufferDesc outDesc = { SECBUFFER_VERSION, 1, &out };
  unsigned char inbuf[12288];
  unsigned long n;
  ULONG attrs;
  SECURITY_STATUS ss;
  BOOL first = TRUE;

  do {
    if (recv_token(s, inbuf, sizeof inbuf, &n) != 0)
      return -1;
    in.BufferType = SECBUFFER_TOKEN;
    in.cbBuffer = n;
    in.pvBuffer = inbuf;
    out.BufferType = SECBUFFER_TOKEN;
    out.cbBuffer = 0;
    out.pvBuffer = NULL;
    ss = AcceptSecurityContext(cred, first ? NULL : ctx, &inDesc,
                               ASC_REQ_ALLOCATE_MEMORY | ASC_REQ_CONNECTION,
                               SECURITY_NATIVE_DREP, ctx, &outDesc, &attrs, NULL);
    if (ss < 0)
      return -1;
    first = FALSE;
    if (out.cbBuffer != 0 && out.pvBuffer != NULL) {
      int rc = send_all(s, out.pvBuffer, out.cbBuffer);
      FreeContextBuffer(out.pvBuffer);
      out.pvBuffer = NULL;
      if (rc != 0)
        return -1;
    }
  } while (ss == SEC_I_CONTINUE_NEEDED);
  if (out.pvBuffer != NULL)
    FreeContextBuffer(out.pvBuffer);
  return ss == SEC_E_OK ? 0 : -1;
}

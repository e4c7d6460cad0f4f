// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// A Schannel connection object: EncryptMessage after the context was torn down.
#define SECURITY_WIN32
#include <winsock2.h>
#include <windows.h>
#include <sspi.h>
#include <schannel.h>
#include <string.h>

struct tls_conn {
  SOCKET sock;
  CredHandle cred;
  CtxtHandle ctx;
  BOOL open;
  SecPkgContext_StreamSizes sizes;
  char buf[16384 + 512];
};

extern int send_all(SOCKET s, const void *data, unsigned long len);

int tls_write(struct tls_conn *c, const char *data, ULONG len) {
  SecBuffer bufs[4];
  SecBufferDesc desc = { SECBUFFER_VERSION, 4, bufs };

  if (QueryContextAttributesW(&c->ctx, SECPKG_ATTR_STREAM_SIZES, &c->sizes) != SEC_E_OK) {
    DeleteSecurityContext(&c->ctx);
    c->open = FALSE;            /* missing: return -1 */
  }
  if (len > c->sizes.cbMaximumMessage)
    len = c->sizes.cbMaximumMessage;
  memcpy(c->buf + c->sizes.cbHeader, data, len);
  bufs[0].BufferType = SECBUFFER_STREAM_HEADER;
  bufs[0].pvBuffer = c->buf;
  bufs[0].cbBuffer = c->sizes.cbHeader;
  bufs[1].BufferType = SECBUFFER_DATA;
  bufs[1].pvBuffer = c->buf + c->sizes.cbHeader;
  bufs[1].cbBuffer = len;
  bufs[2].BufferType = SECBUFFER_STREAM_TRAILER;
  bufs[2].pvBuffer = c->buf + c->sizes.cbHeader + len;
  bufs[2].cbBuffer = c->sizes.cbTrailer;
  bufs[3].BufferType = SECBUFFER_EMPTY;
  bufs[3].pvBuffer = NULL;
  bufs[3].cbBuffer = 0;
  if (EncryptMessage(&c->ctx, 0, &desc, 0) != SEC_E_OK)
    // CHECK: :[[@LINE-1]]:7: warning: context handle 'c->ctx' is used by 'EncryptMessage' after it was released [sspi-use-after-release]
    // CHECK: :[[@LINE-20]]:5: note: released here
    return -1;
  return send_all(c->sock, c->buf, bufs[0].cbBuffer + bufs[1].cbBuffer + bufs[2].cbBuffer);
}

// Correct: the error path returns after the teardown.
int tls_write_fixed(struct tls_conn *c, const char *data, ULONG len) {
  SecBuffer bufs[4];
  SecBufferDesc desc = { SECBUFFER_VERSION, 4, bufs };

  if (QueryContextAttributesW(&c->ctx, SECPKG_ATTR_STREAM_SIZES, &c->sizes) != SEC_E_OK) {
    DeleteSecurityContext(&c->ctx);
    c->open = FALSE;
    return -1;
  }
  if (len > c->sizes.cbMaximumMessage)
    len = c->sizes.cbMaximumMessage;
  memcpy(c->buf + c->sizes.cbHeader, data, len);
  bufs[0].BufferType = SECBUFFER_STREAM_HEADER;
  bufs[0].pvBuffer = c->buf;
  bufs[0].cbBuffer = c->sizes.cbHeader;
  bufs[1].BufferType = SECBUFFER_DATA;
  bufs[1].pvBuffer = c->buf + c->sizes.cbHeader;
  bufs[1].cbBuffer = len;
  bufs[2].BufferType = SECBUFFER_STREAM_TRAILER;
  bufs[2].pvBuffer = c->buf + c->sizes.cbHeader + len;
  bufs[2].cbBuffer = c->sizes.cbTrailer;
  bufs[3].BufferType = SECBUFFER_EMPTY;
  bufs[3].pvBuffer = NULL;
  bufs[3].cbBuffer = 0;
  if (EncryptMessage(&c->ctx, 0, &desc, 0) != SEC_E_OK)
    return -1;
  return send_all(c->sock, c->buf, bufs[0].cbBuffer + bufs[1].cbBuffer + bufs[2].cbBuffer);
}

// Correct: decrypt on an open connection, guarded by the flag.
SECURITY_STATUS tls_read_record(struct tls_conn *c, char *data, ULONG len) {
  SecBuffer bufs[4];
  SecBufferDesc desc = { SECBUFFER_VERSION, 4, bufs };
  int i;
  if (!c->open)
    return SEC_E_CONTEXT_EXPIRED;
  bufs[0].BufferType = SECBUFFER_DATA;
  bufs[0].pvBuffer = data;
  bufs[0].cbBuffer = len;
  for (i = 1; i < 4; i++) {
    bufs[i].BufferType = SECBUFFER_EMPTY;
    bufs[i].pvBuffer = NULL;
    bufs[i].cbBuffer = 0;
  }
  return DecryptMessage(&c->ctx, &desc, 0, NULL);
}

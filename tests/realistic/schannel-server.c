// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// A Schannel TLS server connection (the shape of the SDK "WebServer" sample and of
// stream-socket TLS layers): a server credential for the listener, one context per
// connection in a heap record, an AcceptSecurityContext loop that reads more data on
// SEC_E_INCOMPLETE_MESSAGE and keeps SECBUFFER_EXTRA, a read loop with DecryptMessage that
// handles SEC_I_RENEGOTIATE inline, and a close that sends close_notify.
// Ground truth, 2 bugs:
//   listener_create: a failed allocation "releases" the credential with
//     DeleteSecurityContext (sspi-mismatched-release).
//   tls_read: a failed renegotiation deletes the context and falls through to the next
//     DecryptMessage (sspi-use-after-release).
#define SECURITY_WIN32
#include <winsock2.h>
#include <windows.h>
#include <schannel.h>
#include <sspi.h>
#include <stdlib.h>
#include <string.h>

#define ASC_FLAGS                                                                                  \
  (ASC_REQ_SEQUENCE_DETECT | ASC_REQ_REPLAY_DETECT | ASC_REQ_CONFIDENTIALITY |                     \
   ASC_REQ_EXTENDED_ERROR | ASC_REQ_ALLOCATE_MEMORY | ASC_REQ_STREAM)

struct listener {
  SOCKET s;
  CredHandle cred;
};

struct tls_conn {
  SOCKET s;
  CredHandle *cred;          // the listener's, not owned
  CtxtHandle ctx;
  BOOL ctx_valid;
  SecPkgContext_StreamSizes sizes;
  unsigned char buf[32768];
  size_t len;
};

extern void log_error(const char *what, SECURITY_STATUS ss);
extern PCCERT_CONTEXT load_server_certificate(void);

struct listener *listener_create(SOCKET s) {
  SCHANNEL_CRED sc;
  PCCERT_CONTEXT cert = load_server_certificate();
  CredHandle cred;
  struct listener *l;
  SECURITY_STATUS ss;

  if (cert == NULL)
    return NULL;
  memset(&sc, 0, sizeof sc);
  sc.dwVersion = SCHANNEL_CRED_VERSION;
  sc.cCreds = 1;
  sc.paCred = &cert;
  sc.grbitEnabledProtocols = SP_PROT_TLS1_2_SERVER;
  ss = AcquireCredentialsHandleA(NULL, UNISP_NAME_A, SECPKG_CRED_INBOUND, NULL, &sc, NULL, NULL,
                                 &cred, NULL);
  CertFreeCertificateContext(cert);
  if (ss != SEC_E_OK) {
    log_error("AcquireCredentialsHandle", ss);
    return NULL;
  }
  l = malloc(sizeof *l);
  if (l == NULL) {
    DeleteSecurityContext(&cred);
    // BUG: a credential is released with DeleteSecurityContext.
    // CHECK: schannel-server.c:[[@LINE-2]]:5: warning: credential handle 'cred' is released with 'DeleteSecurityContext', which releases context handles [sspi-mismatched-release]
    return NULL;
  }
  l->s = s;
  l->cred = cred;
  return l;
}

void listener_destroy(struct listener *l) {
  FreeCredentialsHandle(&l->cred);
  closesocket(l->s);
  free(l);
}

static int send_token(SOCKET s, SecBuffer *b) {
  int n = send(s, b->pvBuffer, (int)b->cbBuffer, 0);
  return n == (int)b->cbBuffer ? 0 : -1;
}

// Server handshake. On failure the context is deleted and ctx_valid cleared.
int tls_accept(struct tls_conn *c) {
  SecBuffer in[2], out[1];
  SecBufferDesc ind = {SECBUFFER_VERSION, 2, in};
  SecBufferDesc outd = {SECBUFFER_VERSION, 1, out};
  SECURITY_STATUS ss = SEC_E_INCOMPLETE_MESSAGE;
  ULONG attrs;
  int rc;

  c->len = 0;
  c->ctx_valid = FALSE;
  for (;;) {
    if (c->len == 0 || ss == SEC_E_INCOMPLETE_MESSAGE) {
      int n = recv(c->s, (char *)c->buf + c->len, (int)(sizeof c->buf - c->len), 0);
      if (n <= 0)
        goto fail;
      c->len += (size_t)n;
    }
    in[0].BufferType = SECBUFFER_TOKEN;
    in[0].pvBuffer = c->buf;
    in[0].cbBuffer = (unsigned long)c->len;
    in[1].BufferType = SECBUFFER_EMPTY;
    in[1].pvBuffer = NULL;
    in[1].cbBuffer = 0;
    out[0].BufferType = SECBUFFER_TOKEN;
    out[0].pvBuffer = NULL;
    out[0].cbBuffer = 0;

    ss = AcceptSecurityContext(c->cred, c->ctx_valid ? &c->ctx : NULL, &ind, ASC_FLAGS,
                               SECURITY_NATIVE_DREP, c->ctx_valid ? NULL : &c->ctx, &outd, &attrs,
                               NULL);
    if (ss == SEC_E_INCOMPLETE_MESSAGE)
      continue;
    if (FAILED(ss))
      goto fail;
    c->ctx_valid = TRUE;
    if (out[0].pvBuffer != NULL) {
      rc = out[0].cbBuffer != 0 ? send_token(c->s, &out[0]) : 0;
      FreeContextBuffer(out[0].pvBuffer);
      if (rc != 0)
        goto fail;
    }
    if (in[1].BufferType == SECBUFFER_EXTRA) {
      memmove(c->buf, c->buf + (c->len - in[1].cbBuffer), in[1].cbBuffer);
      c->len = in[1].cbBuffer;
    } else {
      c->len = 0;
    }
    if (ss == SEC_E_OK)
      break;
  }
  if (QueryContextAttributesA(&c->ctx, SECPKG_ATTR_STREAM_SIZES, &c->sizes) != SEC_E_OK)
    goto fail;
  return 0;

fail:
  if (c->ctx_valid) {
    DeleteSecurityContext(&c->ctx);
    c->ctx_valid = FALSE;
  }
  return -1;
}

int tls_read(struct tls_conn *c, char *dst, size_t cap) {
  SecBuffer b[4];
  SecBufferDesc d = {SECBUFFER_VERSION, 4, b};
  SECURITY_STATUS ss;
  int i;

  for (;;) {
    if (c->len == 0) {
      int n = recv(c->s, (char *)c->buf, (int)sizeof c->buf, 0);
      if (n <= 0)
        return -1;
      c->len = (size_t)n;
    }
    b[0].BufferType = SECBUFFER_DATA;
    b[0].pvBuffer = c->buf;
    b[0].cbBuffer = (unsigned long)c->len;
    for (i = 1; i < 4; i++) {
      b[i].BufferType = SECBUFFER_EMPTY;
      b[i].pvBuffer = NULL;
      b[i].cbBuffer = 0;
    }
    ss = DecryptMessage(&c->ctx, &d, 0, NULL);
    // BUG: reached again after the failed renegotiation below deleted the context.
    // CHECK: schannel-server.c:[[@LINE-2]]:10: warning: context handle 'c->ctx' is used by 'DecryptMessage' after it was released [sspi-use-after-release]
    if (ss == SEC_E_INCOMPLETE_MESSAGE) {
      int n = recv(c->s, (char *)c->buf + c->len, (int)(sizeof c->buf - c->len), 0);
      if (n <= 0)
        return -1;
      c->len += (size_t)n;
      continue;
    }
    if (ss == SEC_I_CONTEXT_EXPIRED)
      return 0;
    if (ss == SEC_I_RENEGOTIATE) {
      SecBuffer out = {0, SECBUFFER_TOKEN, NULL};
      SecBufferDesc outd = {SECBUFFER_VERSION, 1, &out};
      ULONG attrs;
      ss = AcceptSecurityContext(c->cred, &c->ctx, &d, ASC_FLAGS, SECURITY_NATIVE_DREP, NULL,
                                 &outd, &attrs, NULL);
      if (FAILED(ss)) {
        log_error("renegotiation", ss);
        DeleteSecurityContext(&c->ctx);
        c->ctx_valid = FALSE;
      } else if (out.pvBuffer != NULL) {
        send_token(c->s, &out);
        FreeContextBuffer(out.pvBuffer);
      }
      c->len = 0;
      continue;
    }
    if (FAILED(ss))
      return -1;
    for (i = 1; i < 4; i++) {
      if (b[i].BufferType == SECBUFFER_DATA) {
        size_t n = b[i].cbBuffer < cap ? b[i].cbBuffer : cap;
        memcpy(dst, b[i].pvBuffer, n);
        c->len = 0;
        return (int)n;
      }
    }
    c->len = 0;
  }
}

void tls_close(struct tls_conn *c) {
  DWORD type = SCHANNEL_SHUTDOWN;
  SecBuffer b = {sizeof type, SECBUFFER_TOKEN, &type};
  SecBufferDesc d = {SECBUFFER_VERSION, 1, &b};
  SecBuffer out = {0, SECBUFFER_TOKEN, NULL};
  SecBufferDesc outd = {SECBUFFER_VERSION, 1, &out};
  ULONG attrs;

  if (!c->ctx_valid)
    return;
  if (ApplyControlToken(&c->ctx, &d) == SEC_E_OK &&
      AcceptSecurityContext(c->cred, &c->ctx, NULL, ASC_FLAGS, SECURITY_NATIVE_DREP, NULL, &outd,
                            &attrs, NULL) >= 0 &&
      out.pvBuffer != NULL) {
    send_token(c->s, &out);
    FreeContextBuffer(out.pvBuffer);
  }
  DeleteSecurityContext(&c->ctx);
  c->ctx_valid = FALSE;
}

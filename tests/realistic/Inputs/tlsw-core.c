// The library half of tests/realistic/tlsw-app.c (checked by its RUN lines with the
// CORE prefix). Ground truth, 1 bug:
//   tlsw_local_user: SECPKG_CRED_ATTR_NAMES returns a user name the caller must free
//     with FreeContextBuffer; it is copied and dropped (sspi-buffer-leak).
#include "tlsw.h"
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define TLSW_ISC_FLAGS                                                                             \
  (ISC_REQ_SEQUENCE_DETECT | ISC_REQ_REPLAY_DETECT | ISC_REQ_CONFIDENTIALITY |                     \
   ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_STREAM)

int tlsw_init(struct tlsw *t, SOCKET s, const char *host) {
  SCHANNEL_CRED sc;
  memset(t, 0, sizeof *t);
  t->s = s;
  strncpy(t->host, host, sizeof t->host - 1);
  memset(&sc, 0, sizeof sc);
  sc.dwVersion = SCHANNEL_CRED_VERSION;
  sc.grbitEnabledProtocols = SP_PROT_TLS1_2_CLIENT;
  sc.dwFlags = SCH_CRED_AUTO_CRED_VALIDATION | SCH_USE_STRONG_CRYPTO;
  if (AcquireCredentialsHandleA(NULL, UNISP_NAME_A, SECPKG_CRED_OUTBOUND, NULL, &sc, NULL, NULL,
                                &t->cred, NULL) != SEC_E_OK)
    return -1;
  t->have_cred = TRUE;
  return 0;
}

static int send_all(SOCKET s, const void *p, unsigned long n) {
  const char *c = p;
  while (n > 0) {
    int k = send(s, c, (int)n, 0);
    if (k <= 0)
      return -1;
    c += k;
    n -= (unsigned long)k;
  }
  return 0;
}

// Runs the client handshake. On failure nothing is left in t->ctx.
int tlsw_handshake(struct tlsw *t) {
  SecBuffer ob[1], ib[2];
  SecBufferDesc od = {SECBUFFER_VERSION, 1, ob};
  SecBufferDesc id = {SECBUFFER_VERSION, 2, ib};
  ULONG attrs;
  SECURITY_STATUS ss;
  int n;

  ob[0].pvBuffer = NULL;
  ob[0].cbBuffer = 0;
  ob[0].BufferType = SECBUFFER_TOKEN;
  ss = InitializeSecurityContextA(&t->cred, NULL, t->host, TLSW_ISC_FLAGS, 0, 0, NULL, 0, &t->ctx,
                                  &od, &attrs, NULL);
  if (ss != SEC_I_CONTINUE_NEEDED) {
    if (ss >= 0) {
      if (ob[0].pvBuffer != NULL)
        FreeContextBuffer(ob[0].pvBuffer);
      DeleteSecurityContext(&t->ctx);
    }
    return -1;
  }
  t->have_ctx = TRUE;
  n = send_all(t->s, ob[0].pvBuffer, ob[0].cbBuffer);
  FreeContextBuffer(ob[0].pvBuffer);
  if (n != 0)
    goto fail;

  t->inlen = 0;
  while (ss == SEC_I_CONTINUE_NEEDED || ss == SEC_E_INCOMPLETE_MESSAGE) {
    int got = recv(t->s, (char *)t->in + t->inlen, (int)(sizeof t->in - t->inlen), 0);
    if (got <= 0)
      goto fail;
    t->inlen += (size_t)got;

    ib[0].pvBuffer = t->in;
    ib[0].cbBuffer = (unsigned long)t->inlen;
    ib[0].BufferType = SECBUFFER_TOKEN;
    ib[1].pvBuffer = NULL;
    ib[1].cbBuffer = 0;
    ib[1].BufferType = SECBUFFER_EMPTY;
    ob[0].pvBuffer = NULL;
    ob[0].cbBuffer = 0;
    ob[0].BufferType = SECBUFFER_TOKEN;
    ss = InitializeSecurityContextA(&t->cred, &t->ctx, t->host, TLSW_ISC_FLAGS, 0, 0, &id, 0, NULL,
                                    &od, &attrs, NULL);
    if (ss == SEC_E_INCOMPLETE_MESSAGE)
      continue;
    if (FAILED(ss))
      goto fail;
    if (ob[0].pvBuffer != NULL && ob[0].cbBuffer != 0) {
      n = send_all(t->s, ob[0].pvBuffer, ob[0].cbBuffer);
      FreeContextBuffer(ob[0].pvBuffer);
      if (n != 0)
        goto fail;
    }
    if (ib[1].BufferType == SECBUFFER_EXTRA) {
      memmove(t->in, t->in + (t->inlen - ib[1].cbBuffer), ib[1].cbBuffer);
      t->inlen = ib[1].cbBuffer;
    } else {
      t->inlen = 0;
    }
  }
  if (QueryContextAttributesA(&t->ctx, SECPKG_ATTR_STREAM_SIZES, &t->sizes) != SEC_E_OK)
    goto fail;
  return 0;

fail:
  DeleteSecurityContext(&t->ctx);
  t->have_ctx = FALSE;
  return -1;
}

int tlsw_write(struct tlsw *t, const void *buf, size_t len) {
  SecBuffer b[4];
  SecBufferDesc d = {SECBUFFER_VERSION, 4, b};
  unsigned char *msg;
  size_t total;
  int rc;

  if (len > t->sizes.cbMaximumMessage)
    len = t->sizes.cbMaximumMessage;
  total = t->sizes.cbHeader + len + t->sizes.cbTrailer;
  msg = malloc(total);
  if (msg == NULL)
    return -1;
  b[0].pvBuffer = msg;
  b[0].cbBuffer = t->sizes.cbHeader;
  b[0].BufferType = SECBUFFER_STREAM_HEADER;
  b[1].pvBuffer = msg + t->sizes.cbHeader;
  b[1].cbBuffer = (unsigned long)len;
  b[1].BufferType = SECBUFFER_DATA;
  b[2].pvBuffer = msg + t->sizes.cbHeader + len;
  b[2].cbBuffer = t->sizes.cbTrailer;
  b[2].BufferType = SECBUFFER_STREAM_TRAILER;
  b[3].pvBuffer = NULL;
  b[3].cbBuffer = 0;
  b[3].BufferType = SECBUFFER_EMPTY;
  memcpy(b[1].pvBuffer, buf, len);
  if (EncryptMessage(&t->ctx, 0, &d, 0) != SEC_E_OK) {
    free(msg);
    return -1;
  }
  rc = send_all(t->s, msg, b[0].cbBuffer + b[1].cbBuffer + b[2].cbBuffer);
  free(msg);
  return rc == 0 ? (int)len : -1;
}

int tlsw_read(struct tlsw *t, void *buf, size_t len) {
  SecBuffer b[4];
  SecBufferDesc d = {SECBUFFER_VERSION, 4, b};
  SECURITY_STATUS ss;
  int i;

  for (;;) {
    if (t->inlen > 0) {
      b[0].pvBuffer = t->in;
      b[0].cbBuffer = (unsigned long)t->inlen;
      b[0].BufferType = SECBUFFER_DATA;
      for (i = 1; i < 4; i++) {
        b[i].pvBuffer = NULL;
        b[i].cbBuffer = 0;
        b[i].BufferType = SECBUFFER_EMPTY;
      }
      ss = DecryptMessage(&t->ctx, &d, 0, NULL);
      if (ss == SEC_I_CONTEXT_EXPIRED)
        return 0;
      if (ss == SEC_E_OK) {
        size_t n = 0;
        for (i = 1; i < 4; i++) {
          if (b[i].BufferType == SECBUFFER_DATA) {
            n = b[i].cbBuffer < len ? b[i].cbBuffer : len;
            memcpy(buf, b[i].pvBuffer, n);
          }
        }
        t->inlen = 0;
        for (i = 1; i < 4; i++) {
          if (b[i].BufferType == SECBUFFER_EXTRA) {
            memmove(t->in, b[i].pvBuffer, b[i].cbBuffer);
            t->inlen = b[i].cbBuffer;
          }
        }
        return (int)n;
      }
      if (ss != SEC_E_INCOMPLETE_MESSAGE)
        return -1;
    }
    int got = recv(t->s, (char *)t->in + t->inlen, (int)(sizeof t->in - t->inlen), 0);
    if (got <= 0)
      return -1;
    t->inlen += (size_t)got;
  }
}

// Sends close_notify and deletes the context (requires a finished handshake).
int tlsw_shutdown(struct tlsw *t) {
  DWORD type = SCHANNEL_SHUTDOWN;
  SecBuffer b = {sizeof type, SECBUFFER_TOKEN, &type};
  SecBufferDesc d = {SECBUFFER_VERSION, 1, &b};
  SecBuffer ob = {0, SECBUFFER_TOKEN, NULL};
  SecBufferDesc od = {SECBUFFER_VERSION, 1, &ob};
  ULONG attrs;
  SECURITY_STATUS ss;
  int rc = -1;

  if (ApplyControlToken(&t->ctx, &d) == SEC_E_OK) {
    ss = InitializeSecurityContextA(&t->cred, &t->ctx, t->host, TLSW_ISC_FLAGS, 0, 0, NULL, 0,
                                    &t->ctx, &od, &attrs, NULL);
    if (ss == SEC_E_OK && ob.pvBuffer != NULL) {
      rc = send_all(t->s, ob.pvBuffer, ob.cbBuffer);
      FreeContextBuffer(ob.pvBuffer);
    }
  }
  DeleteSecurityContext(&t->ctx);
  t->have_ctx = FALSE;
  return rc;
}

void tlsw_free(struct tlsw *t) {
  if (t->have_ctx) {
    DeleteSecurityContext(&t->ctx);
    t->have_ctx = FALSE;
  }
  if (t->have_cred) {
    FreeCredentialsHandle(&t->cred);
    t->have_cred = FALSE;
  }
}

// The name the client credential runs as (for the log). Caller frees with free().
wchar_t *tlsw_local_user(struct tlsw *t) {
  SecPkgCredentials_NamesW names;
  wchar_t *copy;
  if (QueryCredentialsAttributesW(&t->cred, SECPKG_CRED_ATTR_NAMES, &names) != SEC_E_OK)
    return NULL;
  copy = _wcsdup(names.sUserName);
  return copy;
  // BUG: names.sUserName is not given back.
  // CORE: tlsw-core.c:[[@LINE-2]]:3: warning: SSPI-allocated buffer 'names.sUserName' is not released when the function returns [sspi-buffer-leak]
}

// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// A TLS backend in the shape of curl's lib/vtls/schannel.c: the function table s_pSecFn
// (InitSecurityInterface, curl_sspi.c), credential and context handles in separately
// allocated structs behind a per-connection backend, request flags kept in the backend,
// InitSecBuffer helpers, a handshake step that reads until the token is complete and
// sends every output token, a stream-sizes query, a shutdown that sends close_notify, and
// a reference-counted credential.
// Ground truth, 2 bugs:
//   schannel_acquire_cred: the credential memory is freed with the handle still held when
//     the session cache is full (sspi-credential-leak at the free).
//   connect_step2: an output token is not freed when send() fails (sspi-buffer-leak).
#define SECURITY_WIN32
#include <winsock2.h>
#include <windows.h>
#include <schannel.h>
#include <sspi.h>
#include <stdlib.h>
#include <string.h>

typedef enum { CURLE_OK, CURLE_OUT_OF_MEMORY, CURLE_SSL_CONNECT_ERROR, CURLE_AGAIN, CURLE_SEND_ERROR } CURLcode;

struct Curl_schannel_cred {
  CredHandle cred_handle;
  TimeStamp time_stamp;
  int refcount;
};

struct Curl_schannel_ctxt {
  CtxtHandle ctxt_handle;
  TimeStamp time_stamp;
};

struct schannel_backend {
  struct Curl_schannel_cred *cred;
  struct Curl_schannel_ctxt *ctxt;
  SecPkgContext_StreamSizes stream_sizes;
  unsigned char *encdata_buffer;
  size_t encdata_length, encdata_offset;
  unsigned long req_flags, ret_flags;
  int connecting_state;
};

struct connectdata {
  SOCKET sock;
  char *hostname;
  int cache_entries;
  struct schannel_backend *backend;
};

PSecurityFunctionTable s_pSecFn = NULL;

extern void failf(struct connectdata *conn, const char *fmt, ...);

CURLcode Curl_sspi_global_init(void) {
  if (s_pSecFn == NULL) {
    s_pSecFn = InitSecurityInterface();
    if (s_pSecFn == NULL)
      return CURLE_OUT_OF_MEMORY;
  }
  return CURLE_OK;
}

static void InitSecBuffer(SecBuffer *buffer, unsigned long BufType, void *BufDataPtr,
                          unsigned long BufByteSize) {
  buffer->cbBuffer = BufByteSize;
  buffer->BufferType = BufType;
  buffer->pvBuffer = BufDataPtr;
}

static void InitSecBufferDesc(SecBufferDesc *desc, SecBuffer *BufArr, unsigned long NumArrElem) {
  desc->ulVersion = SECBUFFER_VERSION;
  desc->pBuffers = BufArr;
  desc->cBuffers = NumArrElem;
}

static CURLcode schannel_acquire_cred(struct connectdata *conn, struct schannel_backend *backend) {
  SCHANNEL_CRED schannel_cred;
  SECURITY_STATUS sspi_status;

  memset(&schannel_cred, 0, sizeof schannel_cred);
  schannel_cred.dwVersion = SCHANNEL_CRED_VERSION;
  schannel_cred.dwFlags = SCH_CRED_AUTO_CRED_VALIDATION | SCH_USE_STRONG_CRYPTO;
  schannel_cred.grbitEnabledProtocols = SP_PROT_TLS1_2_CLIENT;

  backend->cred = calloc(1, sizeof(struct Curl_schannel_cred));
  if (backend->cred == NULL)
    return CURLE_OUT_OF_MEMORY;
  sspi_status = s_pSecFn->AcquireCredentialsHandle(NULL, UNISP_NAME, SECPKG_CRED_OUTBOUND, NULL,
                                                   &schannel_cred, NULL, NULL,
                                                   &backend->cred->cred_handle,
                                                   &backend->cred->time_stamp);
  if (sspi_status != SEC_E_OK) {
    failf(conn, "schannel: AcquireCredentialsHandle failed");
    free(backend->cred);
    backend->cred = NULL;
    return CURLE_SSL_CONNECT_ERROR;
  }
  if (conn->cache_entries >= 8) {
    failf(conn, "schannel: session cache full");
    free(backend->cred);
    // BUG: the credential handle is still held.
    // CHECK: curl-schannel.c:[[@LINE-2]]:5: warning: credential handle 'backend->cred->cred_handle' is not released before 'free' frees the memory holding it [sspi-credential-leak]
    backend->cred = NULL;
    return CURLE_OUT_OF_MEMORY;
  }
  conn->cache_entries++;
  backend->cred->refcount = 1;
  return CURLE_OK;
}

static CURLcode schannel_connect_step1(struct connectdata *conn) {
  struct schannel_backend *backend = conn->backend;
  SecBuffer outbuf;
  SecBufferDesc outbuf_desc;
  SECURITY_STATUS sspi_status;
  CURLcode result;
  int written;

  result = schannel_acquire_cred(conn, backend);
  if (result != CURLE_OK)
    return result;

  InitSecBuffer(&outbuf, SECBUFFER_EMPTY, NULL, 0);
  InitSecBufferDesc(&outbuf_desc, &outbuf, 1);
  backend->req_flags = ISC_REQ_SEQUENCE_DETECT | ISC_REQ_REPLAY_DETECT | ISC_REQ_CONFIDENTIALITY |
                       ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_STREAM;

  backend->ctxt = calloc(1, sizeof(struct Curl_schannel_ctxt));
  if (backend->ctxt == NULL)
    return CURLE_OUT_OF_MEMORY;

  sspi_status = s_pSecFn->InitializeSecurityContext(&backend->cred->cred_handle, NULL,
                                                    conn->hostname, backend->req_flags, 0, 0,
                                                    NULL, 0, &backend->ctxt->ctxt_handle,
                                                    &outbuf_desc, &backend->ret_flags,
                                                    &backend->ctxt->time_stamp);
  if (sspi_status != SEC_I_CONTINUE_NEEDED) {
    free(backend->ctxt);
    backend->ctxt = NULL;
    failf(conn, "schannel: initial InitializeSecurityContext failed");
    return CURLE_SSL_CONNECT_ERROR;
  }

  written = send(conn->sock, outbuf.pvBuffer, (int)outbuf.cbBuffer, 0);
  s_pSecFn->FreeContextBuffer(outbuf.pvBuffer);
  if (written != (int)outbuf.cbBuffer)
    return CURLE_SSL_CONNECT_ERROR;

  backend->encdata_length = 4096;
  backend->encdata_offset = 0;
  backend->connecting_state = 2;
  return CURLE_OK;
}

static CURLcode schannel_connect_step2(struct connectdata *conn) {
  struct schannel_backend *backend = conn->backend;
  SecBuffer outbuf[3];
  SecBufferDesc outbuf_desc;
  SecBuffer inbuf[2];
  SecBufferDesc inbuf_desc;
  SECURITY_STATUS sspi_status;
  int nread, written, i;

  if (backend->encdata_buffer == NULL) {
    backend->encdata_buffer = malloc(backend->encdata_length);
    if (backend->encdata_buffer == NULL)
      return CURLE_OUT_OF_MEMORY;
  }

  for (;;) {
    nread = recv(conn->sock, (char *)backend->encdata_buffer + backend->encdata_offset,
                 (int)(backend->encdata_length - backend->encdata_offset), 0);
    if (nread == 0) {
      failf(conn, "schannel: server closed the connection during the handshake");
      return CURLE_SSL_CONNECT_ERROR;
    }
    if (nread < 0)
      return CURLE_AGAIN;
    backend->encdata_offset += (size_t)nread;

    InitSecBuffer(&inbuf[0], SECBUFFER_TOKEN, malloc(backend->encdata_offset),
                  (unsigned long)backend->encdata_offset);
    InitSecBuffer(&inbuf[1], SECBUFFER_EMPTY, NULL, 0);
    InitSecBufferDesc(&inbuf_desc, inbuf, 2);
    InitSecBuffer(&outbuf[0], SECBUFFER_TOKEN, NULL, 0);
    InitSecBuffer(&outbuf[1], SECBUFFER_ALERT, NULL, 0);
    InitSecBuffer(&outbuf[2], SECBUFFER_EMPTY, NULL, 0);
    InitSecBufferDesc(&outbuf_desc, outbuf, 3);
    if (inbuf[0].pvBuffer == NULL)
      return CURLE_OUT_OF_MEMORY;
    memcpy(inbuf[0].pvBuffer, backend->encdata_buffer, backend->encdata_offset);

    sspi_status = s_pSecFn->InitializeSecurityContext(&backend->cred->cred_handle,
                                                      &backend->ctxt->ctxt_handle, conn->hostname,
                                                      backend->req_flags, 0, 0, &inbuf_desc, 0,
                                                      NULL, &outbuf_desc, &backend->ret_flags,
                                                      &backend->ctxt->time_stamp);
    free(inbuf[0].pvBuffer);

    if (sspi_status == SEC_E_INCOMPLETE_MESSAGE)
      continue;

    if (sspi_status == SEC_I_CONTINUE_NEEDED || sspi_status == SEC_E_OK) {
      for (i = 0; i < 3; i++) {
        if (outbuf[i].BufferType == SECBUFFER_TOKEN && outbuf[i].cbBuffer > 0) {
          written = send(conn->sock, outbuf[i].pvBuffer, (int)outbuf[i].cbBuffer, 0);
          if (written != (int)outbuf[i].cbBuffer) {
            failf(conn, "schannel: failed to send next handshake data");
            return CURLE_SSL_CONNECT_ERROR;
            // BUG: outbuf[i].pvBuffer is not freed. The request flags come from
            // backend->req_flags (set in step 1: the program's constants in members), and
            // the output tokens land in outbuf through InitSecBufferDesc, whose summary
            // stores its second argument in the descriptor's pBuffers.
            // CHECK: curl-schannel.c:[[@LINE-5]]:13: warning: SSPI-allocated buffer 'outbuf[].pvBuffer' is not released when the function returns [sspi-buffer-leak]
            // CHECK-NEXT: curl-schannel.c:[[@LINE-22]]:19: note: SSPI-allocated buffer acquired here by 'InitializeSecurityContextA'
          }
        }
        if (outbuf[i].pvBuffer != NULL)
          s_pSecFn->FreeContextBuffer(outbuf[i].pvBuffer);
      }
    } else {
      failf(conn, "schannel: next InitializeSecurityContext failed");
      return CURLE_SSL_CONNECT_ERROR;
    }

    if (inbuf[1].BufferType == SECBUFFER_EXTRA && inbuf[1].cbBuffer > 0) {
      memmove(backend->encdata_buffer,
              backend->encdata_buffer + (backend->encdata_offset - inbuf[1].cbBuffer),
              inbuf[1].cbBuffer);
      backend->encdata_offset = inbuf[1].cbBuffer;
      if (sspi_status == SEC_I_CONTINUE_NEEDED)
        continue;
    } else {
      backend->encdata_offset = 0;
    }
    if (sspi_status == SEC_E_OK)
      break;
  }
  backend->connecting_state = 3;
  return CURLE_OK;
}

static CURLcode schannel_connect_step3(struct connectdata *conn) {
  struct schannel_backend *backend = conn->backend;
  SECURITY_STATUS sspi_status;
  PCCERT_CONTEXT ccert_context = NULL;

  sspi_status = s_pSecFn->QueryContextAttributes(&backend->ctxt->ctxt_handle,
                                                 SECPKG_ATTR_STREAM_SIZES, &backend->stream_sizes);
  if (sspi_status != SEC_E_OK)
    return CURLE_SSL_CONNECT_ERROR;
  sspi_status = s_pSecFn->QueryContextAttributes(&backend->ctxt->ctxt_handle,
                                                 SECPKG_ATTR_REMOTE_CERT_CONTEXT, &ccert_context);
  if (sspi_status != SEC_E_OK || ccert_context == NULL)
    return CURLE_SSL_CONNECT_ERROR;
  CertFreeCertificateContext(ccert_context);
  backend->connecting_state = 0;
  return CURLE_OK;
}

CURLcode schannel_connect(struct connectdata *conn) {
  CURLcode result;
  if (conn->backend->connecting_state == 1) {
    result = schannel_connect_step1(conn);
    if (result != CURLE_OK)
      return result;
  }
  if (conn->backend->connecting_state == 2) {
    result = schannel_connect_step2(conn);
    if (result != CURLE_OK)
      return result;
  }
  return schannel_connect_step3(conn);
}

CURLcode schannel_send(struct connectdata *conn, const void *buf, size_t len) {
  struct schannel_backend *backend = conn->backend;
  SecBuffer outbuf[4];
  SecBufferDesc outbuf_desc;
  SECURITY_STATUS sspi_status;
  unsigned char *data;
  size_t data_len;

  if (len > backend->stream_sizes.cbMaximumMessage)
    len = backend->stream_sizes.cbMaximumMessage;
  data_len = backend->stream_sizes.cbHeader + len + backend->stream_sizes.cbTrailer;
  data = malloc(data_len);
  if (data == NULL)
    return CURLE_OUT_OF_MEMORY;
  InitSecBuffer(&outbuf[0], SECBUFFER_STREAM_HEADER, data, backend->stream_sizes.cbHeader);
  InitSecBuffer(&outbuf[1], SECBUFFER_DATA, data + backend->stream_sizes.cbHeader, (unsigned long)len);
  InitSecBuffer(&outbuf[2], SECBUFFER_STREAM_TRAILER, data + backend->stream_sizes.cbHeader + len,
                backend->stream_sizes.cbTrailer);
  InitSecBuffer(&outbuf[3], SECBUFFER_EMPTY, NULL, 0);
  InitSecBufferDesc(&outbuf_desc, outbuf, 4);
  memcpy(outbuf[1].pvBuffer, buf, len);

  sspi_status = s_pSecFn->EncryptMessage(&backend->ctxt->ctxt_handle, 0, &outbuf_desc, 0);
  if (sspi_status == SEC_E_OK) {
    int n = send(conn->sock, (char *)data,
                 (int)(outbuf[0].cbBuffer + outbuf[1].cbBuffer + outbuf[2].cbBuffer), 0);
    free(data);
    return n > 0 ? CURLE_OK : CURLE_SEND_ERROR;
  }
  free(data);
  return CURLE_SEND_ERROR;
}

void schannel_shutdown(struct connectdata *conn) {
  struct schannel_backend *backend = conn->backend;

  if (backend->ctxt != NULL) {
    SecBufferDesc BuffDesc;
    SecBuffer Buffer;
    SecBuffer outbuf;
    SecBufferDesc outbuf_desc;
    SECURITY_STATUS sspi_status;
    DWORD dwshut = SCHANNEL_SHUTDOWN;

    InitSecBuffer(&Buffer, SECBUFFER_TOKEN, &dwshut, sizeof(dwshut));
    InitSecBufferDesc(&BuffDesc, &Buffer, 1);
    sspi_status = s_pSecFn->ApplyControlToken(&backend->ctxt->ctxt_handle, &BuffDesc);
    if (sspi_status != SEC_E_OK)
      failf(conn, "schannel: ApplyControlToken failure");

    InitSecBuffer(&outbuf, SECBUFFER_EMPTY, NULL, 0);
    InitSecBufferDesc(&outbuf_desc, &outbuf, 1);
    sspi_status = s_pSecFn->InitializeSecurityContext(
        &backend->cred->cred_handle, &backend->ctxt->ctxt_handle, conn->hostname,
        backend->req_flags, 0, 0, NULL, 0, &backend->ctxt->ctxt_handle, &outbuf_desc,
        &backend->ret_flags, &backend->ctxt->time_stamp);
    if (sspi_status == SEC_E_OK || sspi_status == SEC_I_CONTEXT_EXPIRED) {
      int written = send(conn->sock, outbuf.pvBuffer, (int)outbuf.cbBuffer, 0);
      s_pSecFn->FreeContextBuffer(outbuf.pvBuffer);
      if (written != (int)outbuf.cbBuffer)
        failf(conn, "schannel: failed to send close msg");
    }
  }

  if (backend->ctxt != NULL) {
    s_pSecFn->DeleteSecurityContext(&backend->ctxt->ctxt_handle);
    free(backend->ctxt);
    backend->ctxt = NULL;
  }
  if (backend->cred != NULL) {
    backend->cred->refcount--;
    if (backend->cred->refcount == 0) {
      s_pSecFn->FreeCredentialsHandle(&backend->cred->cred_handle);
      free(backend->cred);
    }
    backend->cred = NULL;
  }
  free(backend->encdata_buffer);
  backend->encdata_buffer = NULL;
}

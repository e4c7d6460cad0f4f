// The helpers of schan-buf.h (a unit of its own).
#include "schan-buf.h"

void schan_buf_init(SecBuffer *b, unsigned long type, void *data, unsigned long len) {
  b->cbBuffer = len;
  b->BufferType = type;
  b->pvBuffer = data;
}

void schan_desc_init(SecBufferDesc *d, SecBuffer *bufs, unsigned long n) {
  d->ulVersion = SECBUFFER_VERSION;
  d->pBuffers = bufs;
  d->cBuffers = n;
}

// Stores the array only when it has buffers: after a call, where pBuffers points is not
// known.
void schan_desc_init_some(SecBufferDesc *d, SecBuffer *bufs, unsigned long n) {
  d->ulVersion = SECBUFFER_VERSION;
  d->cBuffers = n;
  if (n > 0)
    d->pBuffers = bufs;
}

void schan_conn_start(struct schan_conn *c, int sock) {
  c->sock = sock;
  c->have_ctx = false;
  c->req_flags = SCHAN_REQ;
}

void schan_conn_close(struct schan_conn *c) {
  if (c->have_ctx) {
    DeleteSecurityContext(&c->ctx);
    c->have_ctx = false;
  }
  FreeCredentialsHandle(&c->cred);
}

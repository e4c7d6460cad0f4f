// A Schannel client's buffer helpers, in the project's util unit (schan-buf.c), and its
// connection: the request flags are chosen once, when the connection starts.
#define SECURITY_WIN32
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <sspi.h>

#define SCHAN_REQ (ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_CONFIDENTIALITY | ISC_REQ_STREAM | \
                   ISC_REQ_REPLAY_DETECT | ISC_REQ_SEQUENCE_DETECT)

struct schan_conn {
  CredHandle cred;
  CtxtHandle ctx;
  bool have_ctx;
  ULONG req_flags;
  ULONG ret_flags;
  unsigned char *enc;
  size_t enc_len;
  int sock;
};

void schan_buf_init(SecBuffer *b, unsigned long type, void *data, unsigned long len);
void schan_desc_init(SecBufferDesc *d, SecBuffer *bufs, unsigned long n);
void schan_desc_init_some(SecBufferDesc *d, SecBuffer *bufs, unsigned long n);
void schan_conn_start(struct schan_conn *c, int sock);
void schan_conn_close(struct schan_conn *c);
int schan_send_all(int sock, const void *data, unsigned long len);

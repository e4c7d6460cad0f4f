// A TLS layer's session: the request flags are chosen once, when the session is set
// up (tls-session-init.c), and read by the handshake in another unit.
#define SECURITY_WIN32
#include <stdbool.h>
#include <windows.h>
#include <sspi.h>

#define TLS_REQ_CLIENT (ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_CONFIDENTIALITY | ISC_REQ_STREAM | \
                        ISC_REQ_REPLAY_DETECT | ISC_REQ_SEQUENCE_DETECT)
#define TLS_REQ_MANUAL (ISC_REQ_CONFIDENTIALITY | ISC_REQ_STREAM)

struct tls_session {
  CredHandle cred;
  CtxtHandle ctx;
  bool have_ctx;
  ULONG req_flags;      /* always with ISC_REQ_ALLOCATE_MEMORY */
  ULONG ret_flags;
  ULONG manual_flags;   /* set from the caller: unknown here */
  int sock;
};

struct tls_session *tls_session_new(int sock, ULONG extra);
void tls_session_free(struct tls_session *s);
int tls_send_all(int sock, const void *buf, unsigned long len);

// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=note:
// RUN: not %sspi-check --stats %s 2>&1 | FileCheck %s --check-prefix=STATS
// STATS: capped-functions=0
// A cursor that steps through a packed list of variable-length records
// (elem = (T *)&elem->items[elem->count]) names a longer place on every round of the
// loop. The walk limits how long a pointed-to place may grow, so the loop settles, the
// function is not cut short, and what happens after the loop is still checked.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdbool.h>

typedef struct syntax_id {
  GUID uuid;
  unsigned short major, minor;
} syntax_id;

typedef struct bind_elem {
  unsigned char count;
  unsigned char reserved;
  syntax_id iface;
  syntax_id transfers[1];
} bind_elem;

typedef struct bind_packet {
  unsigned char nelems;
  ULONG length;
  unsigned char *data;
} bind_packet;

typedef struct server_conn {
  CredHandle cred;
  CtxtHandle ctx;
  bool have_ctx;
  SecBuffer reply;
} server_conn;

extern bool iface_known(const syntax_id *id);

static bool packet_ok(const bind_packet *pkt) {
  const bind_elem *elem = (const bind_elem *)pkt->data;
  for (unsigned i = 0; i < pkt->nelems;
       i++, elem = (const bind_elem *)&elem->transfers[elem->count]) {
    if ((const unsigned char *)&elem->transfers[elem->count] - pkt->data > (long)pkt->length)
      return false;
    if (!iface_known(&elem->iface))
      return false;
  }
  return true;
}

/* Accepts the client's first token; the context is kept only when the packet is good. */
int server_accept(server_conn *conn, const bind_packet *pkt, SecBufferDesc *in) {
  CtxtHandle ctx;
  SecBufferDesc out_desc;
  ULONG attrs;
  TimeStamp expiry;
  out_desc.ulVersion = SECBUFFER_VERSION;
  out_desc.cBuffers = 1;
  out_desc.pBuffers = &conn->reply;
  SECURITY_STATUS st = AcceptSecurityContext(&conn->cred, NULL, in, ASC_REQ_CONNECTION, SECURITY_NATIVE_DREP,
                                             &ctx, &out_desc, &attrs, &expiry);
  if (st != SEC_E_OK && st != SEC_I_CONTINUE_NEEDED)
    return -1;
  const bind_elem *elem = (const bind_elem *)pkt->data;
  for (unsigned i = 0; i < pkt->nelems;
       i++, elem = (const bind_elem *)&elem->transfers[elem->count]) {
    if (!iface_known(&elem->iface))
      return -2;
    // CHECK: cursor-loop.c:[[@LINE-1]]:7: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
    // CHECK-NEXT: cursor-loop.c:[[@LINE-10]]:24: note: context handle acquired here by 'AcceptSecurityContext'
    // The rounds of the loop the walk took before its states repeated are folded:
    // CHECK-NEXT: cursor-loop.c:[[@LINE-10]]:7: note: taking the false branch
    // CHECK-NEXT: cursor-loop.c:[[@LINE-8]]:24: note: taking the true branch
    // CHECK-NEXT: cursor-loop.c:[[@LINE-7]]:9: note: taking the true branch
  }
  if (!packet_ok(pkt)) {
    DeleteSecurityContext(&ctx);
    return -3;
  }
  conn->ctx = ctx;
  conn->have_ctx = true;
  return 0;
}

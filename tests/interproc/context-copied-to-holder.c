// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning: --implicit-check-not=error:
// A server copies each accepted context into a heap holder (memcpy, or a struct
// assignment) and hands the holder to its session list. The context moves with the copy:
// a path that neither deletes it nor hands the holder on leaks it.
#define SECURITY_WIN32
#include <stdlib.h>
#include <string.h>
#include <windows.h>
#include <sspi.h>

typedef struct session {
  CtxtHandle ctx;
  ULONG attrs;
  struct session *next;
} session;

void sessions_add(session *s);

int accept_client(CredHandle *cred, SecBufferDesc *in, SecBufferDesc *out) {
  CtxtHandle newctx;
  ULONG attrs;
  SECURITY_STATUS ss = AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONFIDENTIALITY,
                                             SECURITY_NATIVE_DREP, &newctx, out, &attrs, NULL);
  if (ss < 0)
    return -1;
  session *s = calloc(1, sizeof *s);
  if (!s) {
    DeleteSecurityContext(&newctx);
    return -1;
  }
  memcpy(&s->ctx, &newctx, sizeof(CtxtHandle));
  s->attrs = attrs;
  sessions_add(s);
  return 0;
}

int accept_client_leaky(CredHandle *cred, SecBufferDesc *in, SecBufferDesc *out) {
  CtxtHandle newctx;
  ULONG attrs;
  SECURITY_STATUS ss = AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONFIDENTIALITY,
                                             SECURITY_NATIVE_DREP, &newctx, out, &attrs, NULL);
  if (ss < 0)
    return -1;
  session *s = calloc(1, sizeof *s);
  if (!s) {
    DeleteSecurityContext(&newctx);
    return -1;
  }
  memcpy(&s->ctx, &newctx, sizeof(CtxtHandle));
  if (!(attrs & ASC_RET_CONFIDENTIALITY)) {
    free(s);
    // CHECK: :[[@LINE-1]]:5: warning: context handle {{.*}} is not released before 'free' frees the memory holding it [sspi-context-leak]
    return -1;
  }
  s->attrs = attrs;
  sessions_add(s);
  return 0;
}

int accept_client_assign(CredHandle *cred, SecBufferDesc *in, SecBufferDesc *out) {
  CtxtHandle newctx;
  ULONG attrs;
  SECURITY_STATUS ss = AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONFIDENTIALITY,
                                             SECURITY_NATIVE_DREP, &newctx, out, &attrs, NULL);
  if (ss < 0)
    return -1;
  session *s = calloc(1, sizeof *s);
  if (!s) {
    DeleteSecurityContext(&newctx);
    return -1;
  }
  s->ctx = newctx;
  if (!(attrs & ASC_RET_CONFIDENTIALITY)) {
    DeleteSecurityContext(&s->ctx);
    free(s);
    return -1;
  }
  sessions_add(s);
  return 0;
}

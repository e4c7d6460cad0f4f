// RUN: %sspi-check --dump-ir %s | FileCheck %s
// Places: p->f is DEREF+FIELD, (*p).f the same, a[i] INDEX (any index), *p
// DEREF, (&x)->f is x.f, *&x is x, &*p is p; arrays used as pointers are the
// address of their element; static locals and globals are marked.
#include "../Inputs/sspi-sim.h"

struct conn {
  CredHandle cred;
  CtxtHandle ctxs[4];
  SecBuffer *bufs;
  struct conn *next;
};
CredHandle g_cred;
void take(void *);

void places(struct conn *c, PCredHandle out, SecBufferDesc *desc, int i) {
  static CtxtHandle cached;
  struct conn local;
  SecBuffer arr[2];
  take(&c->cred);
  take(&(*c).ctxs[i + 1]);
  take(c->bufs[0].pvBuffer);
  take(c->next->next->bufs);
  take(&(&local)->cred);
  take(*&out);
  take(&*out);
  take(arr);
  take(desc->pBuffers[1].pvBuffer);
  take(&g_cred);
  take(&cached);
  *out = local.cred;
  out[1].dwLower = 0;
}
// CHECK-LABEL: func places
// CHECK:        call#1 take(&c->cred)
// CHECK-NEXT:   call#2 take(&c->ctxs[])
// CHECK-NEXT:   call#3 take(c->bufs[].pvBuffer)
// CHECK-NEXT:   call#4 take(c->next->next->bufs)
// CHECK-NEXT:   call#5 take(&local.cred)
// CHECK-NEXT:   call#6 take(out)
// CHECK-NEXT:   call#7 take(out)
// CHECK-NEXT:   call#8 take(&arr[])
// CHECK-NEXT:   call#9 take(desc->pBuffers[].pvBuffer)
// CHECK-NEXT:   call#10 take(&::g_cred)
// CHECK-NEXT:   call#11 take(&static:cached)
// CHECK-NEXT:   assign *out = local.cred
// CHECK-NEXT:   assign out[].dwLower = 0

// RUN: %sspi-check --dump-ir %s | FileCheck %s
// Declarations: no initialiser -> decl; = {0} / = {} / all-zero lists -> clear;
// other braced lists -> clear then one assignment per non-zero member (also
// designated); = expr -> assign; static locals -> nothing.
#include "../Inputs/sspi-sim.h"

PSecBuffer make(void);

void decls(PCredHandle in) {
  CredHandle a;
  CredHandle b = {0};
  CtxtHandle c = {};
  SecBuffer d = {0, 0, NULL};
  SecBuffer e = {0, SECBUFFER_TOKEN, NULL};
  SecBuffer f = {.pvBuffer = NULL, .BufferType = SECBUFFER_TOKEN};
  SecBufferDesc g = {SECBUFFER_VERSION, 1, &e};
  CredHandle h = *in;
  PSecBuffer p = make(), q = p;
  static CredHandle s;
  static CredHandle t = {0};
  int n[3] = {0, 1};
}
// CHECK-LABEL: func decls
// CHECK:      bb0:
// CHECK-NEXT:   decl a : CredHandle  ({{.*}}:10:14)
// CHECK-NEXT:   clear b : CredHandle  ({{.*}}:11:14)
// CHECK-NEXT:   clear c : CtxtHandle  ({{.*}}:12:14)
// CHECK-NEXT:   clear d : SecBuffer  ({{.*}}:13:13)
// CHECK-NEXT:   clear e : SecBuffer  ({{.*}}:14:13)
// CHECK-NEXT:   assign e.BufferType = SECBUFFER_TOKEN=2  ({{.*}}:14:13)
// CHECK-NEXT:   clear f : SecBuffer  ({{.*}}:15:13)
// CHECK-NEXT:   assign f.BufferType = SECBUFFER_TOKEN=2  ({{.*}}:15:13)
// CHECK-NEXT:   clear g : SecBufferDesc  ({{.*}}:16:17)
// CHECK-NEXT:   assign g.cBuffers = 1  ({{.*}}:16:17)
// CHECK-NEXT:   assign g.pBuffers = &e  ({{.*}}:16:17)
// CHECK-NEXT:   assign h = *in  ({{.*}}:17:14)
// CHECK-NEXT:   call#1 make()  ({{.*}}:18:18)
// CHECK-NEXT:   assign p = call#1  ({{.*}}:18:14)
// CHECK-NEXT:   assign q = p  ({{.*}}:18:26)
// CHECK-NEXT:   clear n : int[3]  ({{.*}}:21:7)
// CHECK-NEXT:   assign n[] = 1  ({{.*}}:21:7)
// CHECK-NEXT:   return implicit  ({{.*}}:22:1)

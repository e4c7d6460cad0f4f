// RUN: %sspi-check --dump-ir %s | FileCheck %s
// && || ! ?: and the comma operator become control flow, in conditions and in
// value contexts; a value-context ?: yields a choice value, a complex condition used
// as a value a temporary set to 1 or 0 on each side.
#include "../Inputs/sspi-sim.h"

int ready(void);
int probe(int);

int conds(int a, int b, CtxtHandle *ctx, int first) {
  if (a && !b)
    return 1;
  if (!(a || b))
    return 2;
  if ((probe(a), b) ? a : !a)
    return 3;
  int ok = ready() && probe(b);
  DeleteSecurityContext(first ? NULL : ctx);
  return ok;
}
// CHECK-LABEL: func conds
// CHECK:      bb0:
// CHECK-NEXT:   branch cmp(a != 0) -> [[B:bb[0-9]+]], [[IF2:bb[0-9]+]]  ({{.*}}:11:7)
// CHECK-NEXT: [[R1:bb[0-9]+]]:
// CHECK-NEXT:   return 1  ({{.*}}:12:5)
// CHECK-NEXT: [[IF2]]:
// CHECK-NEXT:   branch cmp(a != 0) -> [[IF3:bb[0-9]+]], [[OR:bb[0-9]+]]  ({{.*}}:13:9)
// CHECK-NEXT: [[B]]:
// CHECK-NEXT:   branch cmp(b == 0) -> [[R1]], [[IF2]]  ({{.*}}:11:12)
// CHECK-NEXT: [[R2:bb[0-9]+]]:
// CHECK-NEXT:   return 2  ({{.*}}:14:5)
// CHECK-NEXT: [[IF3]]:
// CHECK-NEXT:   call#1 probe(a)  ({{.*}}:15:8)
// CHECK-NEXT:   branch cmp(b != 0) -> [[TA:bb[0-9]+]], [[TB:bb[0-9]+]]  ({{.*}}:15:18)
// CHECK-NEXT: [[OR]]:
// CHECK-NEXT:   branch cmp(b != 0) -> [[IF3]], [[R2]]  ({{.*}}:13:14)
// CHECK-NEXT: [[R3:bb[0-9]+]]:
// CHECK-NEXT:   return 3  ({{.*}}:16:5)
// CHECK-NEXT: [[AFTER:bb[0-9]+]]:
// CHECK-NEXT:   call#2 ready()  ({{.*}}:17:12)
// CHECK-NEXT:   branch cmp(call#2 != 0) -> [[P:bb[0-9]+]], [[F:bb[0-9]+]]  ({{.*}}:17:12)
// CHECK-NEXT: [[TA]]:
// CHECK-NEXT:   branch cmp(a != 0) -> [[R3]], [[AFTER]]  ({{.*}}:15:23)
// CHECK-NEXT: [[TB]]:
// CHECK-NEXT:   branch cmp(a == 0) -> [[R3]], [[AFTER]]  ({{.*}}:15:27)
// CHECK-NEXT: [[T:bb[0-9]+]]:
// CHECK-NEXT:   assign $t1 = 1  ({{.*}}:17:12)
// CHECK-NEXT:   goto [[JOIN:bb[0-9]+]]
// CHECK-NEXT: [[F]]:
// CHECK-NEXT:   assign $t1 = 0  ({{.*}}:17:12)
// CHECK-NEXT:   goto [[JOIN]]
// CHECK-NEXT: [[JOIN]]:
// CHECK-NEXT:   assign ok = $t1  ({{.*}}:17:7)
// CHECK-NEXT:   branch cmp(first != 0) -> [[CHOSEN:bb[0-9]+]], [[CHOSEN]]  ({{.*}}:18:25)
// CHECK-NEXT: [[P]]:
// CHECK-NEXT:   call#3 probe(b)  ({{.*}}:17:23)
// CHECK-NEXT:   branch cmp(call#3 != 0) -> [[T]], [[F]]  ({{.*}}:17:23)
// CHECK-NEXT: [[CHOSEN]]:
// CHECK-NEXT:   call#4 DeleteSecurityContext((cmp(first != 0) ? NULL=0 : ctx))  ({{.*}}:18:3)
// CHECK-NEXT:   return ok  ({{.*}}:19:3)

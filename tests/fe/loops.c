// RUN: %sspi-check --dump-ir %s | FileCheck %s
// RUN: %sspi-check --dump-ir %s | FileCheck %s --check-prefix=NOIMPL
// while, do-while, for (all three clauses optional), break and continue, the
// do { } while (0) idiom (no back edge) and an infinite for (;;).
#include "../Inputs/sspi-sim.h"

void use(int);

void counted(int n) {
  int i;
  for (i = 0; i < n; i++) {
    if (i == 3)
      continue;
    if (i == 5)
      break;
    use(i);
  }
}
// CHECK-LABEL: func counted
// CHECK:        assign i = 0  ({{.*}}:11:8)
// CHECK-NEXT:   goto [[HEAD:bb[0-9]+]]
// CHECK-NEXT: [[HEAD]]:
// CHECK-NEXT:   branch cmp(i < n) -> [[BODY:bb[0-9]+]], [[EXIT:bb[0-9]+]]  ({{.*}}:11:15)
// CHECK-NEXT: [[BODY]]:
// CHECK-NEXT:   branch cmp(i == 3) -> [[INC:bb[0-9]+]], [[NEXT:bb[0-9]+]]  ({{.*}}:12:9)
// CHECK-NEXT: [[INC]]:
// CHECK-NEXT:   assign i = ?  ({{.*}}:11:22)
// CHECK-NEXT:   goto [[HEAD]]
// CHECK-NEXT: [[EXIT]]:
// CHECK-NEXT:   return implicit  ({{.*}}:18:1)
// CHECK-NEXT: [[NEXT]]:
// CHECK-NEXT:   branch cmp(i == 5) -> [[EXIT]], [[USE:bb[0-9]+]]  ({{.*}}:14:9)
// CHECK-NEXT: [[USE]]:
// CHECK-NEXT:   call#1 use(i)  ({{.*}}:16:5)
// CHECK-NEXT:   goto [[INC]]

int loops(int n) {
  while (n > 0) {
    if (n == 2)
      break;
    n--;
  }
  do {
    n += 2;
  } while (n < 10);
  do {
    use(n);
  } while (0);
  for (;;) {
    if (n)
      return n;
  }
}
// CHECK-LABEL: func loops
// CHECK:      bb0:
// CHECK-NEXT:   branch cmp(n > 0) -> [[WBODY:bb[0-9]+]], [[DO:bb[0-9]+]]  ({{.*}}:38:10)
// CHECK-NEXT: [[WBODY]]:
// CHECK-NEXT:   branch cmp(n == 2) -> [[DO]], [[DEC:bb[0-9]+]]  ({{.*}}:39:9)
// CHECK-NEXT: [[DEC]]:
// CHECK-NEXT:   assign n = ?  ({{.*}}:41:5)
// CHECK-NEXT:   goto bb0
// CHECK-NEXT: [[DO]]:
// CHECK-NEXT:   assign n = ?  ({{.*}}:44:5)
// CHECK-NEXT:   goto [[DOCOND:bb[0-9]+]]
// CHECK-NEXT: [[DOCOND]]:
// CHECK-NEXT:   branch cmp(n < 10) -> [[DO]], [[ONCE:bb[0-9]+]]  ({{.*}}:45:12)
// CHECK-NEXT: [[ONCE]]:
// CHECK-NEXT:   call#1 use(n)  ({{.*}}:47:5)
// CHECK-NEXT:   goto [[FOR:bb[0-9]+]]
// CHECK-NEXT: [[FOR]]:
// CHECK-NEXT:   branch cmp(n != 0) -> [[RET:bb[0-9]+]], [[FOR]]  ({{.*}}:50:9)
// CHECK-NEXT: [[RET]]:
// CHECK-NEXT:   return n  ({{.*}}:51:7)

// for (;;) never falls off the end: no implicit return.
// NOIMPL-LABEL: func loops
// NOIMPL-NOT:   implicit

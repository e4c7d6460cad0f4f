// RUN: %sspi-check --dump-ir %s | FileCheck %s
// Expressions with effects in statement and value position: assignment chains,
// compound assignments and ++/-- (assign ?), the comma operator, GNU statement
// expressions, calls as arguments (inner call first), __builtin_expect (transparent)
// and __builtin_unreachable (the path ends).
#include "../Inputs/sspi-sim.h"

int next(void);
PSecBuffer alloc_buf(int);

int exprs(int x, PSecBuffer a, PSecBuffer b) {
  a = b = alloc_buf(next());
  x += next();
  x++;
  --x;
  x = (next(), 5);
  x = ({ int t = next(); t * 2; });
  if (__builtin_expect(x == 3, 0))
    return 1;
  if (x < 0)
    __builtin_unreachable();
  return x;
}
// CHECK-LABEL: func exprs
// CHECK:      bb0:
// CHECK-NEXT:   call#1 next()  ({{.*}}:12:21)
// CHECK-NEXT:   call#2 alloc_buf(call#1)  ({{.*}}:12:11)
// CHECK-NEXT:   assign b = call#2  ({{.*}}:12:7)
// CHECK-NEXT:   assign a = call#2  ({{.*}}:12:3)
// CHECK-NEXT:   call#3 next()  ({{.*}}:13:8)
// CHECK-NEXT:   assign x = ?  ({{.*}}:13:3)
// CHECK-NEXT:   assign x = ?  ({{.*}}:14:3)
// CHECK-NEXT:   assign x = ?  ({{.*}}:15:3)
// CHECK-NEXT:   call#4 next()  ({{.*}}:16:8)
// CHECK-NEXT:   assign x = 5  ({{.*}}:16:3)
// CHECK-NEXT:   call#5 next()  ({{.*}}:17:18)
// CHECK-NEXT:   assign t = call#5  ({{.*}}:17:14)
// CHECK-NEXT:   assign x = ?  ({{.*}}:17:3)
// CHECK-NEXT:   branch cmp(x == 3) -> [[R1:bb[0-9]+]], [[NEXT:bb[0-9]+]]  ({{.*}}:18:24)
// CHECK-NEXT: [[R1]]:
// CHECK-NEXT:   return 1  ({{.*}}:19:5)
// CHECK-NEXT: [[NEXT]]:
// CHECK-NEXT:   branch cmp(x < 0) -> [[UNR:bb[0-9]+]], [[RET:bb[0-9]+]]  ({{.*}}:20:7)
// CHECK-NEXT: [[UNR]]:
// CHECK-NEXT:   unreachable
// CHECK-NEXT: [[RET]]:
// CHECK-NEXT:   return x  ({{.*}}:22:3)

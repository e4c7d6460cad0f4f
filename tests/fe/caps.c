// RUN: %sspi-check --dump-ir %s | FileCheck %s
// Caps: an expression nested deeper than 64 levels and a function with more than
// 20000 basic blocks are cut short (truncated, with the reason) and the IR stays
// well-formed; the other functions are not affected.
#include "../Inputs/sspi-sim.h"

int f(int);
void use(int);

#define N2(x) f(f(x))
#define N8(x) N2(N2(N2(N2(x))))
#define N64(x) N8(N8(N8(N8(N8(N8(N8(N8(x))))))))

int deep(int x) {
  return N64(N8(x));
}
// CHECK-LABEL: func deep
// CHECK-NEXT:    params x : int
// CHECK-NEXT:    truncated: expression nested deeper than 64 levels
// CHECK:         return call#{{[0-9]+}}

#define IF1 if (x == 1) use(1);
#define IF10 IF1 IF1 IF1 IF1 IF1 IF1 IF1 IF1 IF1 IF1
#define IF100 IF10 IF10 IF10 IF10 IF10 IF10 IF10 IF10 IF10 IF10
#define IF1000 IF100 IF100 IF100 IF100 IF100 IF100 IF100 IF100 IF100 IF100

void huge(int x) {
  IF1000 IF1000 IF1000 IF1000 IF1000 IF1000 IF1000 IF1000 IF1000 IF1000
}
// CHECK-LABEL: func huge
// CHECK-NEXT:    params x : int
// CHECK-NEXT:    truncated: more than 20000 basic blocks
// CHECK-LABEL: func fine
// CHECK-NEXT:    entry bb0
void fine(void) {}

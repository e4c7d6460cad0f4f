// RUN: %sspi-check --dump-ir %s | FileCheck %s
// RUN: %sspi-check --dump-ir %s | grep -c "use(0)" | FileCheck %s --check-prefix=COUNT
// More than 16 ways out of one __try: 16 inlined copies of the finally body, then
// one shared copy that ends in a switch over the remaining continuations.
#include "../Inputs/sspi-sim.h"

void use(int);

int many_exits(int x) {
  __try {
    if (x == 1) return 1;
    if (x == 2) return 2;
    if (x == 3) return 3;
    if (x == 4) return 4;
    if (x == 5) return 5;
    if (x == 6) return 6;
    if (x == 7) return 7;
    if (x == 8) return 8;
    if (x == 9) return 9;
    if (x == 10) return 10;
    if (x == 11) return 11;
    if (x == 12) return 12;
    if (x == 13) return 13;
    if (x == 14) return 14;
    if (x == 15) return 15;
    if (x == 16) return 16;
    if (x == 17) return 17;
    if (x == 18) return 18;
  } __finally {
    use(0);
  }
  return 0;
}
// 16 copies + the shared one.
// COUNT: 17
// CHECK-LABEL: func many_exits
// CHECK-NOT:   truncated
// CHECK:       call#17 use(0)  ({{.*}}:30:5)
// CHECK-NEXT:  switch ? [1 -> [[R18:bb[0-9]+]], 2 -> [[R0:bb[0-9]+]]] default [[R17:bb[0-9]+]]
// CHECK:       [[R17]]:
// CHECK-NEXT:  return 17  ({{.*}}:27:18)
// CHECK:       [[R18]]:
// CHECK-NEXT:  return 18  ({{.*}}:28:18)
// CHECK:       [[R0]]:
// CHECK-NEXT:  return 0  ({{.*}}:32:3)

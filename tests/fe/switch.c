// RUN: %sspi-check --dump-ir %s | FileCheck %s
// switch: case values through macros and enumerators, fall-through, GNU case
// ranges, default, and a switch without default (edge to after the switch).
#include "../Inputs/sspi-sim.h"

enum phase { START = 1, RUNNING = 4 };
void use(int);

int on_status(SECURITY_STATUS ss, enum phase p) {
  switch (ss) {
  case SEC_E_OK:
    use(0);
    break;
  case SEC_I_CONTINUE_NEEDED:
  case SEC_I_COMPLETE_AND_CONTINUE:
    use(1); /* falls through */
  case SEC_E_INCOMPLETE_MESSAGE:
    return 2;
  default:
    return -1;
  }
  switch (p) {
  case START:
    use(3);
  case RUNNING ... RUNNING + 2:
    use(4);
  }
  return 0;
}
// CHECK-LABEL: func on_status
// CHECK:      bb0:
// CHECK-NEXT:   switch ss [0 -> [[OK:bb[0-9]+]], 590610 -> [[CONT:bb[0-9]+]], 590612 -> [[CONT]], -2146893032 -> [[INCOMPLETE:bb[0-9]+]]] default [[DEFAULT:bb[0-9]+]]  ({{.*}}:10:11)
// CHECK-NEXT: [[AFTER:bb[0-9]+]]:
// CHECK-NEXT:   switch p [1 -> [[START:bb[0-9]+]], 4 -> [[RANGE:bb[0-9]+]], 5 -> [[RANGE]], 6 -> [[RANGE]]] default [[END:bb[0-9]+]]  ({{.*}}:22:11)
// CHECK-NEXT: [[OK]]:
// CHECK-NEXT:   call#1 use(0)  ({{.*}}:12:5)
// CHECK-NEXT:   goto [[AFTER]]
// CHECK-NEXT: [[CONT]]:
// CHECK-NEXT:   call#2 use(1)  ({{.*}}:16:5)
// CHECK-NEXT:   goto [[INCOMPLETE]]
// CHECK-NEXT: [[INCOMPLETE]]:
// CHECK-NEXT:   return 2  ({{.*}}:18:5)
// CHECK-NEXT: [[DEFAULT]]:
// CHECK-NEXT:   return -1  ({{.*}}:20:5)
// CHECK-NEXT: [[END]]:
// CHECK-NEXT:   return 0  ({{.*}}:28:3)
// CHECK-NEXT: [[START]]:
// CHECK-NEXT:   call#3 use(3)  ({{.*}}:24:5)
// CHECK-NEXT:   goto [[RANGE]]
// CHECK-NEXT: [[RANGE]]:
// CHECK-NEXT:   call#4 use(4)  ({{.*}}:26:5)
// CHECK-NEXT:   goto [[END]]

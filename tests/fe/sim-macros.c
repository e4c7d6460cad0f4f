// RUN: %sspi-check --dump-ir %s | FileCheck %s
// The simulated header (tests/Inputs/sspi-sim.h) gives the same IR shapes as the
// real one, including SEC_SUCCESS, the UNICODE aliases and the A/W table.
// SecInvalidateHandle under an if without braces: the first of its two statements
// is the if's body (the invalidate event), the second one runs on both paths and
// is lowered as what it is, a write of -1 to dwUpper.
#define UNICODE
#include "../Inputs/sspi-sim.h"

void sim(CredHandle *h, int reset) {
  SECURITY_STATUS ss = AcquireCredentialsHandle(NULL, NULL, SECPKG_CRED_BOTH, NULL, NULL,
                                                NULL, NULL, h, NULL);
  if (SEC_SUCCESS(ss) && reset)
    SecInvalidateHandle(h);
}
// CHECK-LABEL: func sim
// CHECK:        call#1 AcquireCredentialsHandleW(NULL=0, NULL=0, SECPKG_CRED_BOTH=3, NULL=0, NULL=0, NULL=0, NULL=0, h, NULL=0)  ({{.*}}:11:24)
// CHECK-NEXT:   assign ss = call#1  ({{.*}}:11:19)
// CHECK-NEXT:   branch cmp(ss >= 0) -> [[R:bb[0-9]+]], [[END:bb[0-9]+]]  ({{.*}}:13:7)
// CHECK-NEXT: [[INV:bb[0-9]+]]:
// CHECK-NEXT:   invalidate *h  ({{.*}}:14:5)
// CHECK-NEXT:   goto [[END]]
// CHECK-NEXT: [[END]]:
// CHECK-NEXT:   assign h->dwUpper = -1  ({{.*}}:14:5)
// CHECK-NEXT:   return implicit  ({{.*}}:15:1)
// CHECK-NEXT: [[R]]:
// CHECK-NEXT:   branch cmp(reset != 0) -> [[INV]], [[END]]  ({{.*}}:13:26)

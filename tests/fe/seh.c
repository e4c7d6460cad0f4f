// RUN: %sspi-check --dump-ir %s | FileCheck %s
// RUN: %sspi-check --dump-ir %s | grep -c "use(i)" | FileCheck %s --check-prefix=FOUR
// __try/__finally: the finally body runs on every way out of the try (fall
// through, return, __leave, break/continue/goto out of it), lowered as one copy per
// exit. __try/__except: the handler is reachable from the start of the try and
// after every statement in it.
#include "../Inputs/sspi-sim.h"

void use(int);

int with_finally(int x) {
  CredHandle cred;
  if (AcquireCredentialsHandleW(NULL, NULL, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return 1;
  __try {
    if (x == 1)
      return 2;
    if (x == 2)
      __leave;
    use(x);
  } __finally {
    FreeCredentialsHandle(&cred);
  }
  return 0;
}
// CHECK-LABEL: func with_finally
// CHECK:        branch cmp(call#1 != SEC_E_OK=0) -> [[R1:bb[0-9]+]], [[TRY:bb[0-9]+]]
// CHECK:      [[TRY]]:
// CHECK-NEXT:   branch cmp(x == 1) -> [[RET2:bb[0-9]+]], [[LEAVE:bb[0-9]+]]  ({{.*}}:17:9)
// CHECK-NEXT: [[NORMAL:bb[0-9]+]]:
// CHECK-NEXT:   call#4 FreeCredentialsHandle(&cred)  ({{.*}}:23:5)
// CHECK-NEXT:   return 0  ({{.*}}:25:3)
// CHECK-NEXT: [[RET2]]:
// CHECK-NEXT:   call#2 FreeCredentialsHandle(&cred)  ({{.*}}:23:5)
// CHECK-NEXT:   return 2  ({{.*}}:18:7)
// CHECK-NEXT: [[LEAVE]]:
// CHECK-NEXT:   branch cmp(x == 2) -> [[NORMAL]], [[USE:bb[0-9]+]]  ({{.*}}:19:9)
// CHECK-NEXT: [[USE]]:
// CHECK-NEXT:   call#3 use(x)  ({{.*}}:21:5)
// CHECK-NEXT:   goto [[NORMAL]]

void jumps_out(int x) {
  int i;
  for (i = 0; i < 3; i++) {
    __try {
      if (x)
        continue;
      if (x > 1)
        goto out;
      if (x > 2)
        break;
    } __finally {
      use(i);
    }
  }
out:
  use(-1);
}
// Four copies of the finally body: continue, goto, break, fall-through.
// CHECK-LABEL: func jumps_out
// CHECK-COUNT-4: call#{{[0-9]+}} use(i)  ({{.*}}:54:7)
// FOUR: 4

void with_except(void) {
  __try {
    use(1);
    use(2);
  } __except (1) {
    use(3);
  }
}
// CHECK-LABEL: func with_except
// CHECK:      bb0:
// CHECK-NEXT:   branch unknown -> [[BODY:bb[0-9]+]], [[HANDLER:bb[0-9]+]]  ({{.*}}:66:3)
// CHECK-NEXT: [[HANDLER]]:
// CHECK-NEXT:   call#3 use(3)  ({{.*}}:70:5)
// CHECK-NEXT:   goto [[END:bb[0-9]+]]
// CHECK-NEXT: [[END]]:
// CHECK-NEXT:   return implicit  ({{.*}}:72:1)
// CHECK-NEXT: [[BODY]]:
// CHECK-NEXT:   call#1 use(1)  ({{.*}}:67:5)
// CHECK-NEXT:   branch unknown -> [[S2:bb[0-9]+]], [[HANDLER]]
// CHECK-NEXT: [[S2]]:
// CHECK-NEXT:   call#2 use(2)  ({{.*}}:68:5)
// CHECK-NEXT:   branch unknown -> [[END]], [[HANDLER]]

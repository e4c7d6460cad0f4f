// RUN: not %sspi-check --dump-ir %s 2>&1 | FileCheck %s
// RUN: not %sspi-check --dump-ir %S/no-such-file.c 2>&1 | FileCheck %s --check-prefix=MISSING
// A unit with errors is not lowered: the first error is reported as
// file:line:col: error: text; a missing file is reported by name.
#include "../Inputs/sspi-sim.h"

int broken(void) {
  CredHandle cred;
  return undeclared_thing + 1;
}
// CHECK: parse-error.c:9:10: error: use of undeclared identifier 'undeclared_thing'
// CHECK-NOT: func broken
// MISSING: no-such-file.c: No such file or directory

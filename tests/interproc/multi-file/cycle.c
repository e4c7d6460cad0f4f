// A call cycle across two units (lib_acquire -> app_retry -> lib_acquire): the
// whole-build walk re-walks the callers in the cycle until their summaries settle (at
// most four walks each), ends whatever the order of the files, and reports the same in
// both orders. Pinned limitation (docs/interprocedural.md, "Recursion"): a mutual
// retry cycle settles on "escape", so app_run_forgot's leak is not reported; the
// self-recursive retry of tests/interproc/recursion.c is followed.
// RUN: %sspi-check --stats %s %S/Inputs/cycle-lib.c > %t.a 2> %t.a.err
// RUN: %sspi-check --stats %S/Inputs/cycle-lib.c %s > %t.b 2> %t.b.err
// RUN: diff %t.a %t.b
// RUN: FileCheck %s --input-file=%t.a.err --implicit-check-not=warning:
// CHECK: capped-functions=0
#include "Inputs/cycle.h"

extern void app_backoff(int tries);
extern int app_work(void);

SECURITY_STATUS app_retry(CredHandle *out, int tries) {
  app_backoff(tries);
  return lib_acquire(out, tries - 1);
}

int app_run(void) {
  CredHandle cred;
  if (FAILED(lib_acquire(&cred, 3)))
    return -1;
  int rc = app_work();
  FreeCredentialsHandle(&cred);
  return rc;
}

int app_run_forgot(void) {
  CredHandle cred;
  if (FAILED(lib_acquire(&cred, 3)))
    return -1;
  return app_work(); /* leaks cred: not reported (pinned, see above) */
}

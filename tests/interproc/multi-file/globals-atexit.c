// main in this unit registers the release function of another unit with atexit: the
// handler's address is taken here, so what it releases is released at exit. Silent.
// RUN: %sspi-check %s %S/Inputs/globals-init.c %S/Inputs/globals-fini.c 2>&1 | count 0
// RUN: %sspi-check %S/Inputs/globals-init.c %S/Inputs/globals-fini.c %s 2>&1 | count 0
// Without the unit that releases it, the credential leaks at exit.
// RUN: not %sspi-check %s %S/Inputs/globals-init.c > %t 2>&1
// RUN: FileCheck %s --input-file %t --implicit-check-not=warning:
// RUN: FileCheck %S/Inputs/globals-init.c --check-prefix=INIT --input-file %t
#include <stdlib.h>
#include "Inputs/globals.h"

extern int serve(CredHandle *cred);

int main(void) {
  if (auth_global_init() != 0)
    return 1;
  atexit(auth_global_fini);
  if (serve(&g_cred) != 0)
    exit(2);
  return 0;
  // CHECK: globals-atexit.c:[[@LINE-1]]:3: warning: credential handle 'g_cred' is not released when the program exits [sspi-credential-leak]
  // CHECK-NEXT: globals-init.c:{{[0-9]+}}:7: note: credential handle acquired here by
}

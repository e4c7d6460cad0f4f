// Compiler flags reach the parser: --extra-arg=FLAG, "--extra-arg FLAG" and flags after
// "--". Here a -D turns the release off, which makes a leak appear.
// RUN: %sspi-check %s | FileCheck %s --check-prefix=CLEAN --allow-empty
// RUN: not %sspi-check --extra-arg=-DSKIP_CLEANUP %s | FileCheck %s
// RUN: not %sspi-check --extra-arg -DSKIP_CLEANUP %s | FileCheck %s
// RUN: not %sspi-check %s -- -DSKIP_CLEANUP | FileCheck %s
// RUN: not %sspi-check %s -- -DUNRELATED=1 -DSKIP_CLEANUP | FileCheck %s
// RUN: %sspi-check %s -- -DUNRELATED=1 | FileCheck %s --check-prefix=CLEAN --allow-empty
// A flag that breaks the parse is a parse failure (3), not a crash.
// RUN: %sspi-check %s -- -DCredHandle=int\( > /dev/null 2>&1; echo "exit=$?" | FileCheck %s --check-prefix=BROKEN
// CLEAN-NOT: warning:
// BROKEN: exit=3
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

int authenticate(void) {
  CredHandle cred;
  if (AcquireCredentialsHandleA(NULL, "Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) < 0)
    return -1;
#ifndef SKIP_CLEANUP
  FreeCredentialsHandle(&cred);
#endif
  return 0;
  // CHECK: extra-args.c:[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
}

// Releasing a handle that was explicitly set empty and never acquired is silent by
// default and reported with --report-release-of-empty.
// RUN: %sspi-check %s | FileCheck %s --check-prefix=DEFAULT --allow-empty
// RUN: not %sspi-check --report-release-of-empty %s | FileCheck %s --implicit-check-not=warning:
// DEFAULT-NOT: warning:
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

void reset_credentials(void) {
  CredHandle cred;
  SecInvalidateHandle(&cred);
  FreeCredentialsHandle(&cred);
  // CHECK: release-of-empty.c:[[@LINE-1]]:3: warning: credential handle 'cred' is released but was never acquired [sspi-release-unacquired]
}

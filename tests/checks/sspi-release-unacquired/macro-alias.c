// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// FreeCredentialHandle (the alias) on a handle that was never acquired.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

void alias_uninitialised(void) {
  CredHandle cred;
  FreeCredentialHandle(&cred);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'cred' is released but was never acquired [sspi-release-unacquired]
}

// Correct by convention: the alias on a zeroed handle.
void alias_zeroed(void) {
  CredHandle cred = { 0 };
  FreeCredentialHandle(&cred);
}

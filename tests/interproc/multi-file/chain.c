// A wrapper chain that crosses three units below this one. The summaries reach this
// unit whatever the order of the files on the command line (callers first is the
// slowest case: one unit further per round of the link step).
// RUN: not %sspi-check %s %S/Inputs/chain-1.c %S/Inputs/chain-2.c %S/Inputs/chain-3.c 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not %sspi-check %S/Inputs/chain-3.c %S/Inputs/chain-2.c %S/Inputs/chain-1.c %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not %sspi-check %S/Inputs/chain-2.c %s %S/Inputs/chain-3.c %S/Inputs/chain-1.c 2>&1 | FileCheck %s --implicit-check-not=warning:
#include "Inputs/chain.h"

extern int transfer(void);

int session_ok(void) {
  CredHandle cred;
  if (net_login(&cred) != 0)
    return -1;
  transfer();
  net_logout(&cred);
  return 0;
}

int session_forgot(void) {
  CredHandle cred;
  if (net_login(&cred) != 0)
    return -1;
  if (transfer() != 0)
    return -1;
  // CHECK: chain.c:[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK-NEXT: chain.c:[[@LINE-5]]:7: note: credential handle acquired here by 'net_login'
  net_logout(&cred);
  return 0;
}

void logout_twice(void) {
  CredHandle cred;
  if (net_login(&cred) != 0)
    return;
  net_logout(&cred);
  net_logout(&cred);
  // CHECK: chain.c:[[@LINE-1]]:3: warning: credential handle 'cred' is released twice [sspi-double-release]
}

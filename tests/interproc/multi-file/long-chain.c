// Acquisition and release wrapped five units deep. The whole build is walked
// callee-first across units, so the summaries reach this unit in one pass whatever
// the order of the files (callers first used to stop after three units).
// RUN: not %sspi-check %s %S/Inputs/lchain-1.c %S/Inputs/lchain-2.c %S/Inputs/lchain-3.c %S/Inputs/lchain-4.c %S/Inputs/lchain-5.c 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not %sspi-check %S/Inputs/lchain-5.c %S/Inputs/lchain-3.c %s %S/Inputs/lchain-1.c %S/Inputs/lchain-4.c %S/Inputs/lchain-2.c 2>&1 | FileCheck %s --implicit-check-not=warning:
#include "Inputs/lchain.h"

extern int app_send(int sock, const char *msg);

int app_run(const wchar_t *host) {
  svc_conn c = {0};
  if (!svc_connect(&c, host))
    return -1;
  int rc = app_send(c.sock, "hello");
  svc_close(&c);
  return rc;
}

int app_run_leaky(const wchar_t *host) {
  svc_conn c = {0};
  if (!svc_connect(&c, host))
    return -1;
  if (app_send(c.sock, "hello") != 0)
    return -2;
  // CHECK: long-chain.c:[[@LINE-1]]:5: warning: credential handle 'c.cred' is not released when the function returns [sspi-credential-leak]
  // CHECK-NEXT: long-chain.c:[[@LINE-5]]:8: note: credential handle acquired here by 'svc_connect'
  svc_close(&c);
  return 0;
}

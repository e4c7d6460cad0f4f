// --rules FILE adds rules on top of the bundled ones: here a project wrapper that
// acquires a security context, and the matching release.
// RUN: %sspi-check %s | FileCheck %s --check-prefix=DEFAULT --allow-empty
// RUN: not %sspi-check --rules %S/Inputs/wrapper-rules.yaml %s | FileCheck %s --implicit-check-not=warning:
// RUN: not %sspi-check --rules=%S/Inputs/wrapper-rules.yaml %s | FileCheck %s --implicit-check-not=warning:
// DEFAULT-NOT: warning:
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

int open_session(CtxtHandle *out);
void close_session(CtxtHandle *ctx);
int session_send(CtxtHandle *ctx, const char *msg);

int greet(int quiet) {
  CtxtHandle ctx;
  if (open_session(&ctx) != 0)
    return -1;
  if (quiet)
    return 0;
  // CHECK: user-rules.c:[[@LINE-1]]:5: warning: context handle 'ctx' is not released when the function returns [sspi-context-leak]
  session_send(&ctx, "hello");
  close_session(&ctx);
  return 0;
}

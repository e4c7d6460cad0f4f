// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Released through the table and then directly.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

static PSecurityFunctionTableW g_sspi;

void table_then_direct(PCtxtHandle ctx) {
  g_sspi->DeleteSecurityContext(ctx);
  DeleteSecurityContext(ctx);
  // CHECK: :[[@LINE-1]]:3: warning: context handle '{{\*?}}ctx' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-3]]:3: note: first released here
}

// Correct: one release.
void table_once(PCtxtHandle ctx) {
  g_sspi->DeleteSecurityContext(ctx);
}

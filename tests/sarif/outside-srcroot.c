// A file outside --srcroot is named by an absolute file URI without uriBaseId.
// RUN: rm -rf %t && mkdir -p %t/root
// RUN: not %sspi-check --format=sarif --srcroot=%t/root %s > %t/out.sarif
// RUN: python3 %S/../tools/validate_sarif.py %t/out.sarif
// RUN: FileCheck %s --input-file=%t/out.sarif
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

void server_step(CredHandle *cred, SecBufferDesc *in, SecBufferDesc *out) {
  CtxtHandle ctx;
  ULONG attrs;
  SECURITY_STATUS ss = AcceptSecurityContext(cred, NULL, in, ASC_REQ_CONNECTION,
                                             SECURITY_NATIVE_DREP, &ctx, out, &attrs, NULL);
  if (ss == SEC_E_OK)
    return;
  if (ss >= 0)
    DeleteSecurityContext(&ctx);
}

// CHECK: "uri": "file:///{{.*}}/root/"
// CHECK: "ruleId": "sspi-context-leak",
// CHECK: "artifactLocation": {
// CHECK-NEXT: "uri": "file:///{{.*}}/sarif/outside-srcroot.c"
// CHECK-NEXT: },
// CHECK-NEXT: "region": {
// CHECK-NEXT: "startLine": 16,

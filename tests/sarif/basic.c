// A Negotiate client that forgets its credential handle on one path: the SARIF log
// must be valid against the OASIS schema and carry the finding with its code flow.
// RUN: rm -rf %t && mkdir -p %t
// RUN: not %sspi-check --format=sarif --srcroot=%S -o %t/out.sarif %s > %t/stdout.txt
// RUN: python3 %S/../tools/validate_sarif.py %t/out.sarif
// RUN: FileCheck %s --input-file=%t/out.sarif
// RUN: FileCheck %s --check-prefix=RESULT --input-file=%t/out.sarif
// RUN: FileCheck %s --check-prefix=EMPTY --allow-empty --input-file=%t/stdout.txt
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

int connect_once(int give_up) {
  CredHandle cred;
  TimeStamp expiry;
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL,
                                NULL, &cred, &expiry) != SEC_E_OK)
    return -1;
  if (give_up)
    return -1;
  FreeCredentialsHandle(&cred);
  return 0;
}

// The log names every check, with a help link per check.
// CHECK: "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
// CHECK: "version": "2.1.0",
// CHECK: "name": "sspi-check",
// CHECK: "informationUri":
// CHECK: "id": "sspi-credential-leak",
// CHECK: "helpUri": "{{.*}}/docs/checks/sspi-credential-leak.md",
// CHECK: "id": "sspi-context-leak",
// CHECK: "id": "sspi-buffer-leak",
// CHECK: "id": "sspi-double-release",
// CHECK: "id": "sspi-use-after-release",
// CHECK: "id": "sspi-release-unacquired",
// CHECK: "id": "sspi-mismatched-release",
// CHECK: "originalUriBaseIds": {
// CHECK-NEXT: "%SRCROOT%": {
// CHECK-NEXT: "uri": "file:///{{.*}}/sarif/"
// CHECK: "results": [

// One result: ruleIndex 0 is sspi-credential-leak (first in the table), the location
// is relative to %SRCROOT%, the code flow starts at the acquisition and ends at the
// leaking return; the fingerprint is published for code-scanning services.
// RESULT: "results": [
// RESULT-NEXT: {
// RESULT-NEXT: "ruleId": "sspi-credential-leak",
// RESULT-NEXT: "ruleIndex": 0,
// RESULT-NEXT: "level": "warning",
// RESULT-NEXT: "message": {
// RESULT-NEXT: "text": "credential handle 'cred' is not released when the function returns"
// RESULT: "uri": "basic.c",
// RESULT-NEXT: "uriBaseId": "%SRCROOT%"
// RESULT: "startLine": 20,
// RESULT-NEXT: "startColumn": 5
// RESULT: "logicalLocations": [
// RESULT: "name": "connect_once",
// RESULT: "codeFlows": [
// RESULT: "threadFlows": [
// RESULT: "startLine": 16,
// RESULT-NEXT: "startColumn": 7
// RESULT: "text": "credential handle acquired here by 'AcquireCredentialsHandleW'"
// RESULT: "startLine": 20,
// RESULT: "text": "credential handle 'cred' is not released when the function returns"
// RESULT: "partialFingerprints": {
// RESULT-NEXT: "sspiCheck/v1": "{{([0-9a-f]{32})}}"
// RESULT-NOT: "ruleId":

// With -o the log goes to the file only.
// EMPTY-NOT: {{.}}

// RUN: %sspi-check --dump-ir %s | FileCheck %s
// The classic goto ladder with the real mingw-w64 headers: forward gotos to
// cleanup labels, a backward goto (retry), labels with statements.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

int connect_ladder(int retries) {
  CredHandle cred;
  CtxtHandle ctx;
  SECURITY_STATUS ss;
  int rc = -1;
retry:
  ss = AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL,
                                 NULL, NULL, &cred, NULL);
  if (ss != SEC_E_OK) {
    if (retries-- > 0)
      goto retry;
    goto out;
  }
  ss = InitializeSecurityContextW(&cred, NULL, L"host/x", 0, 0, SECURITY_NATIVE_DREP,
                                  NULL, 0, &ctx, NULL, NULL, NULL);
  if (FAILED(ss))
    goto free_cred;
  rc = 0;
  DeleteSecurityContext(&ctx);
free_cred:
  FreeCredentialsHandle(&cred);
out:
  return rc;
}

// CHECK-LABEL: func connect_ladder ({{.*}}goto-ladder.c:8:5)
// CHECK-NEXT:   params retries : int
// CHECK-NEXT:   entry bb0
// CHECK-NEXT: bb0:
// CHECK-NEXT:   decl cred : CredHandle  ({{.*}}:9:14)
// CHECK-NEXT:   decl ctx : CtxtHandle  ({{.*}}:10:14)
// CHECK-NEXT:   decl ss : SECURITY_STATUS  ({{.*}}:11:19)
// CHECK-NEXT:   assign rc = -1  ({{.*}}:12:7)
// CHECK-NEXT:   goto [[RETRY:bb[0-9]+]]
// CHECK-NEXT: [[RETRY]]:
// CHECK-NEXT:   call#1 AcquireCredentialsHandleW(NULL=0, ?, SECPKG_CRED_OUTBOUND=2, NULL=0, NULL=0, NULL=0, NULL=0, &cred, NULL=0)  ({{.*}}:14:8)
// CHECK-NEXT:   assign ss = call#1  ({{.*}}:14:3)
// CHECK-NEXT:   branch cmp(ss != SEC_E_OK=0) -> [[FAILED:bb[0-9]+]], [[ISC:bb[0-9]+]]  ({{.*}}:16:7)
// CHECK-NEXT: [[FAILED]]:
// CHECK-NEXT:   assign retries = ?  ({{.*}}:17:9)
// CHECK-NEXT:   branch cmp(? > 0) -> [[RETRY]], [[OUT:bb[0-9]+]]  ({{.*}}:17:9)
// CHECK-NEXT: [[ISC]]:
// CHECK-NEXT:   call#2 InitializeSecurityContextW(&cred, NULL=0, ?, 0, 0, SECURITY_NATIVE_DREP=16, NULL=0, 0, &ctx, NULL=0, NULL=0, NULL=0)  ({{.*}}:21:8)
// CHECK-NEXT:   assign ss = call#2  ({{.*}}:21:3)
// CHECK-NEXT:   branch cmp(ss < 0) -> [[FREE:bb[0-9]+]], [[OK:bb[0-9]+]]  ({{.*}}:23:7)
// CHECK-NEXT: [[OUT]]:
// CHECK-NEXT:   return rc  ({{.*}}:30:3)
// CHECK-NEXT: [[OK]]:
// CHECK-NEXT:   assign rc = 0  ({{.*}}:25:3)
// CHECK-NEXT:   call#3 DeleteSecurityContext(&ctx)  ({{.*}}:26:3)
// CHECK-NEXT:   goto [[FREE]]
// CHECK-NEXT: [[FREE]]:
// CHECK-NEXT:   call#4 FreeCredentialsHandle(&cred)  ({{.*}}:28:3)
// CHECK-NEXT:   goto [[OUT]]

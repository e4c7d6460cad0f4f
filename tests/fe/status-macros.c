// RUN: %sspi-check --dump-ir %s | FileCheck %s
// The rules' macros with the REAL mingw-w64 headers: FAILED / SUCCEEDED /
// IS_ERROR become comparisons of their argument, SecIsValidHandle a
// validity test of the handle, SecInvalidateHandle (two statements in mingw's
// expansion) one invalidate event, FreeCredentialHandle the real function.
// (mingw's sspi.h defines SEC_SUCCESS only without windows.h: see sim-macros.c.)
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

int status(PCredHandle phCred, CtxtHandle *pctx) {
  CredHandle cred;
  SECURITY_STATUS ss;
  if (FAILED(ss = AcquireCredentialsHandleW(NULL, L"Kerberos", SECPKG_CRED_OUTBOUND, NULL,
                                            NULL, NULL, NULL, &cred, NULL)))
    return 1;
  if (!SUCCEEDED(ss) || ss == SEC_I_CONTINUE_NEEDED)
    return 2;
  if (IS_ERROR(ss))
    return 3;
  if (SecIsValidHandle(&cred) && !SecIsValidHandle(phCred))
    FreeCredentialHandle(&cred);
  SecInvalidateHandle(&cred);
  SecInvalidateHandle(pctx);
  return 0;
}
// CHECK-LABEL: func status
// CHECK:        call#1 AcquireCredentialsHandleW(NULL=0, ?, SECPKG_CRED_OUTBOUND=2, NULL=0, NULL=0, NULL=0, NULL=0, &cred, NULL=0)  ({{.*}}:14:19)
// CHECK-NEXT:   assign ss = call#1  ({{.*}}:14:14)
// CHECK-NEXT:   branch cmp(call#1 < 0) -> {{bb[0-9]+}}, [[NEXT:bb[0-9]+]]  ({{.*}}:14:7)
// CHECK:      [[NEXT]]:
// CHECK-NEXT:   branch cmp(ss < 0) -> {{bb[0-9]+}}, [[CONT:bb[0-9]+]]  ({{.*}}:17:7)
// CHECK:        branch cmp(ss < 0) -> {{bb[0-9]+}}, [[VALID:bb[0-9]+]]  ({{.*}}:19:7)
// CHECK:      [[CONT]]:
// CHECK-NEXT:   branch cmp(ss == SEC_I_CONTINUE_NEEDED=590610) -> {{bb[0-9]+}}, {{bb[0-9]+}}  ({{.*}}:17:25)
// CHECK:      [[VALID]]:
// CHECK-NEXT:   branch valid(cred) -> [[V2:bb[0-9]+]], [[INV:bb[0-9]+]]  ({{.*}}:21:7)
// CHECK-NEXT: [[FREE:bb[0-9]+]]:
// CHECK-NEXT:   call#2 FreeCredentialsHandle(&cred)  ({{.*}}:22:5)
// CHECK-NEXT:   goto [[INV]]
// CHECK-NEXT: [[INV]]:
// CHECK-NEXT:   invalidate cred  ({{.*}}:23:3)
// CHECK-NEXT:   invalidate *pctx  ({{.*}}:24:3)
// CHECK-NEXT:   return 0  ({{.*}}:25:3)
// CHECK-NEXT: [[V2]]:
// CHECK-NEXT:   branch valid(*phCred) -> [[INV]], [[FREE]]  ({{.*}}:21:35)

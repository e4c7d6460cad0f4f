// RUN: %sspi-check --dump-ir %s | FileCheck %s
// Callee names: direct calls (has_body when defined here), calls through the
// function table (member name + the member's typedef), through pointer
// variables (pfn(...) and (*pfn)(...)), and through an expression. Arguments that
// are calls are emitted first, left to right.
#include "../Inputs/sspi-sim.h"

typedef SECURITY_STATUS (WINAPI *PFN_FREE_CRED)(PCredHandle);
struct conn { PSecurityFunctionTableW fn; CredHandle cred; };

static int helper(int x) { return x + 1; }
PSecurityFunctionTableW table(void);
PFN_FREE_CRED pick(int);

void calls(struct conn *c, FREE_CREDENTIALS_HANDLE_FN pFree, PFN_FREE_CRED p_FreeCredentialsHandle) {
  c->fn->FreeCredentialsHandle(&c->cred);
  table()->DeleteSecurityContext(NULL);
  pFree(&c->cred);
  (*p_FreeCredentialsHandle)(&c->cred);
  pick(helper(1))(&c->cred);
  FreeCredentialHandle(&c->cred);
}
// CHECK-LABEL: func helper
// CHECK-LABEL: func calls
// CHECK-NEXT:   params c : struct conn *, pFree : FREE_CREDENTIALS_HANDLE_FN, p_FreeCredentialsHandle : PFN_FREE_CRED
// CHECK:        call#1 *FreeCredentialsHandle(&c->cred) type=FREE_CREDENTIALS_HANDLE_FN  ({{.*}}:16:3)
// CHECK-NEXT:   call#2 table()  ({{.*}}:17:3)
// CHECK-NEXT:   call#3 *DeleteSecurityContext(NULL=0) type=DELETE_SECURITY_CONTEXT_FN  ({{.*}}:17:3)
// CHECK-NEXT:   call#4 *pFree(&c->cred) type=FREE_CREDENTIALS_HANDLE_FN  ({{.*}}:18:3)
// CHECK-NEXT:   call#5 *p_FreeCredentialsHandle(&c->cred) type=PFN_FREE_CRED  ({{.*}}:19:3)
// CHECK-NEXT:   call#6 helper(1) body  ({{.*}}:20:8)
// CHECK-NEXT:   call#7 pick(call#6)  ({{.*}}:20:3)
// CHECK-NEXT:   call#8 *?(&c->cred) type=PFN_FREE_CRED  ({{.*}}:20:3)
// CHECK-NEXT:   call#9 FreeCredentialsHandle(&c->cred)  ({{.*}}:21:3)
// CHECK-NEXT:   return implicit  ({{.*}}:22:1)

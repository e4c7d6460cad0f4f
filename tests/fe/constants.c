// RUN: %sspi-check --rules=%S/Inputs/consts.yaml --dump-ir %s | FileCheck %s
// Integer constants: values of constant expressions written with macros and
// enumerators (const_name kept when the whole argument is one name), NULL forms,
// and the resolution of the rules' constant names from macro bodies.
#include "../Inputs/sspi-sim.h"

#define FE_WRAP(x) ((ULONG)(x))
#define FE_BASE 0x40
#define FE_WRAPPED FE_WRAP(FE_BASE | 0x2)
#define FE_NEGATIVE ((HRESULT)0x80090308L)
#define FE_EXPR (~(1u << 4) & 0xffUL) + -1
#define FE_FUNCTION_LIKE(x) x
#define FE_RECURSIVE FE_RECURSIVE
enum fe_kind { FE_ZERO, FE_ENUMERATOR = 7 };

void take(long a, long b, void *p, void *q);

void constants(void *out) {
  take(SEC_E_INVALID_TOKEN, FE_ENUMERATOR, NULL, (void *)0);
  take(ISC_REQ_ALLOCATE_MEMORY | ISC_REQ_CONNECTION, sizeof(CredHandle), 0, out);
  take(FE_WRAPPED, 'a', (PVOID)FE_ZERO, (char *)out + 1);
}
// CHECK:      const FE_WRAPPED = 66
// CHECK-NEXT: const FE_NEGATIVE = -2146893048
// CHECK-NEXT: const FE_ENUMERATOR = 7
// CHECK-NEXT: const FE_EXPR = 238
// CHECK-NOT:  const FE_
// CHECK-LABEL: func constants
// CHECK:        call#1 take(SEC_E_INVALID_TOKEN=-2146893048, FE_ENUMERATOR=7, NULL=0, 0)  ({{.*}}:19:3)
// CHECK-NEXT:   call#2 take(2304, 16, 0, out)  ({{.*}}:20:3)
// CHECK-NEXT:   call#3 take(FE_WRAPPED=66, 97, FE_ZERO=0, ?)  ({{.*}}:21:3)

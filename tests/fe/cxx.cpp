// RUN: %sspi-check --dump-ir %s | FileCheck %s
// C++: methods are named Class::method and reach members through this; try/catch
// (a throw goes to the handlers, calls in the try may too), throw outside a try,
// rethrow, range-for (body runs 0..n times), copies of handle structs.
#define UNICODE
#include "../Inputs/sspi-sim.h"

void use(int);

struct Session {
  CredHandle cred_;
  bool open();
  ~Session() { FreeCredentialsHandle(&cred_); }
};

bool Session::open() {
  return AcquireCredentialsHandle(NULL, NULL, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                  &cred_, NULL) == SEC_E_OK;
}
// CHECK-LABEL: func Session::~Session ({{.*}}:13:3)
// CHECK:        call#1 FreeCredentialsHandle(&this->cred_)  ({{.*}}:13:16)
// CHECK-LABEL: func Session::open ({{.*}}:16:15)
// CHECK:        call#1 AcquireCredentialsHandleW(NULL=0, NULL=0, SECPKG_CRED_OUTBOUND=2, NULL=0, NULL=0, NULL=0, NULL=0, &this->cred_, NULL=0)  ({{.*}}:17:10)
// CHECK-NEXT:   return ?  ({{.*}}:17:3)

int guarded(int x, CredHandle other) {
  CredHandle cred = other;
  try {
    if (AcquireCredentialsHandleW(NULL, NULL, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                  &cred, NULL) != SEC_E_OK)
      throw 1;
    use(x);
  } catch (int e) {
    return e;
  } catch (...) {
    throw;
  }
  int handles[3] = {1, 2};
  for (int h : handles)
    use(h);
  if (x > 2)
    throw x;
  FreeCredentialsHandle(&cred);
  return 0;
}
// CHECK-LABEL: func guarded
// CHECK:      bb0:
// CHECK-NEXT:   assign cred = other  ({{.*}}:27:14)
// CHECK-NEXT:   call#1 AcquireCredentialsHandleW({{.*}}, &cred, NULL=0)  ({{.*}}:29:9)
// CHECK-NEXT:   switch ? [0 -> [[INT:bb[0-9]+]], 1 -> [[ALL:bb[0-9]+]]] default [[TEST:bb[0-9]+]]
// CHECK-NEXT: [[INT]]:
// CHECK-NEXT:   assign e = ?  ({{.*}}:33:16)
// CHECK-NEXT:   return e  ({{.*}}:34:5)
// CHECK-NEXT: [[ALL]]:
// CHECK-NEXT:   throw  ({{.*}}:36:5)
// CHECK-NEXT: [[DISPATCH:bb[0-9]+]]:
// CHECK-NEXT:   switch ? [0 -> [[INT]], 1 -> [[ALL]]] default [[ALL]]  ({{.*}}:28:3)
// CHECK-NEXT: [[AFTER:bb[0-9]+]]:
// CHECK-NEXT:   clear handles : int[3]  ({{.*}}:38:7)
// CHECK-NEXT:   assign handles[] = 1  ({{.*}}:38:7)
// CHECK-NEXT:   assign handles[] = 2  ({{.*}}:38:7)
// CHECK-NEXT:   goto [[HEAD:bb[0-9]+]]
// CHECK-NEXT: [[USE:bb[0-9]+]]:
// CHECK-NEXT:   call#2 use(x)  ({{.*}}:32:5)
// CHECK-NEXT:   switch ? [0 -> [[INT]], 1 -> [[ALL]]] default [[AFTER]]
// CHECK-NEXT: [[TEST]]:
// CHECK-NEXT:   branch cmp(call#1 != SEC_E_OK=0) -> [[DISPATCH]], [[USE]]  ({{.*}}:29:9)
// CHECK-NEXT: [[HEAD]]:
// CHECK-NEXT:   branch unknown -> [[LOOP:bb[0-9]+]], [[IF:bb[0-9]+]]  ({{.*}}:39:3)
// CHECK-NEXT: [[LOOP]]:
// CHECK-NEXT:   assign h = ?  ({{.*}}:39:12)
// CHECK-NEXT:   call#3 use(h)  ({{.*}}:40:5)
// CHECK-NEXT:   goto [[HEAD]]
// CHECK-NEXT: [[IF]]:
// CHECK-NEXT:   branch cmp(x > 2) -> [[THROW:bb[0-9]+]], [[FREE:bb[0-9]+]]  ({{.*}}:41:7)
// CHECK-NEXT: [[THROW]]:
// CHECK-NEXT:   throw  ({{.*}}:42:5)
// CHECK-NEXT: [[FREE]]:
// CHECK-NEXT:   call#4 FreeCredentialsHandle(&cred)  ({{.*}}:43:3)
// CHECK-NEXT:   return 0  ({{.*}}:44:3)

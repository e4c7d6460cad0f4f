// RUN: %sspi-check --dump-ir %s | FileCheck %s
// C++: methods are named Class::method and reach members through this; try/catch
// (a throw goes to the handler that catches its type, else to every handler and on
// out; calls with C++ linkage in the try may throw, the rules' C APIs do not), throw
// outside a try,
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
// CHECK-LABEL: func Session::~Session ({{.*}}:15:3)
// CHECK:        call#1 FreeCredentialsHandle(&this->cred_)  ({{.*}}:15:16)
// CHECK-LABEL: func Session::open ({{.*}}:18:15)
// CHECK:        call#1 AcquireCredentialsHandleW(NULL=0, NULL=0, SECPKG_CRED_OUTBOUND=2, NULL=0, NULL=0, NULL=0, NULL=0, &this->cred_, NULL=0)  ({{.*}}:19:10)
// CHECK-NEXT:   branch cmp(call#1 == SEC_E_OK=0) -> [[J:bb[0-9]+]], [[J]]  ({{.*}}:19:10)
// CHECK-NEXT: [[J]]:
// CHECK-NEXT:   return (cmp(call#1 == SEC_E_OK=0) ? 1 : 0)  ({{.*}}:19:3)

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
// CHECK-NEXT:   assign cred = other  ({{.*}}:31:14)
// CHECK-NEXT:   call#1 AcquireCredentialsHandleW({{.*}}, &cred, NULL=0)  ({{.*}}:33:9)
// CHECK-NEXT:   branch cmp(call#1 != SEC_E_OK=0) -> [[INT:bb[0-9]+]], [[USE:bb[0-9]+]]  ({{.*}}:33:9)
// CHECK-NEXT: [[INT]]:
// CHECK-NEXT:   assign e = ?  ({{.*}}:37:16)
// CHECK-NEXT:   return e  ({{.*}}:38:5)
// CHECK-NEXT: [[ALL:bb[0-9]+]]:
// CHECK-NEXT:   throw  ({{.*}}:40:5)
// CHECK-NEXT: [[AFTER:bb[0-9]+]]:
// CHECK-NEXT:   clear handles : int[3]  ({{.*}}:42:7)
// CHECK-NEXT:   assign handles[] = 1  ({{.*}}:42:7)
// CHECK-NEXT:   assign handles[] = 2  ({{.*}}:42:7)
// CHECK-NEXT:   goto [[HEAD:bb[0-9]+]]
// CHECK-NEXT: [[USE]]:
// CHECK-NEXT:   call#2 use(x)  ({{.*}}:36:5)
// CHECK-NEXT:   switch ? [0 -> [[INT]], 1 -> [[ALL]]] default [[AFTER]]
// CHECK-NEXT: [[HEAD]]:
// CHECK-NEXT:   branch unknown -> [[LOOP:bb[0-9]+]], [[IF:bb[0-9]+]]  ({{.*}}:43:3)
// CHECK-NEXT: [[LOOP]]:
// CHECK-NEXT:   assign h = ?  ({{.*}}:43:12)
// CHECK-NEXT:   call#3 use(h)  ({{.*}}:44:5)
// CHECK-NEXT:   goto [[HEAD]]
// CHECK-NEXT: [[IF]]:
// CHECK-NEXT:   branch cmp(x > 2) -> [[THROW:bb[0-9]+]], [[FREE:bb[0-9]+]]  ({{.*}}:45:7)
// CHECK-NEXT: [[THROW]]:
// CHECK-NEXT:   throw  ({{.*}}:46:5)
// CHECK-NEXT: [[FREE]]:
// CHECK-NEXT:   call#4 FreeCredentialsHandle(&cred)  ({{.*}}:47:3)
// CHECK-NEXT:   return 0  ({{.*}}:48:3)

struct net_error { int code; };
struct other_error { int code; };

int typed(int x) {
  try {
    if (x)
      throw other_error{x};
    use(x);
  } catch (const net_error &e) {
    return e.code;
  }
  return 0;
}
// No handler catches other_error exactly and there is no catch (...): the throw may
// reach the handler (through a base class) or leave the function, at the throw.
// CHECK-LABEL: func typed
// CHECK:      bb0:
// CHECK-NEXT:   branch cmp(x != 0) -> [[D:bb[0-9]+]], [[U:bb[0-9]+]]
// CHECK-NEXT: [[H:bb[0-9]+]]:
// CHECK-NEXT:   assign e = ?
// CHECK-NEXT:   return e->code
// CHECK-NEXT: [[AFTER:bb[0-9]+]]:
// CHECK-NEXT:   return 0
// CHECK-NEXT: [[D]]:
// CHECK-NEXT:   switch ? [0 -> [[H]]] default [[OUT:bb[0-9]+]]  ({{.*}}:88:7)
// CHECK-NEXT: [[U]]:
// CHECK-NEXT:   call#1 use(x)
// CHECK-NEXT:   switch ? [0 -> [[H]]] default [[AFTER]]
// CHECK-NEXT: [[OUT]]:
// CHECK-NEXT:   throw  ({{.*}}:88:7)

// Acquire in one unit (Inputs/auth-lib.c), release or forget in another: the summary
// table is shared by all the units of the command line, whatever their order.
// RUN: not %sspi-check %s %S/Inputs/auth-lib.c 2>&1 | FileCheck %s --implicit-check-not=warning:
// RUN: not %sspi-check %S/Inputs/auth-lib.c %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Alone, the calls into the library are unknown code: the handles escape into them.
// RUN: %sspi-check %s 2>&1 | count 0
#include "Inputs/auth.h"

extern int do_work(void);

int status_ok(void) {
  CredHandle cred;
  if (auth_get_cred(&cred) != SEC_E_OK)
    return -1;
  do_work();
  auth_put_cred(&cred);
  return 0;
}

int status_forgot(void) {
  CredHandle cred;
  if (auth_get_cred(&cred) != SEC_E_OK)
    return -1;
  return do_work();
  // CHECK: wrappers.c:[[@LINE-1]]:3: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK-NEXT: wrappers.c:[[@LINE-4]]:7: note: credential handle acquired here by 'auth_get_cred'
}

void put_twice(void) {
  CredHandle cred;
  if (FAILED(auth_get_cred(&cred)))
    return;
  auth_put_cred(&cred);
  auth_put_cred(&cred);
  // CHECK: wrappers.c:[[@LINE-1]]:3: warning: credential handle 'cred' is released twice [sspi-double-release]
}

int conn_ok(const wchar_t *spn, SecBufferDesc *out) {
  struct conn c;
  if (conn_open(&c, spn, out) != 0)
    return -1;
  do_work();
  conn_close(&c);
  return 0;
}

int conn_forgot(const wchar_t *spn, SecBufferDesc *out) {
  struct conn c;
  if (conn_open(&c, spn, out) != 0)
    return -1;
  if (do_work() != 0)
    return -1;
  // CHECK: wrappers.c:[[@LINE-1]]:5: warning: context handle 'c.ctx' is not released when the function returns [sspi-context-leak]
  // CHECK-NEXT: wrappers.c:[[@LINE-5]]:7: note: context handle acquired here by 'conn_open'
  // CHECK: wrappers.c:[[@LINE-3]]:5: warning: credential handle 'c.cred' is not released when the function returns [sspi-credential-leak]
  // CHECK-NEXT: wrappers.c:[[@LINE-7]]:7: note: credential handle acquired here by 'conn_open'
  conn_close(&c);
  return 0;
}

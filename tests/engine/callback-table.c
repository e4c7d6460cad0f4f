// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// Connection objects torn down through a function pointer the program sets itself.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct conn;
struct conn_ops {
  void (*close)(struct conn *c);
};
struct conn {
  CredHandle cred;
  struct conn_ops ops;
};

static void conn_close(struct conn *c) { FreeCredentialsHandle(&c->cred); }

static int conn_open(struct conn *c) {
  c->ops.close = conn_close;
  return AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                   &c->cred, NULL) == SEC_E_OK ? 0 : -1;
}

int run_ok(void) {
  struct conn c;
  if (conn_open(&c) != 0)
    return -1;
  c.ops.close(&c);
  return 0;
}

int run_twice(void) {
  struct conn c;
  if (conn_open(&c) != 0)
    return -1;
  c.ops.close(&c);
  c.ops.close(&c);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'c.cred' is released twice [sspi-double-release]
  // CHECK: :[[@LINE-3]]:3: note: first released here
  return 0;
}

int run_forgot(void) {
  struct conn c;
  if (conn_open(&c) != 0)
    return -1;
  return 0;
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'c.cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-4]]:7: note: credential handle acquired here by 'conn_open'
}

// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// One leak is one finding: a connection setup that forgets the credential on every
// error return after the acquisition is reported once, at the first return that leaves
// it held (in source order), with the other returns as notes. Its twin releases the
// credential on every error path and is silent.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct conn {
  SOCKET sock;
  CredHandle cred;
  CtxtHandle ctx;
  int state;
};

extern int conn_resolve(struct conn *c, const char *host);
extern int conn_connect(struct conn *c);
extern int conn_send_hello(struct conn *c);
extern int conn_read_banner(struct conn *c);

int conn_setup_leaky(struct conn *c, const char *host) {
  CredHandle cred;
  if (AcquireCredentialsHandleA(NULL, "Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return -1;
  if (conn_resolve(c, host) != 0)
    return -2;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'cred' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-6]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleA'
  // CHECK: :[[@LINE-7]]:7: note: taking the false branch
  // CHECK: :[[@LINE-5]]:7: note: taking the true branch
  if (conn_connect(c) != 0)
    return -3;
  // CHECK: :[[@LINE-1]]:5: note: 'cred' is also left held here
  if (conn_send_hello(c) != 0)
    return -4;
  // CHECK: :[[@LINE-1]]:5: note: 'cred' is also left held here
  if (conn_read_banner(c) != 0)
    return -5;
  // CHECK: :[[@LINE-1]]:5: note: 'cred' is also left held here
  c->state = 1;
  return 0;
  // CHECK: :[[@LINE-1]]:3: note: 'cred' is also left held here
}

int conn_setup(struct conn *c, const char *host) {
  CredHandle cred;
  int rc = 0;
  if (AcquireCredentialsHandleA(NULL, "Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &cred, NULL) != SEC_E_OK)
    return -1;
  if (conn_resolve(c, host) != 0)
    rc = -2;
  else if (conn_connect(c) != 0)
    rc = -3;
  else if (conn_send_hello(c) != 0)
    rc = -4;
  else if (conn_read_banner(c) != 0)
    rc = -5;
  FreeCredentialsHandle(&cred);
  if (rc == 0)
    c->state = 1;
  return rc;
}

// Two acquisitions are two findings, each once.
int conn_two_leaks(struct conn *c) {
  CredHandle a, b;
  if (AcquireCredentialsHandleA(NULL, "NTLM", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, &a,
                                NULL) != SEC_E_OK)
    return -1;
  if (AcquireCredentialsHandleA(NULL, "Kerberos", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, &b,
                                NULL) != SEC_E_OK)
    return -1;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'a' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-7]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleA'
  if (conn_connect(c) != 0)
    return -3;
  // CHECK: :[[@LINE-1]]:5: warning: credential handle 'b' is not released when the function returns [sspi-credential-leak]
  // CHECK: :[[@LINE-8]]:7: note: credential handle acquired here by 'AcquireCredentialsHandleA'
  FreeCredentialsHandle(&a);
  FreeCredentialsHandle(&b);
  return 0;
}

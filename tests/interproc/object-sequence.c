// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// open / close / free sequences on one connection object in one caller: a failed open
// followed by an unconditional close releases a credential that was never acquired; a
// close followed by a free that releases again is a double release. The correct twins:
// close only after a successful open; a calloc'd object (its handles start empty); a
// close that invalidates the handle, followed by a free that tests it.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>
#include <stdlib.h>

struct conn {
  CredHandle cred;
  int retries;
};

extern int do_request(struct conn *c);

int conn_open(struct conn *c) {
  if (AcquireCredentialsHandleW(NULL, L"Negotiate", SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL,
                                &c->cred, NULL) != SEC_E_OK)
    return -1;
  return 0;
}

void conn_close(struct conn *c) { FreeCredentialsHandle(&c->cred); }

void conn_free(struct conn *c) {
  FreeCredentialsHandle(&c->cred);
  free(c);
}

// Invalidates what it releases; conn_free_checked releases only a valid handle.
void conn_close_clear(struct conn *c) {
  FreeCredentialsHandle(&c->cred);
  SecInvalidateHandle(&c->cred);
}

void conn_free_checked(struct conn *c) {
  if (SecIsValidHandle(&c->cred))
    FreeCredentialsHandle(&c->cred);
  free(c);
}

// Wrong: the close runs after a failed open.
int run_once(void) {
  struct conn c;
  if (conn_open(&c) != 0) {
    conn_close(&c);
    // CHECK: :[[@LINE-1]]:5: warning: credential handle 'c.cred' is released but its acquisition failed [sspi-release-unacquired]
    return -1;
  }
  conn_close(&c);
  return 0;
}

// Correct: close only what was opened.
int run_once_ok(void) {
  struct conn c;
  if (conn_open(&c) != 0)
    return -1;
  conn_close(&c);
  return 0;
}

// Wrong: close, then free, and both release the credential.
int run_heap(void) {
  struct conn *c = calloc(1, sizeof *c);
  if (!c)
    return -1;
  if (conn_open(c) != 0) {
    conn_free(c); // correct: the calloc'd credential is empty, releasing it is harmless
    return -1;
  }
  do_request(c);
  conn_close(c);
  conn_free(c);
  // CHECK: :[[@LINE-1]]:3: warning: credential handle 'c->cred' is released twice [sspi-double-release]
  return 0;
}

// Correct: the close invalidates, the free tests.
int run_heap_ok(void) {
  struct conn *c = calloc(1, sizeof *c);
  if (!c)
    return -1;
  if (conn_open(c) != 0) {
    conn_free_checked(c);
    return -1;
  }
  do_request(c);
  conn_close_clear(c);
  conn_free_checked(c);
  return 0;
}

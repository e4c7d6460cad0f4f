// RUN: not %sspi-check %s 2>&1 | FileCheck %s --implicit-check-not=warning:
// A function with more exits than a summary records (a dispatch on a protocol code
// with a return per code) is summarised as unknown, not as doing nothing: its callers
// do not report the credential it releases on every path as leaked.
#define SECURITY_WIN32
#include <windows.h>
#include <sspi.h>

struct conn {
  CredHandle cred;
  int state;
};

#define CLOSE_CASE(n)                                                                      \
  case n:                                                                                  \
    FreeCredentialsHandle(&c->cred);                                                       \
    c->state = n;                                                                          \
    return n;
#define CLOSE_TEN(t)                                                                       \
  CLOSE_CASE(t##0) CLOSE_CASE(t##1) CLOSE_CASE(t##2) CLOSE_CASE(t##3) CLOSE_CASE(t##4)    \
  CLOSE_CASE(t##5) CLOSE_CASE(t##6) CLOSE_CASE(t##7) CLOSE_CASE(t##8) CLOSE_CASE(t##9)

/* releases the credential on every path, with a status per protocol code */
static int conn_close_with(struct conn *c, int code) {
  switch (code) {
    CLOSE_TEN(1) CLOSE_TEN(2) CLOSE_TEN(3) CLOSE_TEN(4) CLOSE_TEN(5) CLOSE_TEN(6)
    CLOSE_TEN(7) CLOSE_TEN(8) CLOSE_TEN(9) CLOSE_TEN(10) CLOSE_TEN(11) CLOSE_TEN(12)
    CLOSE_TEN(13) CLOSE_TEN(14) CLOSE_TEN(15) CLOSE_TEN(16) CLOSE_TEN(17) CLOSE_TEN(18)
    CLOSE_TEN(19) CLOSE_TEN(20) CLOSE_TEN(21) CLOSE_TEN(22) CLOSE_TEN(23) CLOSE_TEN(24)
    CLOSE_TEN(25) CLOSE_TEN(26) CLOSE_TEN(27) CLOSE_TEN(28)
  default:
    FreeCredentialsHandle(&c->cred);
    return -1;
  }
}

static int conn_open(struct conn *c) {
  return AcquireCredentialsHandleW(NULL, (SEC_WCHAR *)L"Negotiate", SECPKG_CRED_OUTBOUND,
                                   NULL, NULL, NULL, NULL, &c->cred, NULL) == SEC_E_OK
             ? 0
             : -1;
}

int session_end(int code) {
  struct conn c = {0};
  if (conn_open(&c) != 0)
    return -1;
  return conn_close_with(&c, code);
}

int session_forgotten(int code) {
  struct conn c = {0};
  if (conn_open(&c) != 0)
    return -1;
  c.state = code;
  return 0;
  // CHECK: summary-overflow.c:[[@LINE-1]]:3: warning: credential handle 'c.cred' is not released when the function returns [sspi-credential-leak]
}
